using Cake.Common.Diagnostics;
using Wheelsmith.Host;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName("PrepareHost")]
[TaskDescription("Installs and starts what the selected work needs (Docker engine, QEMU, debootstrap) when it is missing; root on Debian only.")]
[Needs(TargetNeeds.Host)]
public sealed class PrepareHostTask : FrostingTask<BuildContext>
{
    // Checks files and sockets only: a dry run asks this too and must start no process.
    public override bool ShouldRun(BuildContext context) => Missing(context).Count > 0;

    public override void Run(BuildContext context)
    {
        var missing = Missing(context);
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
