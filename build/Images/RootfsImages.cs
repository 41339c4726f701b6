using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
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
        var tarball = CachedTrees.TarballPath(cache, recipe);
        if (CachedTarball.Intact(context, tarball))
        {
            context.Information($"Base image {recipe.Reference}: importing the cached root file system {tarball}.");
        }
        else
        {
            CachedTrees.Make(context, cache, recipe);
        }

        var import = new DockerImageImportSettings { Message = $"{recipe.Name} {recipe.Hash}" };
        import.Change.AddRange(ToolLabels.Changes(new Dictionary<string, string> { [ToolLabels.Tool] = ToolLabels.ToolName, [ToolLabels.Recipe] = recipe.Hash }));
        import.Change.Add("ENV LANG=C.UTF-8");
        context.DockerImport(import, tarball, recipe.Reference);
        if (!recipe.KeepsTarball)
        {
            CachedTarball.Remove(tarball);
        }

        work.Inventory.Forget(recipe.Reference);
        return work.Inventory.Find(recipe.Reference)!.Id;
    }
}
