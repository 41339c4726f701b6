namespace Wheelsmith.Docker;

/// <summary><c>docker container ls</c>.</summary>
public sealed class DockerContainerLsSettings : DockerSettings
{
    internal override string[] Command => ["container", "ls"];

    public bool All { get; set; }

    /// <summary>Such as <c>label=io.wheelsmith.tool=wheelsmith</c>.</summary>
    public List<string> Filter { get; } = [];

    public string? Format { get; set; }
}
