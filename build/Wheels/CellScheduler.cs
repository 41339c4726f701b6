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
    private readonly SemaphoreSlim _slots = new(context.Options.Jobs);
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
                foreach (var runnable in context.Cells.Where(c => context.Images.TryGetValue(c.Architecture, out var image) && image.CPythons.Contains(c.CPython)))
                {
                    var image = context.Images[runnable.Architecture].Reference;
                    _cells[runnable] = Task.Run(() => RunWhenFree(runnable, image));
                }
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

        Task[] all;
        lock (_gate)
        {
            all = [.. _cells.Values];
        }

        Task.WaitAll(all.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
    }

    private async Task<WheelResult> RunWhenFree(WheelCell cell, string image)
    {
        await _slots.WaitAsync();
        try
        {
            return _stopped
                ? throw new CakeException("not started: an earlier cell failed and --fail-fast is set")
                : WheelBuild.Run(context, cell, image);
        }
        catch (CakeException) when (context.Options.FailFast)
        {
            // Before the slot is free again, so that no waiting cell starts.
            _stopped = true;
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }
}
