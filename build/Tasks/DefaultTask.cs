using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName("Default")]
[TaskDescription("What a bare ./build.sh runs.")]
[IsDependentOn(typeof(WheelsTask))]
[Needs(TargetNeeds.Host | TargetNeeds.OutputLock | TargetNeeds.Requirements)]
public sealed class DefaultTask : FrostingTask<BuildContext>
{
}
