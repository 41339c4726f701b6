using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Plan;

namespace Wheelsmith.Images;

/// <summary>
/// What making images needs of the run, and nothing else: Cake (to run the engine and host tools),
/// the plan, the engine's images, and the run's resources. Made once per run; the image tasks call
/// <see cref="Make"/> for each image the plan gives them.
/// </summary>
public sealed class ImageWork(ICakeContext cake, RunPlan plan, ImageInventory inventory, RunResources resources)
{
    public ICakeContext Cake => cake;

    public RunPlan Plan => plan;

    public ImageInventory Inventory => inventory;

    public RunResources Resources => resources;

    /// <summary>Brings the planned image up to date (its bases first), then applies before-all where the cells build.</summary>
    public BuiltImage Make(PlannedImage planned)
    {
        var spec = ImageSpec.For(planned, plan.Options, plan.Paths);
        var image = ImageBuilder.Ensure(this, spec, planned.CPythons);
        return planned.Roles.HasFlag(ImageRoles.Build) ? BeforeAll.Apply(this, image, planned, spec.Machine) : image;
    }
}
