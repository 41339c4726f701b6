using Cake.Core;
using Wheelsmith.Options;
using Wheelsmith.Wheels;

namespace Wheelsmith.Tasks;

/// <summary>One cell of the matrix, registered at start-up from the options: BuildWheel[arm64,cp313].</summary>
public sealed class BuildWheelTask(WheelCell cell) : AsyncFrostingTask<BuildContext>, IRuntimeFrostingTask
{
    public string Name => cell.Name;

    public string Description => $"Builds, repairs ({cell.Platform}) and tests the {cell.CPython} wheel for {cell.Architecture}.";

    // Every selected image is ready before the first cell, so a missing CPython stops the run before any cell.
    public IReadOnlyList<string> DependsOn =>
        cell.Options.Architectures.SelectMany(a => a == Architecture.X86_64 ? [BuildX64ImageTask.Name]
            : cell.Options.ArmBuild == ArmBuild.Cross ? [BuildArmImageTask.Name, BuildCrossImageTask.Name] : new[] { BuildArmImageTask.Name }).ToList();

    public IReadOnlyList<string> DependeeOf => [WheelsTask.Name];

    public string SkippedMessage => $"an image of the cell has no {cell.CPython}";

    public override bool ShouldRun(BuildContext context) => context.HasImagesFor(cell) != false;

    public override async Task RunAsync(BuildContext context)
    {
        if (context.HasImagesFor(cell) is null)
        {
            throw new CakeException($"{cell.Name} needs the {cell.Architecture} images; run it with its image tasks (not --exclusive).");
        }

        await context.Scheduler.Result(cell);
    }

    // A failed cell is in the report; the others still run unless --fail-fast.
    public override void OnError(Exception exception, BuildContext context)
    {
        if (context.Options.FailFast)
        {
            context.Scheduler.StopAndWait();
            throw exception;
        }
    }
}
