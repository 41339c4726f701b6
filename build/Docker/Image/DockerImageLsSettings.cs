namespace Wheelsmith.Docker;

/// <summary><c>docker image ls</c>.</summary>
public sealed class DockerImageLsSettings : DockerSettings
{
    internal override string[] Command => ["image", "ls"];

    /// <summary>Such as <c>label=io.wheelsmith.tool=wheelsmith</c>.</summary>
    public List<string> Filter { get; } = [];

    public string? Format { get; set; }
}
