namespace Wheelsmith.Docker;

/// <summary><c>docker container rm</c>.</summary>
public sealed class DockerContainerRmSettings : DockerSettings
{
    internal override string[] Command => ["container", "rm"];

    public bool Force { get; set; }

    public bool Volumes { get; set; }
}
