namespace Wheelsmith.Docker;

/// <summary><c>docker image rm</c>.</summary>
public sealed class DockerImageRmSettings : DockerSettings
{
    internal override string[] Command => ["image", "rm"];

    public bool Force { get; set; }
}
