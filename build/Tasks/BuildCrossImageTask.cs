using Wheelsmith.Plan;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

// before-all runs here natively, with the cross toolchain's variables; the aarch64 test image does not have what it left.
[TaskName(ImageTaskNames.Cross)]
[TaskDescription("With --arm-build=cross: builds (or finds up to date) the x86_64 image where arm64 cells build and repair natively: the amd64 base + the aarch64 cross toolchain and arm64 development files + ImageMagick + libpng.")]
[IsDependentOn(typeof(PrepareHostTask))]
[Needs(TargetNeeds.Host)]
public sealed class BuildCrossImageTask : ImageTask
{
}
