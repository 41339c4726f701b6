namespace Wheelsmith.Docker;

/// <summary><c>docker container create</c>: a container that copy-in/copy-out steps can fill before it starts.</summary>
public sealed class DockerContainerCreateSettings : DockerSettings
{
    internal override string[] Command => ["container", "create"];

    public string? Name { get; set; }

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> to pass the caller's value.</summary>
    public List<string> Env { get; } = [];

    public Dictionary<string, string> Label { get; init; } = [];

    public string? Network { get; set; }

    public string? User { get; set; }

    public string? Workdir { get; set; }

    public string? Entrypoint { get; set; }

    /// <summary>Resource limits, as docker's --ulimit takes them (nofile=1024:4096); repeatable.</summary>
    public List<string> Ulimit { get; } = [];

    /// <summary>The container's memory limit, as docker takes it (512m, 4g).</summary>
    public string? Memory { get; set; }

    /// <summary>How many CPUs the container may use, as docker takes it (1.5).</summary>
    public string? Cpus { get; set; }
}
