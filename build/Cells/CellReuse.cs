using Cake.Core;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells;

/// <summary>
/// A cell's part in building an abi3 wheel once per architecture (<see cref="RunPlan.ReuseSource"/>): the first cell of an
/// architecture publishes its reusable wheels (<see cref="Publish"/>); a later one gets them (<see cref="Earlier"/>) and,
/// when its CPython takes one, tests that instead of building, its success then waiting for the first cell's own
/// (<see cref="EarlierOutcome"/>): a wheel whose first cell failed is delivered by no one.
/// </summary>
public sealed record CellReuse(Action<ReusableWheels>? Publish, ReusableWheels? Earlier, Task<WheelResult>? EarlierOutcome)
{
    public static readonly CellReuse None = new(null, null, null);

    /// <summary>The earlier cell's wheels this cell's CPython takes, as cibuildwheel finds a compatible wheel.</summary>
    public IReadOnlyList<(string File, byte[] Content)> AcceptedBy(WheelCell cell) =>
        Earlier is null ? [] : [.. Earlier.Wheels.Where(wheel => WheelTags.AcceptedBy(wheel.File, cell.CPython))];

    /// <summary>Once this cell tested the earlier cell's wheel: the earlier cell must succeed too, or that wheel is in no output.</summary>
    public void RequireEarlierDelivered()
    {
        if (EarlierOutcome is null || Earlier is null)
        {
            return;
        }

        // The earlier cell runs on another worker and waits for nothing of this one: it ends.
        ((IAsyncResult)EarlierOutcome).AsyncWaitHandle.WaitOne();
        if (!EarlierOutcome.IsCompletedSuccessfully)
        {
            throw new CakeException($"the wheel it tested was built by {Earlier.Source.Identifier}, which failed: it is not delivered");
        }
    }
}
