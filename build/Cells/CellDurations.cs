using Wheelsmith.FrostingExtensions;
using Wheelsmith.Plan;

namespace Wheelsmith.Cells;

/// <summary>
/// Each BuildWheel task's own duration for Cake's summary, from its cell's result: the engine sees the
/// first cell task wait for all the cells and the others find theirs done. The overlap row says how
/// much of the cells' time ran side by side.
/// </summary>
public static class CellDurations
{
    public static OwnDurations.Report? Of(RunPlan plan, CellOutcomes outcomes)
    {
        var results = outcomes.InPlanOrder;
        return results.Count == 0
            ? null
            : new OwnDurations.Report(results.ToDictionary(r => r.Cell.Name, r => r.Duration), $"(cells side by side, --jobs={plan.Options.Jobs})");
    }
}
