using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Wheelsmith.Docker;

/// <summary>Runs one docker verb through Cake's tool infrastructure (tool lookup, logging, exit codes).</summary>
public sealed class DockerRunner<TSettings>(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
    : Tool<TSettings>(fileSystem, environment, processRunner, tools)
    where TSettings : DockerSettings
{
    private string _command = "docker";

    public DockerRunner(ICakeContext context)
        : this(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools)
    {
    }

    /// <summary>Runs with the output shown as it comes.</summary>
    public void Run(TSettings settings, params string[] positionals)
    {
        _command = "docker " + string.Join(' ', settings.Command);
        Run(settings, DockerArguments.Build(settings, positionals));
    }

    /// <summary>Runs and hands every line of output (standard output and error) to <paramref name="onLine"/> as it comes.</summary>
    public void RunStreaming(TSettings settings, Action<string> onLine, params string[] positionals)
    {
        _command = "docker " + string.Join(' ', settings.Command);
        string Forward(string line)
        {
            if (line is not null)
            {
                onLine(line);
            }

            return line!;
        }

        Run(settings, DockerArguments.Build(settings, positionals), new ProcessSettings
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectedStandardOutputHandler = Forward,
            RedirectedStandardErrorHandler = Forward,
        }, null);
    }

    /// <summary>Runs and returns what the command wrote to standard output.</summary>
    public IReadOnlyList<string> RunWithOutput(TSettings settings, params string[] positionals) =>
        Capture(settings, positionals, quiet: false).Output;

    /// <summary>Runs without failing on a non-zero exit; standard error is kept out of the log.</summary>
    public (int ExitCode, IReadOnlyList<string> Output) TryRun(TSettings settings, params string[] positionals)
    {
        settings.HandleExitCode = _ => true;
        return Capture(settings, positionals, quiet: true);
    }

    protected override string GetToolName() => "Docker";

    protected override IEnumerable<string> GetToolExecutableNames() => ["docker"];

    protected override void ProcessExitCode(int exitCode)
    {
        if (exitCode != 0)
        {
            throw new CakeException($"{_command} failed with exit code {exitCode}.");
        }
    }

    private (int ExitCode, IReadOnlyList<string> Output) Capture(TSettings settings, string[] positionals, bool quiet)
    {
        _command = "docker " + string.Join(' ', settings.Command);
        var exitCode = 0;
        IReadOnlyList<string> output = [];
        Run(settings, DockerArguments.Build(settings, positionals), new ProcessSettings { RedirectStandardOutput = true, RedirectStandardError = quiet },
            process =>
            {
                output = process.GetStandardOutput().ToList();
                exitCode = process.GetExitCode();
            });
        return (exitCode, output);
    }
}
