using Cake.Core;
using Cake.Core.Annotations;

namespace Wheelsmith.Docker;

[CakeAliasCategory("Docker")]
public static partial class DockerAliases
{
    /// <summary>Builds, handing every line of output to <paramref name="onLine"/> as it comes.</summary>
    [CakeMethodAlias]
    public static void DockerBuild(this ICakeContext context, DockerImageBuildSettings settings, Action<string> onLine, string path) =>
        new DockerRunner<DockerImageBuildSettings>(context).RunStreaming(settings, onLine, path);

    /// <summary>Imports a root file system tarball as <paramref name="reference"/>.</summary>
    [CakeMethodAlias]
    public static void DockerImport(this ICakeContext context, DockerImageImportSettings settings, string tarball, string reference) =>
        new DockerRunner<DockerImageImportSettings>(context).Run(settings, tarball, reference);

    /// <summary>The images docker lists, one formatted line each.</summary>
    [CakeMethodAlias]
    public static IReadOnlyList<string> DockerImages(this ICakeContext context, DockerImageLsSettings settings) =>
        new DockerRunner<DockerImageLsSettings>(context).RunWithOutput(settings).Where(l => l.Length > 0).ToList();

    [CakeMethodAlias]
    public static void DockerRmi(this ICakeContext context, DockerImageRmSettings settings, params string[] images) =>
        new DockerRunner<DockerImageRmSettings>(context).RunWithOutput(settings, images);

    /// <summary>Pulls without failing the run: true when it succeeded; what docker printed (its error) goes to <paramref name="onLine"/>.</summary>
    [CakeMethodAlias]
    public static bool DockerTryPull(this ICakeContext context, DockerImagePullSettings settings, Action<string> onLine, string image)
    {
        try
        {
            new DockerRunner<DockerImagePullSettings>(context).RunStreaming(settings, onLine, image);
            return true;
        }
        catch (CakeException)
        {
            return false;
        }
    }

    /// <summary>One formatted line per image the engine has among <paramref name="images"/>; those it lacks are left out.</summary>
    [CakeMethodAlias]
    public static IReadOnlyList<string> DockerImageInspectAll(this ICakeContext context, DockerImageInspectSettings settings, params string[] images) =>
        new DockerRunner<DockerImageInspectSettings>(context).TryRun(settings, images).Output.Where(line => line.Length > 0).ToList();

    /// <summary>The image's id, or null when the engine has no such image.</summary>
    [CakeMethodAlias]
    public static string? DockerImageId(this ICakeContext context, string image) =>
        context.DockerImageInspectAll(new DockerImageInspectSettings { Format = "{{.Id}}" }, image).FirstOrDefault();
}
