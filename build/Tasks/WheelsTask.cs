using Cake.Core;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Every BuildWheel cell of --arch x --cpython; fails if any cell failed.")]
[Needs(TargetNeeds.Host | TargetNeeds.OutputLock | TargetNeeds.Requirements)]
public sealed class WheelsTask : FrostingTask<BuildContext>
{
    public const string Name = "Wheels";

    public override void Run(BuildContext context)
    {
        var outcomes = context.Outcomes;
        if (outcomes.EngineLost)
        {
            var unfinished = outcomes.Unfinished.Select(cell => cell.Identifier.ToString()).ToList();
            var where = context.Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? $" at DOCKER_HOST={host}" : string.Empty;
            throw new CakeException($"The Docker engine went away during the run (it no longer answers{where}): {unfinished.Count} of {context.Plan.Cells.Count} cells did not finish: {string.Join(", ", unfinished)}. Start the engine again and rerun; the next run removes the containers this one left.");
        }

        var results = outcomes.InPlanOrder;
        var failed = results.Where(r => !r.Succeeded).ToList();
        if (failed.Count > 0)
        {
            throw new CakeException($"{failed.Count} of {results.Count} cells failed: {string.Join("; ", failed.Select(f => $"{f.Cell.Name} ({f.Failure}; log {f.LogFile})"))}");
        }
    }
}
