namespace Wheelsmith.Tasks;

[TaskName("Images")]
[TaskDescription("Both build images (those of the architectures selected with --arch).")]
[IsDependentOn(typeof(BuildX64ImageTask))]
[IsDependentOn(typeof(BuildArmImageTask))]
public sealed class ImagesTask : FrostingTask<BuildContext>
{
}
