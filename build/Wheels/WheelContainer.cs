using Cake.Core;
using Wheelsmith.Docker;

namespace Wheelsmith.Wheels;

/// <summary>
/// One container's whole life: create, copy in, start, run steps, copy out, and always remove.
/// Files go in and out by copying, never by bind mount: a build cannot write into the source,
/// two cells never share a folder, and a remote engine (DOCKER_HOST) works the same. Steps run
/// as the invoking user, so nothing needs its owner changed afterwards.
/// </summary>
public sealed class WheelContainer : IDisposable
{
    private readonly BuildContext _context;
    private readonly CellLog _log;
    private readonly WheelCell _cell;

    private WheelContainer(BuildContext context, CellLog log, WheelCell cell, string name)
    {
        _context = context;
        _log = log;
        _cell = cell;
        Name = name;
    }

    public string Name { get; }

    public static WheelContainer Start(BuildContext context, CellLog log, WheelCell cell, string image, string role, IEnumerable<(string Host, string Container)> inputs)
    {
        var name = $"wheelsmith-{context.RunId}-{cell.Architecture}-{cell.CPython}-{role}";
        var create = new DockerContainerCreateSettings { Name = name, Network = cell.Policy.Network, Memory = cell.Options.Memory, Cpus = cell.Options.Cpus };
        foreach (var (label, value) in context.ContainerLabels)
        {
            create.Label[label] = value;
        }

        // Known before it exists: an interruption between create and the first step still removes it.
        context.ActiveContainers.TryAdd(name, 0);
        var container = new WheelContainer(context, log, cell, name);
        try
        {
            context.DockerCreate(create, image, "sleep", "infinity");
            container.ThrowIfStopped();
            var copied = inputs.ToList();
            foreach (var (host, path) in copied)
            {
                container.CopyIn(host, path);
            }

            context.DockerStart(new DockerContainerStartSettings(), name);
            if (cell.DockerUser is { } user && copied.Count > 0)
            {
                // docker cp writes as root; the one step that runs as root hands the copies to the user.
                container.Exec("own the copies", ["chown", "-R", user, .. copied.Select(c => c.Container)], [], null, "0:0");
            }

            return container;
        }
        catch
        {
            container.Dispose();
            throw;
        }
    }

    /// <summary>Copies a host folder's content (or a file) to <paramref name="path"/> in the container.</summary>
    public void CopyIn(string host, string path) =>
        Copy("copy in", $"copy in {host} to {path}", Directory.Exists(host) ? host.TrimEnd('/') + "/." : host, $"{Name}:{path}");

    public void CopyOut(string path, string host) => Copy("copy out", $"copy out {path}", $"{Name}:{path}", host);

    /// <summary>Runs one step as the invoking user; its output goes to the cell's log as it comes. A non-zero exit fails the step.</summary>
    public void Run(string title, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workdir = null) =>
        Exec(title, command, environment, workdir, _cell.DockerUser);

    /// <summary>The names of the files in a folder of the container.</summary>
    public IReadOnlyList<string> List(string path) =>
        _context.DockerExecWithOutput(new DockerContainerExecSettings { User = _cell.DockerUser }, Name, "ls", "-1", path).Where(n => n.Length > 0).ToList();

    public void Dispose()
    {
        if (_context.Interrupted)
        {
            return;
        }

        try
        {
            _context.DockerRm(new DockerContainerRmSettings { Force = true }, Name);
        }
        catch (CakeException exception)
        {
            _log.Line($"could not remove container {Name}: {exception.Message}");
        }

        _context.ActiveContainers.TryRemove(Name, out _);
    }

    // Under --fail-fast a failed cell stops the others between their steps.
    private void ThrowIfStopped()
    {
        if (_context.Scheduler.Stopped)
        {
            throw new CakeException("stopped: another cell failed and --fail-fast is set");
        }
    }

    private void Exec(string title, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workdir, string? user)
    {
        var settings = new DockerContainerExecSettings { Workdir = workdir, User = user };
        settings.Env.AddRange(environment);
        Step(title, $"{title}: {string.Join(' ', command)}", () =>
        {
            try
            {
                _context.DockerExec(settings, _log.Line, Name, [.. command]);
            }
            catch (CakeException) when (OutOfMemoryKills() > 0)
            {
                throw new CakeException($"out of memory: the kernel's OOM killer ended it at the container's limit, --memory={_cell.Options.Memory}; give a larger --memory or fewer --jobs");
            }
        });
    }

    // The container's own memory cgroup counts the processes the kernel killed for lack of memory (cgroup v2 or v1).
    private int OutOfMemoryKills()
    {
        var (exitCode, output) = _context.DockerExecTry(new DockerContainerExecSettings(), Name,
            "sh", "-c", "cat /sys/fs/cgroup/memory.events 2>/dev/null || cat /sys/fs/cgroup/memory/memory.oom_control");
        var line = exitCode == 0 ? output.FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal)) : null;
        return line is not null && int.TryParse(line["oom_kill ".Length..], out var kills) ? kills : 0;
    }

    private void Copy(string title, string logged, string source, string destination) =>
        Step(title, logged, () =>
        {
            var said = new List<string>();
            try
            {
                _context.DockerCp(new DockerContainerCpSettings { Quiet = true }, line => { said.Add(line); _log.Line(line); }, source, destination);
            }
            catch (CakeException) when (said.Any(line => line.Contains("no space left on device", StringComparison.OrdinalIgnoreCase)))
            {
                throw new CakeException(DiskFull.Reason(_cell.Options.Output));
            }
        });

    // A step's failure names the step; the docker verb's own message says how it failed.
    private void Step(string title, string logged, Action run)
    {
        ThrowIfStopped();
        _log.Step(title, logged);
        try
        {
            run();
        }
        catch (CakeException exception)
        {
            throw new CakeException($"{title} failed ({exception.Message})");
        }
    }
}
