namespace Wheelsmith.Docker;

/// <summary><c>docker version</c>: the one call that tells whether an engine answers.</summary>
public sealed class DockerVersionSettings : DockerSettings
{
    internal override string[] Command => ["version"];

    public string? Format { get; set; }
}
