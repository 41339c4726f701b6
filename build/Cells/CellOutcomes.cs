using System.Collections.Concurrent;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells;

/// <summary>What each cell did, recorded as cells end (from any thread) and read in the plan's order; and whether the engine went away meanwhile.</summary>
public sealed class CellOutcomes(IReadOnlyList<WheelCell> plan)
{
    private readonly ConcurrentDictionary<WheelCell, WheelResult> _results = new();
    private volatile bool _engineLost;

    /// <summary>Set once a cell failed because the engine stopped answering: no further cell starts.</summary>
    public bool EngineLost => _engineLost;

    /// <summary>The results so far, in the plan's order.</summary>
    public IReadOnlyList<WheelResult> InPlanOrder => [.. plan.Where(_results.ContainsKey).Select(cell => _results[cell])];

    /// <summary>The planned cells that delivered nothing (failed, or never ran).</summary>
    public IReadOnlyList<WheelCell> Unfinished => [.. plan.Where(cell => !_results.TryGetValue(cell, out var result) || !result.Succeeded)];

    public WheelResult Record(WheelResult result) => _results[result.Cell] = result;

    public void EngineWentAway() => _engineLost = true;
}
