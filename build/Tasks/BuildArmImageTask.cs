using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Builds (or finds up to date) the aarch64 image: base + ImageMagick + libpng, run through QEMU on x86_64.")]
[IsDependentOn(typeof(PrepareQemuTask))]
public sealed class BuildArmImageTask : FrostingTask<BuildContext>
{
    public const string Name = "BuildArmImage";

    public override bool ShouldRun(BuildContext context) => context.Options.Builds(Architecture.Arm64);

    public override void Run(BuildContext context) => ImageBuilder.Ensure(context, Architecture.Arm64);
}
