using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Wheelsmith.Docker;

/// <summary>Runs one docker verb through Cake's tool infrastructure (tool lookup, logging, exit codes).</summary>
public sealed class DockerRunner<TSettings>(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
    : Tool<TSettings>(fileSystem, environment, processRunner, tools)
    where TSettings : DockerSettings
{
    private ContainerEngine _engine = ContainerEngine.Docker;
    private string _command = "docker";

    /// <summary>A runner of the run's engine CLI (docker or podman, <see cref="ContainerEngine.For"/>).</summary>
    public DockerRunner(ICakeContext context)
        : this(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools)
    {
        _engine = ContainerEngine.For(context);
    }

    /// <summary>Runs with the output shown as it comes.</summary>
    public void Run(TSettings settings, params string[] positionals)
    {
        _command = $"{_engine} {string.Join(' ', settings.Command)}";
        Run(settings, Arguments(settings, positionals));
    }

    /// <summary>Runs and hands every line of output (standard output and error) to <paramref name="onLine"/> as it comes.</summary>
    public void RunStreaming(TSettings settings, Action<string> onLine, params string[] positionals)
    {
        _command = $"{_engine} {string.Join(' ', settings.Command)}";
        string Forward(string line)
        {
            if (line is not null)
            {
                onLine(line);
            }

            return line!;
        }

        Run(settings, Arguments(settings, positionals), new ProcessSettings
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

    protected override string GetToolName() => _engine.Name;

    protected override IEnumerable<string> GetToolExecutableNames() => [_engine.Name];

    // Where the engines' flags differ: Podman's cp prints no progress and refuses --quiet; its containers need limits given.
    private ProcessArgumentBuilder Arguments(TSettings settings, string[] positionals)
    {
        if (settings is DockerContainerCpSettings { Quiet: true } copy && !_engine.CopyHasQuiet)
        {
            copy.Quiet = false;
        }

        // Podman's rm --force waits 10 s for a stop first; Docker's kills at once.
        if (settings is DockerContainerRmSettings { Force: true } remove && _engine.IsPodman)
        {
            remove.Time = "0";
        }

        // Podman keeps a commit message only in Docker's image format.
        if (settings is DockerContainerCommitSettings { Message: not null } commit && _engine.IsPodman)
        {
            commit.Format = "docker";
        }

        var limits = settings switch
        {
            DockerContainerCreateSettings create => create.Ulimit,
            DockerContainerRunSettings run => run.Ulimit,
            _ => null,
        };
        if (limits is { Count: 0 })
        {
            limits.AddRange(_engine.Limits());
        }

        return DockerArguments.Build(settings, positionals);
    }

    protected override void ProcessExitCode(int exitCode)
    {
        if (exitCode != 0)
        {
            throw new CakeException($"{_command} failed with exit code {exitCode}.");
        }
    }

    private (int ExitCode, IReadOnlyList<string> Output) Capture(TSettings settings, string[] positionals, bool quiet)
    {
        _command = $"{_engine} {string.Join(' ', settings.Command)}";
        var exitCode = 0;
        IReadOnlyList<string> output = [];
        Run(settings, Arguments(settings, positionals), new ProcessSettings { RedirectStandardOutput = true, RedirectStandardError = quiet },
            process =>
            {
                output = process.GetStandardOutput().ToList();
                exitCode = process.GetExitCode();
            });
        return (exitCode, output);
    }
}
