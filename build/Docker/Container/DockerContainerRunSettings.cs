namespace Wheelsmith.Docker;

/// <summary><c>docker container run</c>.</summary>
public sealed class DockerContainerRunSettings : DockerSettings
{
    internal override string[] Command => ["container", "run"];

    public bool Rm { get; set; }

    public string? Name { get; set; }

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> to pass the caller's value.</summary>
    public List<string> Env { get; } = [];

    public Dictionary<string, string> Label { get; init; } = [];

    public string? Network { get; set; }

    public bool Privileged { get; set; }

    public string? User { get; set; }

    public string? Workdir { get; set; }

    public string? Entrypoint { get; set; }

    /// <summary>Resource limits, as docker's --ulimit takes them (nofile=1024:4096); repeatable.</summary>
    public List<string> Ulimit { get; } = [];
}
