using Cake.Common.Diagnostics;
using Cake.Core;
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

        var reference = Reference(context.Options, architecture);
        if (context.DockerImageId(reference) is { } present)
        {
            return present;
        }

        context.Information($"Base image {reference} is not on the engine; pulling it.");
        try
        {
            context.DockerPull(new DockerImagePullSettings(), reference);
        }
        catch (CakeException)
        {
            // The pull's own error is already printed; say what to do about it.
        }

        return context.DockerImageId(reference)
            ?? throw new CakeException($"Base image {reference} is neither on the engine nor pullable: load it (docker load), name another with --{(architecture == Architecture.X86_64 ? "x64" : "arm")}-base-image, or use --base=local.");
    }
}
