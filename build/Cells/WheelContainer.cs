using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith.Cells;

/// <summary>
/// A cell's container: a <see cref="ContainerSession"/> whose steps are logged to the cell's log,
/// named in failures, checked against --fail-fast between steps, and diagnosed when the kernel's OOM
/// killer or a full disk ended them. Steps run as the invoking user, so nothing needs its owner
/// changed afterwards.
/// </summary>
public sealed class WheelContainer : IDisposable
{
    private readonly CellWork _work;
    private readonly CellLog _log;
    private readonly WheelCell _cell;
    private readonly ContainerSession _session;

    private WheelContainer(CellWork work, CellLog log, WheelCell cell, ContainerSession session)
    {
        _work = work;
        _log = log;
        _cell = cell;
        _session = session;
    }

    public static WheelContainer Start(CellWork work, CellLog log, WheelCell cell, string image, Architecture machine, string role, IEnumerable<(string Host, string Container)> inputs)
    {
        var request = new ContainerRequest($"wheelsmith-{work.Plan.RunId}-{cell.Architecture}-{cell.CPython}-{role}", image, work.Plan.ContainerLabels,
            cell.Policy.Network, cell.Options.Memory, cell.Options.Cpus) { Machine = machine };
        var container = new WheelContainer(work, log, cell, ContainerSession.Create(work.Cake, work.Resources, request, log.Line));
        try
        {
            container.ThrowIfStopped();
            var copied = inputs.ToList();
            foreach (var (host, path) in copied)
            {
                container.CopyIn(host, path);
            }

            container._session.Start();
            if (cell.DockerUser is { } user && copied.Count > 0)
            {
                // docker cp writes as root; the one step that runs as root hands the copies to the user.
                string[] chown = ["chown", "-R", user, .. copied.Select(c => c.Container)];
                container.Exec("own the copies", $"own the copies: {string.Join(' ', chown)}", chown, [], null, "0:0", log.Line);
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
        Copy("copy in", $"copy in {host} to {path}", onLine => _session.CopyIn(host, path, onLine));

    public void CopyOut(string path, string host) => Copy("copy out", $"copy out {path}", onLine => _session.CopyOut(path, host, onLine));

    /// <summary>Runs one step as the invoking user; its output goes to the cell's log as it comes. A non-zero exit fails the step.</summary>
    public void Run(string title, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workdir = null) =>
        Exec(title, $"{title}: {string.Join(' ', command)}", command, environment, workdir, _cell.DockerUser, _log.Line);

    /// <summary>
    /// Evaluates an environment in the container's shell and returns the values; the log names the variables only,
    /// never the script (its assignments) nor the values, which may be secrets.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Evaluate(string title, EnvironmentScript script, IReadOnlyList<string> environment)
    {
        var values = new List<KeyValuePair<string, string>>();
        Exec(title, $"{title}: {string.Join(' ', script.Names)} evaluated by the container's shell", script.Command, environment, WheelCell.ProjectPath, _cell.DockerUser,
            EnvironmentScript.Reader(values, _log.Line));
        return values;
    }

    /// <summary>The names of the files in a folder of the container.</summary>
    public IReadOnlyList<string> List(string path) =>
        _session.ExecWithOutput(new DockerContainerExecSettings { User = _cell.DockerUser }, ["ls", "-1", path]).Where(n => n.Length > 0).ToList();

    /// <summary>Whether a path exists in the container.</summary>
    public bool Exists(string path) => _session.TryExec(["test", "-e", path]).ExitCode == 0;

    public void Dispose() => _session.Dispose();

    // Under --fail-fast a failed cell stops the others between their steps.
    private void ThrowIfStopped()
    {
        if (_work.Stopped())
        {
            throw new CakeException("stopped: another cell failed and --fail-fast is set");
        }
    }

    private void Exec(string title, string logged, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workdir, string? user, Action<string> onLine)
    {
        var settings = new DockerContainerExecSettings { Workdir = workdir, User = user };
        settings.Env.AddRange(environment);
        Step(title, logged, () =>
        {
            try
            {
                _session.Exec(settings, onLine, command);
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
        var (exitCode, output) = _session.TryExec(["sh", "-c", "cat /sys/fs/cgroup/memory.events 2>/dev/null || cat /sys/fs/cgroup/memory/memory.oom_control"]);
        var line = exitCode == 0 ? output.FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal)) : null;
        return line is not null && int.TryParse(line["oom_kill ".Length..], out var kills) ? kills : 0;
    }

    private void Copy(string title, string logged, Action<Action<string>> copy) =>
        Step(title, logged, () =>
        {
            var said = new List<string>();
            try
            {
                copy(line => { said.Add(line); _log.Line(line); });
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
