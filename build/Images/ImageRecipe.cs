using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// Everything that goes into one image: the staged context, the bases' ids, the build arguments
/// and the network. Its hash names the image, so an image whose inputs are unchanged is found
/// instead of rebuilt.
/// </summary>
public sealed record ImageRecipe(ImageSpec Spec, IReadOnlyDictionary<string, string> BaseIds, string ContextDirectory)
{
    public IReadOnlyDictionary<string, string> BuildArgs => new SortedDictionary<string, string>(
        Spec.Bases.ToDictionary(b => b.BuildArgument, b => b.Reference)
            .Concat(Spec.PkgConfig is { } pkgConfig ? [new(ImageSpec.PkgConfigArgument, pkgConfig)] : Array.Empty<KeyValuePair<string, string>>())
            .ToDictionary(), StringComparer.Ordinal);

    public string Hash => new ContentHash()
        .AddTree(ContextDirectory)
        .Add("base-ids", string.Join('\n', BaseIds.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")))
        .Add("build-args", string.Join('\n', BuildArgs.Select(kv => $"{kv.Key}={kv.Value}")))
        .Add("network", Spec.Offline ? "none" : "default")
        .Hex();

    public string Reference => $"{Spec.Repository}:{Hash[..16]}";

    /// <summary>
    /// Copies the recipe folder into <paramref name="folder"/>, made anew as the build context, with the emulator an
    /// image for a foreign machine needs when the host's handler lacks the F flag: nothing is ever written into the
    /// recipe folder. The context always has overlay/, which a Dockerfile copies into the image whole (empty when
    /// there is nothing to add).
    /// </summary>
    public static string StageContext(ImageSpec spec, string folder, string? qemuInterpreter)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, "overlay"));
        foreach (var file in Directory.EnumerateFiles(spec.RecipeDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(spec.RecipeDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (qemuInterpreter is not null && spec.Machine != Architecture.Host)
        {
            var target = Path.Combine(folder, "overlay", qemuInterpreter.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(qemuInterpreter, target);
        }

        return folder;
    }
}
