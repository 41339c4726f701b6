using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// A root file system made on this machine from Debian and imported as a base image, for machines
/// that reach no container registry. Its hash names both the cached tarball and the image, so an
/// unchanged recipe is neither made nor imported twice.
/// </summary>
public abstract record RootfsRecipe : CachedTree
{
    /// <summary>The Debian suite of the local base's roots.</summary>
    public const string Suite = "unstable";

    public string Reference => $"wheelsmith/{Name}:{Hash[..16]}";

    /// <summary>
    /// Whether Debian's own CPythons (/usr/bin/python3.X) get the manylinux layout. A root whose
    /// CPythons are compiled here says no, so that a Debian interpreter some build tool pulled in is never offered as a cell's.
    /// </summary>
    public virtual bool LinksDebianCPythons => true;

    /// <summary>Whether the tarball stays in the cache once imported; one assembled from cached trees is made again in seconds.</summary>
    public virtual bool KeepsTarball => true;

    /// <summary>Gives a root file system the manylinux layout: /opt/python/cp3X-cp3X/bin/python; links already there stay.</summary>
    public static IReadOnlyList<CPythonTag> ApplyLayout(string rootfs)
    {
        var tags = Directory.EnumerateFiles(Path.Combine(rootfs, "usr", "bin"), "python3.*")
            .Select(Path.GetFileName)
            .Select(name => System.Text.RegularExpressions.Regex.Match(name!, @"^python3\.(\d+)$"))
            .Where(m => m.Success)
            .Select(m => new CPythonTag(int.Parse(m.Groups[1].Value), false))
            .Order()
            .ToList();
        foreach (var tag in tags)
        {
            var bin = Path.Combine(rootfs, "opt", "python", tag.Identifier, "bin");
            Directory.CreateDirectory(bin);
            var link = Path.Combine(bin, "python");
            if (!File.Exists(link) && !Directory.Exists(link) && new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, $"/usr/bin/python3.{tag.Minor}");
            }
        }

        return tags;
    }
}
