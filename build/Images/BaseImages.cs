using Cake.Common.Diagnostics;
using Wheelsmith.Docker;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>Which base an architecture's image starts from, and making sure the engine has it.</summary>
public static class BaseImages
{
    /// <summary>The Debian recipe when the base is bootstrapped here, else null.</summary>
    public static DebianBaseRecipe? LocalRecipe(BuildOptions options, Architecture architecture) =>
        options.Base == BaseKind.Local && !options.BaseImageOverrides.ContainsKey(architecture) ? new DebianBaseRecipe(architecture) : null;

    public static string Reference(BuildOptions options, Architecture architecture) =>
        options.BaseImageOverrides.GetValueOrDefault(architecture)
        ?? LocalRecipe(options, architecture)?.Reference
        ?? $"quay.io/pypa/manylinux2014_{architecture.Machine}";

    /// <summary>Returns the base image's id, pulling or bootstrapping it when the engine lacks it.</summary>
    public static string EnsurePresent(BuildContext context, Architecture architecture)
    {
        if (LocalRecipe(context.Options, architecture) is { } recipe)
        {
            return DebianBootstrap.EnsureImage(context, recipe);
        }

        return EnsurePulled(context, architecture, quiet: false);
    }

    /// <summary>
    /// A registry base (manylinux2014 or a named image): its id, pulled when the engine lacks it.
    /// Quiet for the preflight, whose only output on failure is the one error line.
    /// </summary>
    public static string EnsurePulled(BuildContext context, Architecture architecture, bool quiet)
    {
        var reference = Reference(context.Options, architecture);
        if (context.DockerImageId(reference) is { } present)
        {
            return present;
        }

        if (!quiet)
        {
            context.Information($"Base image {reference} is not on the engine; pulling it.");
        }

        if (context.DockerTryPull(new DockerImagePullSettings { Quiet = true }, reference) && context.DockerImageId(reference) is { } pulled)
        {
            return pulled;
        }

        var option = context.Options.BaseImageOverrides.ContainsKey(architecture) ? architecture == Architecture.X86_64 ? "x64-base-image" : "arm-base-image" : "base";
        throw new OptionException(option, $"base image '{reference}' is neither on the engine nor pullable; expected an image the engine has or can pull (or --base=local on a machine without a registry)");
    }
}
