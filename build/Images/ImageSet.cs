using System.Collections.Concurrent;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith.Images;

/// <summary>
/// The images this run made ready, each written once by the task that made it: where each
/// architecture's cells build and where they are tested. Read in the plan's order.
/// </summary>
public sealed class ImageSet(IReadOnlyList<PlannedImage> plan)
{
    private readonly ConcurrentDictionary<PlannedImage, BuiltImage> _ready = new();

    public void Add(PlannedImage planned, BuiltImage image)
    {
        if (!_ready.TryAdd(planned, image))
        {
            throw new InvalidOperationException($"The {planned.Kind} image for {planned.Architecture} was made twice.");
        }
    }

    /// <summary>Where the architecture's cells build; null while it is not made.</summary>
    public BuiltImage? BuildImage(Architecture architecture) => For(architecture, ImageRoles.Build);

    /// <summary>Where the architecture's cells are tested: the build image, or for cross builds the aarch64 test image.</summary>
    public BuiltImage? TestImage(Architecture architecture) => For(architecture, ImageRoles.Test);

    /// <summary>Every image made ready, once each, in the plan's order.</summary>
    public IReadOnlyList<BuiltImage> All => [.. plan.Where(_ready.ContainsKey).Select(p => _ready[p]).DistinctBy(image => image.Reference)];

    /// <summary>Whether both of a cell's images have its CPython; null while one is not made yet.</summary>
    public bool? HasImagesFor(WheelCell cell) =>
        BuildImage(cell.Architecture) is { } build && TestImage(cell.Architecture) is { } test
            ? build.CPythons.Contains(cell.CPython) && test.CPythons.Contains(cell.CPython)
            : null;

    private BuiltImage? For(Architecture architecture, ImageRoles role) =>
        plan.FirstOrDefault(p => p.Architecture == architecture && p.Roles.HasFlag(role)) is { } planned && _ready.TryGetValue(planned, out var image) ? image : null;
}
