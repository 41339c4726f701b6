namespace Wheelsmith.Docker;

/// <summary><c>docker container create</c>: a container that copy-in/copy-out steps can fill before it starts.</summary>
public sealed class DockerContainerCreateSettings : DockerSettings
{
    internal override string[] Command => ["container", "create"];

    public string? Name { get; set; }

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> to pass the caller's value.</summary>
    public List<string> Env { get; } = [];

    public Dictionary<string, string> Label { get; } = [];

    public string? Network { get; set; }

    public string? User { get; set; }

    public string? Workdir { get; set; }

    public string? Entrypoint { get; set; }
}
