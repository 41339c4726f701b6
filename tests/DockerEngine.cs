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

    public static void Require(string why, BuildProcess.Result? attempt = null)
    {
        var engine = Docker("version", "--format", "{{.Server.Version}}");
        if (engine.ExitCode == 0)
        {
            return;
        }

        var message = $"{why} needs a Docker engine, and none answers: {engine.Output.Trim()} {attempt}";
        if (InCI)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
