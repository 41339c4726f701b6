namespace Wheelsmith.Docker;

/// <summary><c>docker image import</c>: a root file system tarball becomes an image.</summary>
public sealed class DockerImageImportSettings : DockerSettings
{
    internal override string[] Command => ["image", "import"];

    /// <summary>Dockerfile instructions applied to the imported image, such as <c>LABEL a=b</c>.</summary>
    public List<string> Change { get; } = [];

    public string? Message { get; set; }
}
