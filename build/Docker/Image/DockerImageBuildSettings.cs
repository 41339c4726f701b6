namespace Wheelsmith.Docker;

/// <summary><c>docker image build</c>.</summary>
public sealed class DockerImageBuildSettings : DockerSettings
{
    internal override string[] Command => ["image", "build"];

    public string? File { get; set; }

    public List<string> Tag { get; } = [];

    public Dictionary<string, string> BuildArg { get; } = [];

    public Dictionary<string, string> Label { get; } = [];

    /// <summary>Network of the RUN steps; "none" keeps a build offline.</summary>
    public string? Network { get; set; }

    public bool Pull { get; set; }

    /// <summary>Removes intermediate containers also when a step fails.</summary>
    public bool ForceRm { get; set; }

    public bool Quiet { get; set; }
}
