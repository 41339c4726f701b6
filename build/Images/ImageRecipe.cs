using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// Everything that goes into one architecture's build image. Its hash names the image, so an
/// image whose inputs are unchanged is found instead of rebuilt.
/// </summary>
public sealed record ImageRecipe(Architecture Architecture, string BaseReference, string BaseId, string ContextDirectory, bool Offline)
{
    public IReadOnlyDictionary<string, string> BuildArgs => new SortedDictionary<string, string>(StringComparer.Ordinal) { ["BASE_IMAGE"] = BaseReference };

    public string Hash => new ContentHash()
        .AddTree(ContextDirectory)
        .Add("base-id", BaseId)
        .Add("build-args", string.Join('\n', BuildArgs.Select(kv => $"{kv.Key}={kv.Value}")))
        .Add("network", Offline ? "none" : "default")
        .Hex();

    public string Reference => $"wheelsmith/build-{Architecture.Machine}:{Hash[..16]}";

    /// <summary>
    /// Copies images/ into a fresh build context beside the cache, with the emulator the arm image
    /// needs when the host's handler lacks the F flag: nothing is ever written into images/.
    /// </summary>
    public static string StageContext(BuildPaths paths, Architecture architecture, string? qemuInterpreter)
    {
        var dockerfile = Path.Combine(paths.ImagesDirectory, "Dockerfile");
        if (!File.Exists(dockerfile))
        {
            throw new Cake.Core.CakeException($"{dockerfile} is missing: the images/ folder of this repository holds the build image's recipe.");
        }

        var staged = Path.Combine(paths.CacheDirectory, "contexts", architecture.Machine);
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(paths.ImagesDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(staged, Path.GetRelativePath(paths.ImagesDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (qemuInterpreter is not null && architecture == Architecture.Arm64)
        {
            var target = Path.Combine(staged, "overlay", qemuInterpreter.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(qemuInterpreter, target);
        }

        return staged;
    }
}
