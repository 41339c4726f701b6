using System.Diagnostics;
using Cake.Common.Diagnostics;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>Makes a <see cref="DebianBaseRecipe"/> into an image: debootstrap, the manylinux layout, docker import.</summary>
public static class DebianBootstrap
{
    public static string EnsureImage(BuildContext context, DebianBaseRecipe recipe)
    {
        if (context.DockerImageId(recipe.Reference) is { } present)
        {
            context.Information($"Base image {recipe.Reference}: recipe unchanged, reusing it.");
            return present;
        }

        var tarball = Path.Combine(context.Paths.CacheDirectory, "bases", recipe.TarballName);
        if (File.Exists(tarball))
        {
            context.Information($"Base image {recipe.Reference}: importing the cached root file system {tarball}.");
        }
        else
        {
            Bootstrap(context, recipe, tarball);
        }

        var import = new DockerImageImportSettings { Message = "debootstrap " + string.Join(' ', recipe.DebootstrapArguments) };
        import.Change.Add($"LABEL {ToolLabels.Tool}={ToolLabels.ToolName} {ToolLabels.Recipe}={recipe.Hash}");
        import.Change.Add("ENV LANG=C.UTF-8");
        context.DockerImport(import, tarball, recipe.Reference);
        return context.DockerImageId(recipe.Reference)!;
    }

    private static void Bootstrap(BuildContext context, DebianBaseRecipe recipe, string tarball)
    {
        var mirror = AptMirror.Find();
        var rootfs = Path.Combine(context.Paths.CacheDirectory, "rootfs", Path.GetFileNameWithoutExtension(recipe.TarballName));
        if (Directory.Exists(rootfs))
        {
            Directory.Delete(rootfs, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        var clock = Stopwatch.StartNew();
        context.Information($"Bootstrapping Debian {DebianBaseRecipe.Suite} for {recipe.Architecture.DebianArch} from {mirror} (a few minutes; under emulation for a foreign architecture).");
        var emulator = recipe.Architecture == Architecture.Arm64 ? context.QemuInterpreterToStage : null;
        foreach (var (program, arguments) in recipe.BootstrapCommands(rootfs, mirror, emulator))
        {
            HostCommand.Run(context, program, arguments);
        }

        var pythons = DebianBaseRecipe.ApplyLayout(rootfs);
        context.Information($"Manylinux layout: {string.Join(", ", pythons.Select(p => "/opt/python/" + p.Identifier))}.");
        foreach (var cached in Directory.EnumerateFiles(Path.Combine(rootfs, "var", "cache", "apt", "archives"), "*.deb"))
        {
            File.Delete(cached);
        }

        var partial = tarball + ".partial";
        HostCommand.Run(context, "tar", "--numeric-owner", "-C", rootfs, "-cf", partial, ".");
        File.Move(partial, tarball, overwrite: true);
        Directory.Delete(rootfs, recursive: true);
        context.Information($"Root file system ready in {clock.Elapsed.TotalSeconds:F0} s: {tarball}.");
    }
}
