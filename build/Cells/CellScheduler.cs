using Cake.Core;
using Wheelsmith.Cells.Progress;
using Wheelsmith.Docker;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells;

/// <summary>
/// Runs the cells up to --jobs at a time. Cake's engine runs tasks one after another: the first
/// BuildWheel task starts every cell (<see cref="StartAll"/>), and each BuildWheel task then waits for
/// its own (<see cref="Outcome"/>), so the graph, the summary and the per-cell failures stay Cake's
/// while the work overlaps (the aarch64 cells, emulated, are each bound to one core). Every cell
/// publishes the wheels a later CPython may take (abi3, py3-none) after its repair, before its test;
/// a cell starting takes what the earliest cell of its architecture published that its CPython
/// accepts (<see cref="CellReuse"/>). The first cell of an architecture is waited for
/// (<see cref="RunPlan.WaitsFor"/>): a free worker meanwhile takes the next cell that may start.
/// </summary>
public sealed class CellScheduler(ICakeContext cake, RunPlan plan, ImageSet images, RunResources resources, CellOutcomes outcomes, CellConsole console)
{
    private readonly Dictionary<WheelCell, Task<WheelResult>> _cells = [];
    private readonly List<QueuedCell> _pending = [];

    // Of each cell: what it published that later cells may reuse (null: nothing reusable, or it failed first).
    private readonly Dictionary<WheelCell, TaskCompletionSource<ReusableWheels?>> _published = [];

    // Each reusable wheel's name, per architecture: the cell that published it first, and its content.
    private readonly Dictionary<(Architecture, string), (WheelCell Cell, byte[] Content)> _owners = [];
    private readonly List<Task> _workers = [];
    private readonly object _gate = new();
    private volatile bool _stopped;
    private string _stopReason = "not started: an earlier cell failed and --fail-fast is set";

