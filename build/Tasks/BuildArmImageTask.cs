using Wheelsmith.Plan;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName(ImageTaskNames.Arm)]
[TaskDescription("Builds (or finds up to date) the aarch64 image, run through QEMU on x86_64. --arm-build=emulated: the build image (base + ImageMagick + libpng), where arm64 cells build, repair and test. cross: the test image only (the CPythons; made without QEMU), where cross-built wheels are tested.")]
[IsDependentOn(typeof(PrepareQemuTask))]
[Needs(TargetNeeds.Host)]
public sealed class BuildArmImageTask : ImageTask
{
}
