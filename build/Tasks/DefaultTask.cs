namespace Wheelsmith.Tasks;

[TaskName("Default")]
[TaskDescription("What a bare ./build.sh runs.")]
[IsDependentOn(typeof(WheelsTask))]
public sealed class DefaultTask : FrostingTask<BuildContext>
{
}
