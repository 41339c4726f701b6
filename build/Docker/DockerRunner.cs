using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Wheelsmith.Docker;

/// <summary>
/// Runs one verb of the run's engine CLI (docker or podman, <see cref="ContainerEngine.Of"/>) through
/// Cake's tool infrastructure (tool lookup, logging, exit codes). It keeps no state between calls and
/// never changes the settings it is given: the engine's adjustments go to a copy.
/// </summary>
public sealed class DockerRunner<TSettings>(ICakeContext context)
    : Tool<TSettings>(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools)
    where TSettings : DockerSettings
{
    private readonly ContainerEngine _engine = ContainerEngine.Of(context);

    /// <summary>Runs with the output shown as it comes.</summary>
    public void Run(TSettings settings, params string[] positionals)
    {
        var adapted = Adapt(settings, failOnExitCode: true);
        Run(adapted, DockerArguments.Build(adapted, positionals));
    }

    /// <summary>Runs and hands every line of output (standard output and error) to <paramref name="onLine"/> as it comes.</summary>
    public void RunStreaming(TSettings settings, Action<string> onLine, params string[] positionals)
    {
        string Forward(string line)
        {
            if (line is not null)
            {
                onLine(line);
            }

            return line!;
        }

        var adapted = Adapt(settings, failOnExitCode: true);
        Run(adapted, DockerArguments.Build(adapted, positionals), new ProcessSettings
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectedStandardOutputHandler = Forward,
            RedirectedStandardErrorHandler = Forward,
        }, null);
    }

    /// <summary>Runs and returns what the command wrote to standard output.</summary>
    public IReadOnlyList<string> RunWithOutput(TSettings settings, params string[] positionals) =>
        Capture(Adapt(settings, failOnExitCode: true), positionals, quiet: false).Output;

    /// <summary>Runs without failing on a non-zero exit; standard error is kept out of the log.</summary>
    public (int ExitCode, IReadOnlyList<string> Output) TryRun(TSettings settings, params string[] positionals) =>
        Capture(Adapt(settings, failOnExitCode: false), positionals, quiet: true);

    protected override string GetToolName() => _engine.Name;

    protected override IEnumerable<string> GetToolExecutableNames() => [_engine.Name];

    // The engine's copy of the settings, with this call's exit-code handling: a failure names the verb.
    private TSettings Adapt(TSettings settings, bool failOnExitCode)
    {
        var adapted = _engine.Adapt(settings);
        var command = $"{_engine} {string.Join(' ', settings.Command)}";
        adapted.HandleExitCode = exitCode => !failOnExitCode || exitCode == 0 ? true : throw new CakeException($"{command} failed with exit code {exitCode}.");
        return adapted;
    }

    private (int ExitCode, IReadOnlyList<string> Output) Capture(TSettings adapted, string[] positionals, bool quiet)
    {
        var exitCode = 0;
        IReadOnlyList<string> output = [];
        Run(adapted, DockerArguments.Build(adapted, positionals), new ProcessSettings { RedirectStandardOutput = true, RedirectStandardError = quiet },
            process =>
            {
                output = process.GetStandardOutput().ToList();
                exitCode = process.GetExitCode();
            });
        return (exitCode, output);
    }
}
