using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Builds (or finds up to date) the x86_64 image: base + ImageMagick + libpng.")]
[IsDependentOn(typeof(PrepareHostTask))]
public sealed class BuildX64ImageTask : FrostingTask<BuildContext>
{
    public const string Name = "BuildX64Image";

    public override bool ShouldRun(BuildContext context) => context.Options.Builds(Architecture.X86_64);

    public override void Run(BuildContext context) => ImageBuilder.Ensure(context, Architecture.X86_64);
}
