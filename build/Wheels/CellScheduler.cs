using Cake.Core;
using Wheelsmith.Docker;

namespace Wheelsmith.Wheels;

/// <summary>
/// Runs the cells up to --jobs at a time. Cake's engine runs tasks one after another: the first
/// BuildWheel task starts every cell, and each BuildWheel task then waits for its own, so the
/// graph, the summary and the per-cell failures stay Cake's while the work overlaps (the aarch64
/// cells, emulated, are each bound to one core).
/// </summary>
public sealed class CellScheduler(BuildContext context)
{
    private readonly Dictionary<WheelCell, Task<WheelResult>> _cells = [];
    private readonly List<Task> _workers = [];
    private readonly Lock _gate = new();
    private volatile bool _stopped;

    /// <summary>Set once a cell failed under --fail-fast: containers check it before each step.</summary>
    public bool Stopped => _stopped;

    /// <summary>The cell's outcome; the first call starts every cell that can run.</summary>
    public Task<WheelResult> Result(WheelCell cell)
    {
        lock (_gate)
        {
            if (_cells.Count == 0)
            {
                Start();
            }

            return _cells[cell];
        }
    }

    /// <summary>
    /// With --fail-fast, once a cell failed: starts no more cells, removes the containers of those
    /// running so that they end now, and waits for them.
    /// </summary>
    public void StopAndWait()
    {
        _stopped = true;
        var running = context.ActiveContainers.Keys.ToArray();
        if (running.Length > 0)
        {
            context.DockerRm(new DockerContainerRmSettings { Force = true }, running);
        }

        Task[] workers;
        lock (_gate)
        {
            workers = [.. _workers];
        }

        Task.WaitAll(workers);
    }

    // --jobs workers take the cells from one queue in the plan's order, so which cell starts next never depends on timing.
    private void Start()
    {
        var queue = new Queue<(WheelCell Cell, string Image, TaskCompletionSource<WheelResult> Outcome)>();
        foreach (var cell in context.Cells.Where(c => context.Images.TryGetValue(c.Architecture, out var image) && image.CPythons.Contains(c.CPython)))
        {
            var outcome = new TaskCompletionSource<WheelResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Enqueue((cell, context.Images[cell.Architecture].Reference, outcome));
            _cells[cell] = outcome.Task;
        }

        for (var worker = 0; worker < Math.Min(context.Options.Jobs, queue.Count); worker++)
        {
            _workers.Add(Task.Run(() => Work(queue)));
        }
    }

    private void Work(Queue<(WheelCell Cell, string Image, TaskCompletionSource<WheelResult> Outcome)> queue)
    {
        while (true)
        {
            (WheelCell Cell, string Image, TaskCompletionSource<WheelResult> Outcome) next;
            lock (queue)
            {
                if (!queue.TryDequeue(out next))
                {
                    return;
                }
            }

            if (_stopped)
            {
                next.Outcome.SetException(new CakeException("not started: an earlier cell failed and --fail-fast is set"));
                continue;
            }

            try
            {
                next.Outcome.SetResult(WheelBuild.Run(context, next.Cell, next.Image));
            }
            catch (Exception exception)
            {
                // Before this worker takes another cell, so that none starts after the failure.
                _stopped |= context.Options.FailFast && exception is CakeException;
                next.Outcome.SetException(exception);
            }
        }
    }
}
