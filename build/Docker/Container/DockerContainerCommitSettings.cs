namespace Wheelsmith.Docker;

/// <summary><c>docker container commit</c>: an image from a container, with Dockerfile instructions such as LABEL applied.</summary>
public sealed class DockerContainerCommitSettings : DockerSettings
{
    internal override string[] Command => ["container", "commit"];

    public List<string> Change { get; } = [];

    public string? Message { get; set; }

    /// <summary>Podman's image format (docker or oci); the Docker CLI has no such flag.</summary>
    public string? Format { get; set; }
}
