using Wheelsmith.Plan;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName(ImageTaskNames.X64)]
[TaskDescription("Builds (or finds up to date) the x86_64 image: base + ImageMagick + libpng; x86_64 cells build and test in it.")]
[IsDependentOn(typeof(PrepareHostTask))]
[Needs(TargetNeeds.Host)]
public sealed class BuildX64ImageTask : ImageTask
{
}
