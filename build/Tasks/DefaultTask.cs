namespace Wheelsmith.Tasks;

[TaskName("Default")]
[TaskDescription("What a bare ./build.sh runs.")]
[IsDependentOn(typeof(ImagesTask))]
public sealed class DefaultTask : FrostingTask<BuildContext>
{
}