    /// <summary>
    /// Queues every cell whose images are ready and starts --jobs workers, once; a live view then
    /// draws the cells until all have ended.
    /// </summary>
    public void StartAll()
    {
        lock (_gate)
        {
            if (_cells.Count > 0)
            {
                return;
            }

            var work = new CellWork(cake, plan, resources, console, () => _stopped);
            foreach (var cell in plan.Cells.Where(c => images.HasImagesFor(c) == true))
            {
                var queued = new QueuedCell(cell, images.BuildImage(cell.Architecture)!.Reference, images.TestImage(cell.Architecture)!.Reference,
                    new TaskCompletionSource<WheelResult>(TaskCreationOptions.RunContinuationsAsynchronously));
                _pending.Add(queued);
                _cells[cell] = queued.Outcome.Task;
                _published[cell] = new TaskCompletionSource<ReusableWheels?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            // Counted before the first worker starts: a worker dequeues at once, and a count read in the loop's
            // condition started fewer workers than --jobs (on a busy host, one, so the cells ran one at a time).
            // Each worker has a thread of its own, not a pooled one, as it blocks for minutes on the engine.
            var workers = Math.Min(plan.Options.Jobs, _pending.Count);
            for (var worker = 0; worker < workers; worker++)
            {
                _workers.Add(Task.Factory.StartNew(() => Work(work), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
        }

        console.Watch([.. _cells.Keys], Task.WhenAll(_cells.Values).ContinueWith(_ => { }, TaskScheduler.Default));
    }

    /// <summary>The cell's outcome, once <see cref="StartAll"/> queued it; a failed cell's task fails.</summary>
    public Task<WheelResult> Outcome(WheelCell cell) => _cells[cell];

    /// <summary>
    /// With --fail-fast, once a cell failed: starts no more cells, removes the containers of those
    /// running so that they end now, and waits for them.
    /// </summary>
    public void StopAndWait()
    {
        Stop();
        Task[] workers;
        lock (_gate)
        {
            workers = [.. _workers];
        }

        Task.WaitAll(workers);
    }

    // --jobs workers take the cells in the plan's order, each the first that may start: which cell starts next depends on timing
    // only through the cells it waits for.
    private void Work(CellWork work)
    {
        while (Next() is { } next)
        {
            try
            {
                RunCell(work, next);
            }
            finally
            {
                // A cell waiting for this one may start now, whatever became of it.
                Publish(next.Cell, null);
            }
        }
    }

    // The first pending cell whose earlier cell (if it has one in this run) has ended, waiting until there is one; null when none is left.
    // The first pending cell in plan order always has one it waits for ahead of it, taken by a worker: this never waits for ever.
    private QueuedCell? Next()
    {
        lock (_gate)
        {
            while (_pending.Count > 0)
            {
                var ready = _pending.FirstOrDefault(queued => _stopped || plan.WaitsFor(queued.Cell) is not { } source || !_published.TryGetValue(source, out var published) || published.Task.IsCompleted
                    || !_cells.ContainsKey(source));
                if (ready is not null)
                {
                    _pending.Remove(ready);
                    return ready;
                }

                Monitor.Wait(_gate);
            }

            return null;
        }
    }

    private void RunCell(CellWork work, QueuedCell next)
    {
        if (_stopped)
        {
            next.Outcome.SetException(new CakeException(_stopReason));
            return;
        }

        var reuse = new CellReuse(EarliestPublished(next.Cell), wheels => Publish(next.Cell, wheels), cell => _cells[cell]);

        WheelResult result;
        try
        {
            result = outcomes.Record(WheelBuild.Run(work, next.Cell, next.BuildImage, next.TestImage, reuse));
        }
        catch (Exception exception)
        {
            // Not a failed build (those are results): an interruption, or a defect; the cell's task says which.
            next.Outcome.SetException(exception);
            return;
        }

        console.Finished(result);
        if (result.Succeeded)
        {
            next.Outcome.SetResult(result);
            return;
        }

        // Before this worker takes another cell, so that none starts after the failure.
        if (!outcomes.EngineLost && !EngineAnswers())
        {
            // Every cell would fail the same way: none starts, and the run says why once.
            outcomes.EngineWentAway();
            _stopReason = "not started: the Docker engine went away";
            _stopped = true;
        }
        else if (plan.Options.FailFast && !_stopped)
        {
            Stop();
        }

        next.Outcome.SetException(new CakeException(result.Failure!));
    }

    // What the earliest cell of the architecture before this one in the plan has published that this cell's CPython takes, by now;
    // null (none did, or not yet) leaves this cell to build its own.
    private ReusableWheels? EarliestPublished(WheelCell cell) =>
        plan.Cells.TakeWhile(other => other != cell)
            .Where(other => other.Architecture == cell.Architecture)
            .Select(other => _published.TryGetValue(other, out var published) && published.Task.IsCompletedSuccessfully ? published.Task.Result : null)
            .FirstOrDefault(wheels => wheels is not null && wheels.Wheels.Any(wheel => WheelTags.AcceptedBy(wheel.File, cell.CPython)));

    // Once per cell: what it lets later cells reuse, the wheels of its own that another cell published first under the same name
    // left out (returned: that cell's, which this one tests instead); the waiting workers look again.
    private IReadOnlyList<ReusableWheels> Publish(WheelCell cell, ReusableWheels? wheels)
    {
        lock (_gate)
        {
            var taken = wheels?.Wheels.Where(wheel => _owners.ContainsKey((cell.Architecture, wheel.File)))
                .Select(wheel => (wheel.File, Owner: _owners[(cell.Architecture, wheel.File)]))
                .GroupBy(wheel => wheel.Owner.Cell)
                .Select(owner => new ReusableWheels(owner.Key, [.. owner.Select(wheel => (wheel.File, wheel.Owner.Content))]))
                .ToList() ?? [];
            var own = wheels?.Wheels.Where(wheel => !_owners.ContainsKey((cell.Architecture, wheel.File))).ToList() ?? [];
            foreach (var (file, content) in own)
            {
                _owners[(cell.Architecture, file)] = (cell, content);
            }

            if (_published.TryGetValue(cell, out var published))
            {
                published.TrySetResult(own.Count > 0 ? wheels! with { Wheels = own } : null);
            }

            Monitor.PulseAll(_gate);
            return taken;
        }
    }

    // Whether the engine answers now, to tell a dead engine from a failed build.
    private bool EngineAnswers()
    {
        try
        {
            _ = cake.DockerEngineVersion();
            return true;
        }
        catch (CakeException)
        {
            return false;
        }
    }

    // The running cells' containers go, so that those cells end now.
    private void Stop()
    {
        _stopped = true;
        var running = resources.Containers;
        if (running.Count > 0)
        {
            cake.DockerRm(new DockerContainerRmSettings { Force = true }, [.. running]);
        }
    }

    private sealed record QueuedCell(WheelCell Cell, string BuildImage, string TestImage, TaskCompletionSource<WheelResult> Outcome);
}
