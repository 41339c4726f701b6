using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Manylinux231;
using Wheelsmith.Options;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Writes the static ImageMagick 7 of each selected architecture (compiled on Debian 11, cached) to <output>/imagemagick/<machine>: include/, lib/*.a, lib/pkgconfig, for --imagemagick-path and IMAGICK_LIB_PATH.")]
[Needs(TargetNeeds.OutputLock)]
public sealed class ImageMagickTask : FrostingTask<BuildContext>
{
    public const string Name = "ImageMagick";

    /// <summary>Where an architecture's tree goes under --output; --imagemagick-path=&lt;output&gt;/imagemagick/{machine} names it.</summary>
    public static string TreeFolder(string output, Architecture architecture) => Path.Combine(output, "imagemagick", architecture.Machine);

    public override void Run(BuildContext context)
    {
        // Compiled in chroots of Debian 11 roots, whatever --base is: no engine and no registry are needed.
        var debootstrap = new HostRequirement("debootstrap", "debootstrap", "debootstrap");
        if (!debootstrap.IsPresent)
        {
            throw new CakeException("--target=ImageMagick compiles in a Debian 11 root made with debootstrap, which this host lacks: apt-get install debootstrap.");
        }

        var cache = context.Options.Get(OptionDeclarations.Cache);
        var trees = new BaseTrees(context.Plan.Paths.Manylinux231Directory);
        foreach (var architecture in context.Options.Architectures)
        {
            var tarball = CachedTrees.Make(context, cache, trees.ImageMagick(architecture));
            var folder = TreeFolder(context.Options.Output, architecture);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);

            // ./opt/imagemagick/<machine>/… in the tarball: the tree itself, wherever it is put.
            HostCommand.Run(context, "tar", "--numeric-owner", "--no-same-owner", "-xf", tarball, "-C", folder, "--strip-components=4");
            foreach (var pc in Directory.EnumerateFiles(Path.Combine(folder, "lib", "pkgconfig"), "*.pc"))
            {
                File.WriteAllLines(pc, File.ReadAllLines(pc).Select(line => line.StartsWith("prefix=", StringComparison.Ordinal) ? "prefix=${pcfiledir}/../.." : line));
            }

            context.Information($"ImageMagick {Catalogue.ImageMagickVersion} for {architecture.Machine}: {folder}.");
        }

        // Once, when every tree is written: the files belong to the user who asked for them.
        var written = Path.Combine(context.Options.Output, "imagemagick");
        foreach (var path in Directory.EnumerateFileSystemEntries(written, "*", SearchOption.AllDirectories).Prepend(written))
        {
            Ownership.GiveTo(path, context.Plan.User);
        }
    }
}
