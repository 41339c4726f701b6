using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>A program of the host, run with exactly these arguments, that makes or changes a root file system.</summary>
public sealed record HostStep(string Program, params string[] Arguments)
{
    public override string ToString() => $"{Program} {string.Join(' ', Arguments)}";
}

/// <summary>What a recipe's steps are given: the Debian archive, the emulator a foreign chroot needs, the parent's tarball.</summary>
public sealed record RootfsInputs(string Mirror, string? Emulator, string? ParentTarball);

/// <summary>
/// A root file system made on this machine from Debian and imported as a base image, for machines
/// that reach no container registry. Its hash names both the cached tarball and the image, so an
/// unchanged recipe is neither made nor imported twice.
/// </summary>
public abstract record RootfsRecipe
{
    public const string Suite = "unstable";

    /// <summary>Bump when <see cref="ApplyLayout"/> or the common finishing changes, so existing roots are not reused.</summary>
    private const string LayoutVersion = "opt-python-symlinks/2";

    /// <summary>Names the image and the tarball, e.g. debian-unstable-amd64.</summary>
    public abstract string Name { get; }

    /// <summary>The machine the root's programs run as.</summary>
    public abstract Architecture Architecture { get; }

    /// <summary>One line said before the steps run: what is made, and how long it takes.</summary>
    public abstract string Summary { get; }

    /// <summary>A root this one is made from (its tarball is extracted first), or null.</summary>
    public virtual RootfsRecipe? Parent => null;

    public string Hash => Describe(new ContentHash().Add("parent", Parent?.Hash ?? "none").Add("layout", LayoutVersion)).Hex();

    public string Reference => $"wheelsmith/{Name}:{Hash[..16]}";

    /// <summary>The root file system, kept between runs and machines that share the cache.</summary>
    public string TarballName => $"{Name}-{Hash[..16]}.tar";

    /// <summary>The host commands that make the root in <paramref name="rootfs"/> (which does not exist yet).</summary>
    public abstract IReadOnlyList<HostStep> Steps(string rootfs, RootfsInputs inputs);

    /// <summary>Work on the finished root before it is packed, beside the common layout.</summary>
    public virtual void Finish(string rootfs)
    {
    }

    /// <summary>Adds everything the steps and <see cref="Finish"/> depend on, so that a change makes a new root.</summary>
    protected abstract ContentHash Describe(ContentHash hash);

    /// <summary>Gives the root file system the manylinux layout: /opt/python/cp3X-cp3X/bin/python; links already there stay.</summary>
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
