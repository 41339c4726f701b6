using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Manylinux231;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>Which base an architecture's build image starts from, and making sure the engine has it.</summary>
public static class BaseImages
{
    /// <summary>The root's recipe when the base is bootstrapped here (with the CPythons asked for, where it compiles them), else null.</summary>
    public static RootfsRecipe? LocalRecipe(BuildOptions options, Architecture architecture, BuildPaths paths, IReadOnlyList<CPythonTag> cpythons) =>
        !BasePolicy.Bootstraps(options, architecture) ? null
        : options.Base == BaseKind.LocalManylinux231 ? AssembledRoot.For(AssembledRootKind.Build, cpythons, options, paths)
        : new DebianBaseRecipe(architecture);

    public static ImageBase For(BuildOptions options, Architecture architecture, BuildPaths paths, IReadOnlyList<CPythonTag> cpythons)
    {
        var option = options.BaseImageOverrides.ContainsKey(architecture) ? architecture == Architecture.X86_64 ? "x64-base-image" : "arm-base-image" : "base";
        var recipe = LocalRecipe(options, architecture, paths, cpythons);
        var reference = options.BaseImageOverrides.GetValueOrDefault(architecture) ?? recipe?.Reference ?? $"quay.io/pypa/manylinux2014_{architecture.Machine}";
        return new ImageBase(ImageSpec.BaseArgument, reference, recipe, option);
    }

    /// <summary>Returns the base image's id, pulling or making it when the engine lacks it.</summary>
    public static string EnsurePresent(ImageWork work, ImageBase image) =>
        image.Recipe is { } recipe ? RootfsImages.EnsureImage(work, recipe) : EnsurePulled(work.Cake, work.Inventory, image, quiet: false);

    /// <summary>
    /// A registry base (manylinux2014 or a named image): its id, pulled when the engine lacks it.
    /// Quiet for the preflight, whose only output on failure is the one error line.
    /// </summary>
    public static string EnsurePulled(ICakeContext context, ImageInventory inventory, ImageBase image, bool quiet)
    {
        if (inventory.Find(image.Reference) is { } present)
        {
            return present.Id;
        }

        if (!quiet)
        {
            context.Information($"Base image {image.Reference} is not on the engine; pulling it.");
        }

        RegistryPull.Pull(context, image);
        return inventory.Find(image.Reference)?.Id
            ?? throw new CakeException($"--{image.Option}: base image '{image.Reference}' was pulled but the engine does not have it under that name");
    }
}
