namespace Wheelsmith.Docker;

/// <summary><c>docker image inspect</c>.</summary>
public sealed class DockerImageInspectSettings : DockerSettings
{
    internal override string[] Command => ["image", "inspect"];

    public string? Format { get; set; }
}
