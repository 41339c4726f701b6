using Wheelsmith.Frosting.Internal;

namespace Wheelsmith.Tasks;

/// <summary>
/// What the three image tasks share: each makes the images the plan gives it (none: skipped) and
/// hands each one, once made, to the run's image set. Which images those are is the plan's to say.
/// </summary>
public abstract class ImageTask : FrostingTask<BuildContext>
{
    public override bool ShouldRun(BuildContext context) => context.Plan.ImagesOf(Name).Count > 0;

    public override void Run(BuildContext context)
    {
        foreach (var planned in context.Plan.ImagesOf(Name))
        {
            context.Images.Add(planned, context.ImageWork.Make(planned));
        }
    }

    private string Name => TaskNames.Of(GetType());
}
