namespace Wheelsmith.Tasks;

[TaskName("Images")]
[TaskDescription("Every image the selected architectures and --arm-build need, without wheels.")]
[IsDependentOn(typeof(BuildX64ImageTask))]
[IsDependentOn(typeof(BuildArmImageTask))]
[IsDependentOn(typeof(BuildCrossImageTask))]
public sealed class ImagesTask : FrostingTask<BuildContext>
{
}
