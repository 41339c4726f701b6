using Cake.Core;
using Wheelsmith.Plan;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

/// <summary>One cell of the matrix, registered at start-up from the plan: BuildWheel[arm64,cp313].</summary>
[Needs(TargetNeeds.Host | TargetNeeds.OutputLock | TargetNeeds.Requirements)]
public sealed class BuildWheelTask(WheelCell cell, RunPlan plan) : AsyncFrostingTask<BuildContext>, IRuntimeFrostingTask
{
    public string Name => cell.Name;

    public string Description => $"Builds, repairs ({cell.Platform}) and tests the {cell.CPython} wheel for {cell.Architecture}.";

    // Every planned image is ready before the first cell, so a missing CPython stops the run before any cell.
    public IReadOnlyList<string> DependsOn => plan.ImageTasks;

    public IReadOnlyList<string> DependeeOf => [WheelsTask.Name];

    public string SkippedMessage => $"an image of the cell has no {cell.CPython}";

    public override bool ShouldRun(BuildContext context) => context.Images.HasImagesFor(cell) != false;

    public override async Task RunAsync(BuildContext context)
    {
        if (context.Images.HasImagesFor(cell) is null)
        {
            throw new CakeException($"{cell.Name} needs the {cell.Architecture} images; run it with its image tasks (not --exclusive).");
        }

        context.Cells.StartAll();
        await context.Cells.Outcome(cell);
    }

    // A failed cell is in the report; the others still run unless --fail-fast.
    public override void OnError(Exception exception, BuildContext context)
    {
        if (context.Options.FailFast)
        {
            context.Cells.StopAndWait();
            throw exception;
        }
    }
}
