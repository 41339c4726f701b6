using System.Diagnostics;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Host;

namespace Wheelsmith.Images;

/// <summary>Makes a <see cref="CachedTree"/> in the cache, its parent, layers and sources first, unless its tarball is there and whole.</summary>
public static class CachedTrees
{
    public static string TarballPath(string cache, CachedTree tree) => Path.Combine(cache, "bases", tree.TarballName);

    /// <summary>The tree's tarball, made when it is missing or damaged. Written under a temporary name and renamed, so that a cached tarball is always whole.</summary>
    public static string Make(ICakeContext context, string cache, CachedTree tree)
    {
        var tarball = TarballPath(cache, tree);
        if (CachedTarball.Intact(context, tarball))
        {
            return tarball;
        }

        var parent = tree.Parent is { } parentTree ? Make(context, cache, parentTree) : null;
        var layers = tree.Layers.Select(layer => Make(context, cache, layer)).ToList();
        var sources = ArchiveFiles.Folder(cache);
        var mirror = AptMirror.Find();
        foreach (var source in tree.Sources)
        {
            ArchiveFiles.Ensure(context, mirror, sources, source);
        }

        var path = Path.Combine(cache, "rootfs", Path.GetFileNameWithoutExtension(tree.TarballName));
        RemoveDirectory(path);
        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        var clock = Stopwatch.StartNew();
        context.Information(tree.Summary);
        context.Information($"Debian archive: {mirror}.");

        // A foreign chroot finds its emulator inside only when the binfmt handler lacks the F flag.
        var emulator = tree.Architecture != Options.Architecture.Host ? BinfmtHandler.InterpreterToStage() : null;
        foreach (var step in tree.Steps(path, new TreeInputs(mirror, emulator, parent, layers, sources)))
        {
            // A foreign second stage runs the package scripts under QEMU.
            HostCommand.Run(context, EmulatedCpu.Environment(tree.Architecture), step.Program, step.Arguments);
        }

        tree.Finish(path);
        if (tree is RootfsRecipe { LinksDebianCPythons: true })
        {
            var pythons = RootfsRecipe.ApplyLayout(path);
            context.Information($"Manylinux layout: {string.Join(", ", pythons.Select(p => "/opt/python/" + p.Identifier))}.");
        }

        var archives = Path.Combine(path, "var", "cache", "apt", "archives");
        foreach (var cached in Directory.Exists(archives) ? Directory.EnumerateFiles(archives, "*.deb") : [])
        {
            File.Delete(cached);
        }

        var partial = tarball + ".partial";
        HostCommand.Run(context, "tar", "--numeric-owner", "-C", path, "-cf", partial, ".");
        CachedTarball.Record(partial, tarball);
        File.Move(partial, tarball, overwrite: true);
        RemoveDirectory(path);
        context.Information($"{tree.Name} ready in {clock.Elapsed.TotalSeconds:F0} s: {tarball}.");
        return tarball;
    }

    private static void RemoveDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
