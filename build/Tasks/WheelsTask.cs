using Cake.Core;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Every BuildWheel cell of --arch x --cpython; fails if any cell failed.")]
public sealed class WheelsTask : FrostingTask<BuildContext>
{
    public const string Name = "Wheels";

    public override void Run(BuildContext context)
    {
        var failed = context.Results.Where(r => !r.Succeeded).ToList();
        if (failed.Count > 0)
        {
            throw new CakeException($"{failed.Count} of {context.Results.Count} cells failed: {string.Join("; ", failed.Select(f => $"{f.Cell.Name} ({f.Failure}; log {f.LogFile})"))}");
        }
    }
}
