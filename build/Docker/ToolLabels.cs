namespace Wheelsmith.Docker;

/// <summary>Labels on the images and containers this tool makes, so that it finds (and cleans) only its own.</summary>
public static class ToolLabels
{
    public const string ToolName = "wheelsmith";
    public const string Tool = "io.wheelsmith.tool";
    public const string Inputs = "io.wheelsmith.inputs";
    public const string Recipe = "io.wheelsmith.recipe";
    public const string Revision = "org.opencontainers.image.revision";
    public const string BaseName = "org.opencontainers.image.base.name";

    /// <summary>What the probe found in an image, kept on it so that an up-to-date image is known without starting a container.</summary>
    public const string ProbeMachine = "io.wheelsmith.probe.machine";
    public const string ProbeCPythons = "io.wheelsmith.probe.cpython";
    public const string ProbeMagickWand = "io.wheelsmith.probe.magickwand";

    /// <summary>The run that made a container, and the host and process that ran it: a container whose process is gone is stale.</summary>
    public const string Run = "io.wheelsmith.run";
    public const string Host = "io.wheelsmith.host";
    public const string Pid = "io.wheelsmith.pid";

    /// <summary>The labels that say which run a container belongs to; blanked on the images made from containers.</summary>
    public static readonly IReadOnlyList<string> RunIdentity = [Run, Host, Pid];

    public static string ToolFilter => $"label={Tool}={ToolName}";

    /// <summary>
    /// The image changes (import's and commit's --change) that set <paramref name="labels"/>: one LABEL each,
    /// because Podman reads <c>LABEL a=1 b=2</c> as one label a whose value is "1 b=2".
    /// </summary>
    public static IEnumerable<string> Changes(IEnumerable<KeyValuePair<string, string>> labels) =>
        labels.Select(label => $"LABEL {label.Key}={label.Value}");

    /// <summary>On every container of a run: the tool, the run, and the host and process that can remove it.</summary>
    public static IReadOnlyDictionary<string, string> ForRun(string runId) => new Dictionary<string, string>
    {
        [Tool] = ToolName,
        [Run] = runId,
        [Host] = System.Net.Dns.GetHostName(),
        [Pid] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
