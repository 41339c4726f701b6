using Cake.Core;
using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Docker;

/// <summary>What a container of this tool is made from; <see cref="Command"/> keeps it alive for exec.</summary>
public sealed record ContainerRequest(string Name, string Image, IReadOnlyDictionary<string, string> Labels, string? Network, string? Memory = null, string? Cpus = null)
{
    public IReadOnlyList<string> Command { get; init; } = ["sleep", "infinity"];

    /// <summary>The machine the container's programs run as, when not the host's own: they run under QEMU.</summary>
    public Architecture? Machine { get; init; }
}

/// <summary>
/// One container's whole life, for every container this tool makes (cells, before-all, the image
/// probe), as cibuildwheel's OCIContainer: created with the run's labels and registered with the
/// run's resources before it exists (an interruption between create and the first step still removes
/// it), filled by copying (never a bind mount: a build cannot write into the source, and a remote
/// engine works the same), started, run, copied out, committed, and removed on dispose.
/// </summary>
public sealed class ContainerSession : IDisposable
{
    private readonly ICakeContext _context;
    private readonly RunResources _resources;
    private readonly Action<string> _log;

    // What every process started in the container (exec) gets first in its environment; the step's own variables
    // come after it and win. Never part of the container itself, so a commit does not keep it.
    private readonly IReadOnlyList<string> _execEnvironment;

    private ContainerSession(ICakeContext context, RunResources resources, ContainerRequest request, Action<string> log)
    {
        _context = context;
        _resources = resources;
        Name = request.Name;
        _execEnvironment = request.Machine is { } machine ? EmulatedCpu.Environment(machine) : [];
        _log = log;
    }

    public string Name { get; }

    /// <summary>Creates the container; <paramref name="log"/> hears what goes wrong while removing it.</summary>
    public static ContainerSession Create(ICakeContext context, RunResources resources, ContainerRequest request, Action<string> log)
    {
        var create = new DockerContainerCreateSettings { Name = request.Name, Network = request.Network, Memory = request.Memory, Cpus = request.Cpus, Label = new(request.Labels) };

        resources.HoldContainer(request.Name);
        var session = new ContainerSession(context, resources, request, log);
        try
        {
            context.DockerCreate(create, request.Image, [.. request.Command]);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Copies a host folder's content (or a file) to <paramref name="path"/> in the container.</summary>
    public void CopyIn(string host, string path, Action<string> onLine) =>
        _context.DockerCp(new DockerContainerCpSettings { Quiet = true }, onLine, Directory.Exists(host) ? host.TrimEnd('/') + "/." : host, $"{Name}:{path}");

    public void CopyOut(string path, string host, Action<string> onLine) =>
        _context.DockerCp(new DockerContainerCpSettings { Quiet = true }, onLine, $"{Name}:{path}", host);

    public void Start() => _context.DockerStart(new DockerContainerStartSettings(), Name);

    /// <summary>Runs a command; each line it prints goes to <paramref name="onLine"/>. A non-zero exit throws.</summary>
    public void Exec(DockerContainerExecSettings settings, Action<string> onLine, IReadOnlyList<string> command) =>
        _context.DockerExec(ForExec(settings), onLine, Name, [.. command]);

    public IReadOnlyList<string> ExecWithOutput(DockerContainerExecSettings settings, IReadOnlyList<string> command) =>
        _context.DockerExecWithOutput(ForExec(settings), Name, [.. command]);

    /// <summary>Runs a command without failing: its exit code and standard output.</summary>
    public (int ExitCode, IReadOnlyList<string> Output) TryExec(IReadOnlyList<string> command) =>
        _context.DockerExecTry(ForExec(new DockerContainerExecSettings()), Name, [.. command]);

    /// <summary>
    /// Makes an image of the container. The run's identity (run, host, process) is blanked on it:
    /// a container made from the image later must not look like one of this run's.
    /// </summary>
    public void Commit(string reference, string message, IEnumerable<string> changes)
    {
        var commit = new DockerContainerCommitSettings { Message = message };
        commit.Change.AddRange(changes);
        commit.Change.AddRange(ToolLabels.Changes(ToolLabels.RunIdentity.Select(label => KeyValuePair.Create(label, string.Empty))));
        _context.DockerCommit(commit, Name, reference);
    }

    public void Dispose()
    {
        // After an interruption the signal handler removes what the run holds.
        if (_resources.HandedOver)
        {
            return;
        }

        try
        {
            _context.DockerRm(new DockerContainerRmSettings { Force = true }, Name);
        }
        catch (CakeException exception)
        {
            _log($"could not remove container {Name}: {exception.Message}");
        }

        _resources.ReleaseContainer(Name);
    }

    // A copy: the caller's settings are left as they were.
    private DockerContainerExecSettings ForExec(DockerContainerExecSettings settings)
    {
        if (_execEnvironment.Count == 0)
        {
            return settings;
        }

        var copy = (DockerContainerExecSettings)settings.Copy();
        copy.Env.InsertRange(0, _execEnvironment);
        return copy;
    }
}
