using Cake.Core;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells;

/// <summary>
/// A cell's part in building an abi3 (or py3-none) wheel once per architecture, as cibuildwheel reuses a compatible wheel
/// built before: <see cref="Earlier"/> is what the earliest cell of its architecture published that its CPython takes, by
/// the time it starts (it then tests that instead of building); <see cref="Publish"/> publishes its own once repaired and
/// says which of them another cell published first under the same name (two cells that started side by side before
/// either had published: this cell then tests the other's wheel, which that cell delivers, and delivers none of its own).
/// A cell that tested another's wheel succeeds only once that cell has succeeded too: a wheel whose cell failed is
/// delivered by no one.
/// </summary>
public sealed record CellReuse(ReusableWheels? Earlier, Func<ReusableWheels, IReadOnlyList<ReusableWheels>>? Publish, Func<WheelCell, Task<WheelResult>>? OutcomeOf)
{
    public static readonly CellReuse None = new(null, null, null);

    /// <summary>The earlier cell's wheels this cell's CPython takes, as cibuildwheel finds a compatible wheel.</summary>
    public ReusableWheels? AcceptedBy(WheelCell cell)
    {
        var accepted = Earlier?.Wheels.Where(wheel => WheelTags.AcceptedBy(wheel.File, cell.CPython)).ToList() ?? [];
        return accepted.Count > 0 ? Earlier! with { Wheels = accepted } : null;
    }

    /// <summary>Once this cell tested the wheels of <paramref name="sources"/>: each of those cells must succeed too, or its wheel is in no output.</summary>
    public void RequireDelivered(IEnumerable<ReusableWheels> sources)
    {
        foreach (var source in sources)
        {
            // The other cell runs on another worker and waits for nothing of this one: it ends.
            var outcome = OutcomeOf!(source.Source);
            ((IAsyncResult)outcome).AsyncWaitHandle.WaitOne();
            if (!outcome.IsCompletedSuccessfully)
            {
                throw new CakeException($"the wheel it tested was built by {source.Source.Identifier}, which failed: it is not delivered");
            }
        }
    }
}
