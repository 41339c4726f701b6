using Cake.Common.Diagnostics;
using Wheelsmith.Host;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Installs and starts what the selected work needs (Docker engine, QEMU, debootstrap) when it is missing; root on Debian only.")]
[Needs(TargetNeeds.Host)]
public sealed class PrepareHostTask : FrostingTask<BuildContext>
{
    public const string Name = "PrepareHost";

    // Checks files and sockets only: a dry run asks this too and must start no process. As the target itself it
    // runs on a host that lacks nothing, to say so: Cake fails a run whose target was skipped.
    public override bool ShouldRun(BuildContext context) => string.Equals(context.Plan.Target, Name, StringComparison.OrdinalIgnoreCase) || Missing(context).Count > 0;

    public override void Run(BuildContext context)
    {
        var missing = Missing(context);
        if (missing.Count == 0)
        {
            context.Information($"Nothing missing on this host: {string.Join("; ", context.Plan.HostNeeds.Select(m => m.What))}.");
            return;
        }

        context.Information($"Missing on this host: {string.Join("; ", missing.Select(m => m.What))}.");
        HostPrerequisites.Install(context, missing);
        var still = Missing(context);
        if (still.Count > 0)
        {
            throw new Cake.Core.CakeException($"Still missing after set-up: {string.Join("; ", still.Select(m => m.What))}.");
        }
    }

    private static List<HostRequirement> Missing(BuildContext context) => context.Plan.HostNeeds.Where(r => !r.IsPresent).ToList();
}
