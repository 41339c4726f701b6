using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>The real engine, for tests that need it. In CI its absence fails them; elsewhere it skips them.</summary>
internal static class DockerEngine
{
    public static bool InCI => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static BuildProcess.Result Docker(params string[] arguments) =>
        BuildProcess.Exec("docker", arguments, timeout: TimeSpan.FromMinutes(5));

    /// <summary>Trims what docker printed to standard output (and error) of a command that must succeed.</summary>
    public static string Output(params string[] arguments)
    {
        var result = Docker(arguments);
        Assert.That(result.ExitCode, Is.Zero, () => $"docker {string.Join(' ', arguments)}: {result}");
        return result.Output.Trim();
    }

    /// <summary>The names of every container with this tool's label, one per line; empty when none is left.</summary>
    public static string LabelledContainers() => Output("ps", "--all", "--format", "{{.Names}}", "--filter", ToolLabels.ToolFilter);

    /// <summary>
    /// The names of this tool's containers whose run has ended, one per line; empty when none is left. A
    /// run's containers carry its host and process id (as the tool's own stale-container check reads
    /// them), so the live runs of a fixture beside this one are not counted, and every container of a
    /// run that ended is. A container a test made from one of the tool's images inherits its labels with
    /// the run's blanked (the tool blanks them on every image it commits): that one no run made.
    /// </summary>
    public static string LeftContainers()
    {
        var host = System.Net.Dns.GetHostName();
        // The name last: the labels may be empty, and the output's end is trimmed.
        var rows = Output("ps", "--all", "--filter", ToolLabels.ToolFilter, "--format",
            $"{{{{.Label \"{ToolLabels.Host}\"}}}}|{{{{.Label \"{ToolLabels.Pid}\"}}}}|{{{{.Names}}}}");
        return string.Join('\n', rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(row => row.Split('|'))
            .Where(row => row[0].Length > 0 && !(row[0] == host && Directory.Exists("/proc/" + row[1])))
            .Select(row => row[2]));
    }

    /// <summary>
    /// The containers a run created (and started) between two times, as "action image name" lines: every
    /// container the tool makes carries its process's id, so other runs' containers in the same window
    /// (an earlier test's, a fixture's beside this one) are not counted.
    /// </summary>
    public static string ContainersCreatedBy(int pid, long since, long until) => Output("events",
        "--since", since.ToString(System.Globalization.CultureInfo.InvariantCulture), "--until", until.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--filter", "type=container", "--filter", "event=create", "--filter", "event=start", "--filter", $"label={ToolLabels.Pid}={pid}",
        "--format", "{{.Action}} {{.Actor.Attributes.image}} {{.Actor.Attributes.name}}");

    public static void Require(string why, BuildProcess.Result? attempt = null)
    {
        var engine = Docker("version", "--format", "{{.Server.Version}}");
        if (engine.ExitCode == 0 && SuiteChecks.SetUpFailure is null)
        {
            return;
        }

        var message = engine.ExitCode != 0
            ? $"{why} needs a Docker engine, and none answers: {engine.Output.Trim()} {attempt}"
            : $"{why} needs the suite's set-up (the host and every image, made once), which did not complete: {SuiteChecks.SetUpFailure}";
        if (InCI)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
