namespace Wheelsmith.Docker;

/// <summary><c>docker container exec</c>.</summary>
public sealed class DockerContainerExecSettings : DockerSettings
{
    internal override string[] Command => ["container", "exec"];

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> to pass the caller's value.</summary>
    public List<string> Env { get; } = [];

    public string? User { get; set; }

    public string? Workdir { get; set; }
}
