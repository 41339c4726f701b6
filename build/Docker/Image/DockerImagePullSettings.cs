namespace Wheelsmith.Docker;

/// <summary><c>docker image pull</c>.</summary>
public sealed class DockerImagePullSettings : DockerSettings
{
    internal override string[] Command => ["image", "pull"];

    public string? Platform { get; set; }

    public bool Quiet { get; set; }
}
