using System.Diagnostics;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>Makes a <see cref="RootfsRecipe"/> into an image: the root file system (cached as a tarball), then docker import.</summary>
public static class RootfsImages
{
    /// <summary>The image's id, imported from the cached tarball (made first when missing) when the engine lacks it.</summary>
    public static string EnsureImage(ImageWork work, RootfsRecipe recipe)
    {
        var context = work.Cake;
        if (work.Inventory.Find(recipe.Reference) is { } present)
        {
            context.Verbose($"Base image {recipe.Reference}: recipe unchanged, reusing it.");
            return present.Id;
        }

        var cache = work.Plan.Options.Get(OptionDeclarations.Cache);
        var tarball = TarballPath(cache, recipe);
        if (CachedTarball.Intact(context, tarball))
        {
            context.Information($"Base image {recipe.Reference}: importing the cached root file system {tarball}.");
        }
        else
        {
            Make(context, cache, recipe);
        }

        var import = new DockerImageImportSettings { Message = $"{recipe.Name} {recipe.Hash}" };
        import.Change.AddRange(ToolLabels.Changes(new Dictionary<string, string> { [ToolLabels.Tool] = ToolLabels.ToolName, [ToolLabels.Recipe] = recipe.Hash }));
        import.Change.Add("ENV LANG=C.UTF-8");
        context.DockerImport(import, tarball, recipe.Reference);
        work.Inventory.Forget(recipe.Reference);
        return work.Inventory.Find(recipe.Reference)!.Id;
    }

    private static string TarballPath(string cache, RootfsRecipe recipe) =>
        Path.Combine(cache, "bases", recipe.TarballName);

    // Written under a temporary name and renamed, so that a cached tarball is always whole.
    private static string Make(ICakeContext context, string cache, RootfsRecipe recipe)
    {
        var tarball = TarballPath(cache, recipe);
        if (CachedTarball.Intact(context, tarball))
        {
            return tarball;
        }

        var parent = recipe.Parent is { } parentRecipe ? Make(context, cache, parentRecipe) : null;
        var rootfs = Path.Combine(cache, "rootfs", Path.GetFileNameWithoutExtension(recipe.TarballName));
        RemoveDirectory(rootfs);
        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        var clock = Stopwatch.StartNew();
        var mirror = AptMirror.Find();
        context.Information(recipe.Summary);
        context.Information($"Debian archive: {mirror}.");

        // A foreign chroot finds its emulator inside only when the binfmt handler lacks the F flag.
        var emulator = recipe.Architecture != Options.Architecture.Host ? BinfmtHandler.InterpreterToStage() : null;
        foreach (var step in recipe.Steps(rootfs, new RootfsInputs(mirror, emulator, parent)))
        {
            // A foreign second stage runs the package scripts under QEMU.
            HostCommand.Run(context, EmulatedCpu.Environment(recipe.Architecture), step.Program, step.Arguments);
        }

        recipe.Finish(rootfs);
        var pythons = RootfsRecipe.ApplyLayout(rootfs);
        context.Information($"Manylinux layout: {string.Join(", ", pythons.Select(p => "/opt/python/" + p.Identifier))}.");
        var archives = Path.Combine(rootfs, "var", "cache", "apt", "archives");
        foreach (var cached in Directory.Exists(archives) ? Directory.EnumerateFiles(archives, "*.deb") : [])
        {
            File.Delete(cached);
        }

        var partial = tarball + ".partial";
        HostCommand.Run(context, "tar", "--numeric-owner", "-C", rootfs, "-cf", partial, ".");
        CachedTarball.Record(partial, tarball);
        File.Move(partial, tarball, overwrite: true);
        RemoveDirectory(rootfs);
        context.Information($"Root file system {recipe.Name} ready in {clock.Elapsed.TotalSeconds:F0} s: {tarball}.");
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
