namespace Wheelsmith.Docker;

/// <summary><c>docker container rm</c>.</summary>
public sealed class DockerContainerRmSettings : DockerSettings
{
    internal override string[] Command => ["container", "rm"];

    public bool Force { get; set; }

    public bool Volumes { get; set; }

    /// <summary>Podman's seconds to wait for a stop before killing; the Docker CLI has no such flag (its --force kills at once).</summary>
    public string? Time { get; set; }
}
