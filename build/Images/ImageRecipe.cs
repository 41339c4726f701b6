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
    /// Copies the --images folder into a fresh build context beside the cache, with the emulator the arm image
    /// needs when the host's handler lacks the F flag: nothing is ever written into that folder.
    /// </summary>
    public static string StageContext(string images, string cacheDirectory, Architecture architecture, string? qemuInterpreter)
    {
        var staged = Path.Combine(cacheDirectory, "contexts", architecture.Machine);
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(staged, Path.GetRelativePath(images, file));
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
