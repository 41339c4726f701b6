using System.Diagnostics;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Host;

namespace Wheelsmith.Images;

/// <summary>
/// Makes a <see cref="CachedTree"/> in the cache, its parent, layers and sources first, unless its tarball is there and whole.
/// Layers are made one after another: two compiles side by side were measured at 509 s against about 536 s in turn
/// (configure scripts are bound by process creation on this kind of machine, not by a core), not worth mixing their output.
/// </summary>
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

        // Trees form a graph without cycles and a run holds a tree's lock only while it makes the tree's inputs: no two runs wait on each other.
        using var otherRuns = AcrossRuns(context, tarball, tree);
        return CachedTarball.Intact(context, tarball) ? tarball : MakeNow(context, cache, tree, tarball);
    }

    // Another run on the same cache (a second terminal, tests side by side) may be making the tree: it has the lock file
    // (an advisory lock, gone with its process); this run waits for it, then finds the tree made.
    private static FileStream AcrossRuns(ICakeContext context, string tarball, CachedTree tree)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        var said = false;
        while (true)
        {
            try
            {
                return new FileStream(tarball + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(tarball + ".lock"))
            {
                if (!said)
                {
                    context.Information($"Another run is making {tree.Name}; waiting for it.");
                    said = true;
                }

                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static string MakeNow(ICakeContext context, string cache, CachedTree tree, string tarball)
    {
        var parent = tree.Parent is { } parentTree ? Make(context, cache, parentTree) : null;
        var layers = tree.Layers.Select(layer => Make(context, cache, layer)).ToList();

        var sources = ArchiveFiles.Folder(cache);
        var mirror = AptMirror.Find();
        foreach (var source in tree.Sources)
        {
            ArchiveFiles.Ensure(context, mirror, sources, source);
        }

        var path = Path.Combine(cache, "rootfs", Path.GetFileNameWithoutExtension(tree.TarballName));
        RemoveDirectory(context, path);
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
        RemoveDirectory(context, path);
        context.Information($"{tree.Name} ready in {clock.Elapsed.TotalSeconds:F0} s: {tarball}.");
        return tarball;
    }

    // A folder left by a making that was killed can hold mounts (debootstrap's second stage mounts proc in the root): they are
    // undone first, deepest first, or the folder cannot be removed.
    private static void RemoveDirectory(ICakeContext context, string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var mount in MountsUnder(path))
        {
            HostCommand.Run(context, "umount", "--lazy", mount);
        }

        Directory.Delete(path, recursive: true);
    }

    // The mount points at or under a folder, from the kernel's table (a space in a path is written \040 there).
    private static IEnumerable<string> MountsUnder(string path) =>
        File.Exists("/proc/self/mounts")
            ? File.ReadLines("/proc/self/mounts").Select(line => line.Split(' ')[1].Replace("\\040", " ", StringComparison.Ordinal))
                .Where(mount => mount == path || mount.StartsWith(path + "/", StringComparison.Ordinal)).OrderByDescending(mount => mount.Length).ToList()
            : [];
}
