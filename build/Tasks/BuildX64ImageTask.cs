using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Wheels;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Builds (or finds up to date) the x86_64 image: base + ImageMagick + libpng; x86_64 cells build and test in it.")]
[IsDependentOn(typeof(PrepareHostTask))]
public sealed class BuildX64ImageTask : FrostingTask<BuildContext>
{
    public const string Name = "BuildX64Image";

    public override bool ShouldRun(BuildContext context) => context.Options.Builds(Architecture.X86_64);

    public override void Run(BuildContext context) =>
        context.BuildImages[Architecture.X86_64] = context.TestImages[Architecture.X86_64] =
            BeforeAll.Apply(context, ImageBuilder.Ensure(context, ImageSpec.Build(context.Options, Architecture.X86_64)), Architecture.X86_64, context.BeforeAllEnvironment(Architecture.X86_64));
}
