using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// A tree compiled from source by one of the base's scripts in a chroot of a Debian 11 root (its
/// layers extracted into it first), natively, with no network: what the script installs under
/// $DESTDIR is the tree. Hashed over the root, the layers, the sources, the script and its
/// arguments, so a second run compiles nothing and a changed input compiles again.
/// </summary>
public sealed record SourceBuild(string TreeName, string Says, RootfsRecipe Root, string Script, IReadOnlyList<string> Arguments, IReadOnlyList<ArchiveFile> Inputs, IReadOnlyList<CachedTree> BuildLayers) : CachedTree
{
    /// <summary>Where the chroot finds the script and the sources, and where the script installs.</summary>
    public const string Folder = "/wheelsmith";

    public override string Name => TreeName;

    public override string Summary => Says;

    public override CachedTree Parent => Root;

    public override IReadOnlyList<CachedTree> Layers => BuildLayers;

    public override IReadOnlyList<ArchiveFile> Sources => Inputs;

    /// <summary>Every compile runs on the host's own machine, cross-compiling for aarch64.</summary>
    public override Architecture Architecture => Architecture.X86_64;

    /// <summary>
    /// The root and layers extracted into a work folder beside the tree, the script run there in a chroot of
    /// its own mount and process namespaces (/proc, and a /dev/shm for CPython's semaphore checks, vanish
    /// with it), the installed files moved to the tree and the work folder removed.
    /// </summary>
    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs)
    {
        var work = tree + ".work";
        var sources = work + Folder + "/sources";
        var script = $"{Folder}/{Path.GetFileName(Script)}";
        return
        [
            new("rm", "-rf", work),
            new("mkdir", "-p", sources),
            new("tar", "--numeric-owner", "-xf", inputs.ParentTarball!, "-C", work),
            .. inputs.LayerTarballs.Select(layer => new HostStep("tar", "--numeric-owner", "-xf", layer, "-C", work)),
            .. Inputs.Select(source => new HostStep("cp", Path.Combine(inputs.Sources, source.FileName), sources)),
            new("install", "-m", "0755", Script, work + script),
            new("unshare", [
                "--mount", "--pid", "--fork", $"--mount-proc={work}/proc", "sh", "-c",
                "mkdir -p \"$0/dev/shm\" && mount -t tmpfs shm \"$0/dev/shm\" && exec chroot \"$0\" \"$@\"", work,
                "/usr/bin/env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8",
                $"WHEELSMITH_SOURCES={Folder}/sources", $"DESTDIR={Folder}/out", "/bin/sh", script, .. Arguments]),
            new("mv", work + Folder + "/out", tree),
            new("rm", "-rf", work),
        ];
    }

    protected override ContentHash Describe(ContentHash hash) =>
        DescribeInputs(hash).Add("script", File.ReadAllText(Script)).Add("arguments", string.Join('\0', Arguments));
}
