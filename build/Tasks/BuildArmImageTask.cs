using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Wheels;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Builds (or finds up to date) the aarch64 image, run through QEMU on x86_64. --arm-build=emulated: the build image (base + ImageMagick + libpng), where arm64 cells build, repair and test. cross: the test image only (the CPythons; made without QEMU), where cross-built wheels are tested.")]
[IsDependentOn(typeof(PrepareQemuTask))]
public sealed class BuildArmImageTask : FrostingTask<BuildContext>
{
    public const string Name = "BuildArmImage";

    public override bool ShouldRun(BuildContext context) => context.Options.Builds(Architecture.Arm64);

    public override void Run(BuildContext context)
    {
        if (context.Options.ArmBuild == ArmBuild.Cross)
        {
            context.TestImages[Architecture.Arm64] = ImageBuilder.Ensure(context, ImageSpec.ArmTest(context.Paths));
        }
        else
        {
            context.BuildImages[Architecture.Arm64] = context.TestImages[Architecture.Arm64] =
                BeforeAll.Apply(context, ImageBuilder.Ensure(context, ImageSpec.Build(context.Options, Architecture.Arm64)), Architecture.Arm64, context.BeforeAllEnvironment(Architecture.Arm64));
        }
    }
}
