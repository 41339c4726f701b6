using System.Collections.Concurrent;
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
    private readonly ConcurrentQueue<QueuedCell> _queue = new();
    private readonly List<Task> _workers = [];
    private readonly Lock _gate = new();
    private volatile bool _stopped;
    private string _stopReason = "not started: an earlier cell failed and --fail-fast is set";

    /// <summary>Set once a cell failed under --fail-fast: containers check it before each step.</summary>
    public bool Stopped => _stopped;

    /// <summary>The cell's outcome; the first call starts every cell that can run, and a live view draws them until all have ended.</summary>
    public Task<WheelResult> Result(WheelCell cell)
    {
        bool first;
        lock (_gate)
        {
            first = _cells.Count == 0;
            if (first)
            {
                Start();
            }
        }

        if (first)
        {
            context.CellConsole.Watch([.. _cells.Keys], Task.WhenAll(_cells.Values).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        return _cells[cell];
    }

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

    // --jobs workers take the cells from one queue in the plan's order, so which cell starts next never depends on timing.
    private void Start()
    {
        foreach (var cell in context.Cells.Where(c => context.HasImagesFor(c) == true))
        {
            var queued = new QueuedCell(cell, context.BuildImages[cell.Architecture].Reference, context.TestImages[cell.Architecture].Reference,
                new TaskCompletionSource<WheelResult>(TaskCreationOptions.RunContinuationsAsynchronously));
            _queue.Enqueue(queued);
            _cells[cell] = queued.Outcome.Task;
        }

        for (var worker = 0; worker < Math.Min(context.Options.Jobs, _queue.Count); worker++)
        {
            _workers.Add(Task.Run(Work));
        }
    }

    private void Work()
    {
        while (_queue.TryDequeue(out var next))
        {
            if (_stopped)
            {
                next.Outcome.SetException(new CakeException(_stopReason));
                continue;
            }

            try
            {
                next.Outcome.SetResult(WheelBuild.Run(context, next.Cell, next.BuildImage, next.TestImage));
            }
            catch (Exception exception)
            {
                // Before this worker takes another cell, so that none starts after the failure.
                if (exception is CakeException && !context.EngineLost && !context.EngineAnswers())
                {
                    // Every cell would fail the same way: none starts, and the run says why once.
                    context.EngineLost = true;
                    _stopReason = "not started: the Docker engine went away";
                    _stopped = true;
                }
                else if (context.Options.FailFast && exception is CakeException && !_stopped)
                {
                    Stop();
                }

                next.Outcome.SetException(exception);
            }
        }
    }

    // The running cells' containers go, so that those cells end now.
    private void Stop()
    {
        _stopped = true;
        var running = context.ActiveContainers.Keys.ToArray();
        if (running.Length > 0)
        {
            context.DockerRm(new DockerContainerRmSettings { Force = true }, running);
        }
    }

    private sealed record QueuedCell(WheelCell Cell, string BuildImage, string TestImage, TaskCompletionSource<WheelResult> Outcome);
}
