using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Wheels;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("With --arm-build=cross: builds (or finds up to date) the x86_64 image where arm64 cells build and repair natively: the amd64 base + the aarch64 cross toolchain and arm64 development files + ImageMagick + libpng.")]
[IsDependentOn(typeof(PrepareHostTask))]
public sealed class BuildCrossImageTask : FrostingTask<BuildContext>
{
    public const string Name = "BuildCrossImage";

    public override bool ShouldRun(BuildContext context) => context.Options.Builds(Architecture.Arm64) && context.Options.ArmBuild == ArmBuild.Cross;

    // before-all runs here natively, with the cross toolchain's variables; the aarch64 test image does not have what it left.
    public override void Run(BuildContext context) =>
        context.BuildImages[Architecture.Arm64] =
            BeforeAll.Apply(context, ImageBuilder.Ensure(context, ImageSpec.Cross(context.Options, context.Paths)), Architecture.Arm64, context.BeforeAllEnvironment(Architecture.Arm64));
}
