namespace Wheelsmith.Docker;

/// <summary><c>docker container start</c>.</summary>
public sealed class DockerContainerStartSettings : DockerSettings
{
    internal override string[] Command => ["container", "start"];

    public bool Attach { get; set; }
}
