using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>A program of the host, run with exactly these arguments, that makes or changes a tree.</summary>
public sealed record HostStep(string Program, params string[] Arguments)
{
    public override string ToString() => $"{Program} {string.Join(' ', Arguments)}";
}

/// <summary>
/// What a tree's steps are given: the Debian archive, the emulator a foreign chroot needs, the
/// parent's tarball, the layers' tarballs (in <see cref="CachedTree.Layers"/>' order) and the cache's
/// source folder.
/// </summary>
public sealed record TreeInputs(string Mirror, string? Emulator, string? ParentTarball, IReadOnlyList<string> LayerTarballs, string Sources);

/// <summary>
/// A file tree made on this machine by host commands and kept in the cache as a tarball named by
/// a hash of everything that makes it, so an unchanged recipe is never made twice: a root file
/// system (<see cref="RootfsRecipe"/>, imported as a base image) or something compiled from source
/// in one (<see cref="SourceBuild"/>, extracted into roots).
/// </summary>
public abstract record CachedTree
{
    /// <summary>Bump when the common finishing changes, so existing trees are not reused.</summary>
    private const string LayoutVersion = "opt-python-symlinks/2";

    /// <summary>Names the tarball (and a root's image), e.g. debian-unstable-amd64.</summary>
    public abstract string Name { get; }

    /// <summary>The machine the tree's steps run programs of: a foreign one runs under QEMU.</summary>
    public abstract Architecture Architecture { get; }

    /// <summary>One line said before the steps run: what is made, and how long it takes.</summary>
    public abstract string Summary { get; }

    /// <summary>A tree this one is made from (its tarball is made first), or null.</summary>
    public virtual CachedTree? Parent => null;

    /// <summary>Other trees made first, whose tarballs the steps use (extracted into a root, say).</summary>
    public virtual IReadOnlyList<CachedTree> Layers => [];

    /// <summary>Archive files the steps read from the cache's source folder, fetched and checked first.</summary>
    public virtual IReadOnlyList<ArchiveFile> Sources => [];

    public string Hash => Describe(new ContentHash().Add("parent", Parent?.Hash ?? "none").Add("layout", LayoutVersion)).Hex();

    public string TarballName => $"{Name}-{Hash[..16]}.tar";

    /// <summary>The host commands that make the tree in <paramref name="tree"/> (which does not exist yet).</summary>
    public abstract IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs);

    /// <summary>Work on the finished tree before it is packed.</summary>
    public virtual void Finish(string tree)
    {
    }

    /// <summary>Adds everything the steps and <see cref="Finish"/> depend on, so that a change makes a new tree.</summary>
    protected abstract ContentHash Describe(ContentHash hash);

    /// <summary>The layers' and sources' part of a hash, for recipes that have them.</summary>
    protected ContentHash DescribeInputs(ContentHash hash) =>
        hash.Add("layers", string.Join(' ', Layers.Select(layer => layer.Hash))).Add("sources", string.Join(' ', Sources.Select(source => source.Sha256)));
}
