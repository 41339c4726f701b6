using System.Diagnostics;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>Brings one architecture's build image up to date and checks what is inside.</summary>
public static class ImageBuilder
{
    private const string ProbeScript = "/usr/local/libexec/wheelsmith/probe.sh"; // from images/overlay

    public static BuiltImage Ensure(BuildContext context, Architecture architecture)
    {
        context.Verbose($"Docker engine {context.EngineVersion}.");
        var baseReference = BaseImages.Reference(context.Options, architecture);
        var baseId = BaseImages.EnsurePresent(context, architecture);
        var recipe = new ImageRecipe(architecture, baseReference, baseId,
            ImageRecipe.StageContext(context.Options.Images, context.Paths.CacheDirectory, architecture, context.QemuInterpreterToStage),
            Offline: BaseImages.LocalRecipe(context.Options, architecture) is not null);

        string outcome;
        if (context.DockerImageId(recipe.Reference) is not null)
        {
            outcome = "up to date, nothing rebuilt";
            context.Information($"Image {recipe.Reference} is up to date: Dockerfile, context, base image and build arguments are unchanged.");
        }
        else
        {
            var clock = Stopwatch.StartNew();
            context.Information($"Building {recipe.Reference} on {baseReference}.");
            context.DockerBuild(BuildSettings(context, recipe), recipe.ContextDirectory);
            outcome = $"built in {clock.Elapsed.TotalSeconds:F0} s";
        }

        var image = Probe(context, recipe, outcome);
        var missing = context.Options.CPythons?.Except(image.CPythons).ToList() ?? [];
        if (missing.Count > 0)
        {
            throw new CakeException($"--cpython: {recipe.Reference} has no {string.Join(", ", missing)}; it has {string.Join(", ", image.CPythons)}.");
        }

        context.Images[architecture] = image;
        return image;
    }

    private static DockerImageBuildSettings BuildSettings(BuildContext context, ImageRecipe recipe)
    {
        var settings = new DockerImageBuildSettings { Network = recipe.Offline ? "none" : null };
        settings.Tag.Add(recipe.Reference);
        foreach (var (name, value) in recipe.BuildArgs)
        {
            settings.BuildArg[name] = value;
        }

        settings.Label[ToolLabels.Tool] = ToolLabels.ToolName;
        settings.Label[ToolLabels.Inputs] = recipe.Hash;
        settings.Label[ToolLabels.Revision] = context.Revision;
        settings.Label[ToolLabels.BaseName] = recipe.BaseReference;
        return settings;
    }

    // One container run reports the machine, the CPythons and MagickWand, so a wrong image fails here.
    private static BuiltImage Probe(BuildContext context, ImageRecipe recipe, string outcome)
    {
        var report = context.DockerRunWithOutput(new DockerContainerRunSettings { Rm = true, Network = "none" }, recipe.Reference, "sh", ProbeScript)
            .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).ToLookup(pair => pair[0], pair => pair[1]);
        var machine = report["machine"].FirstOrDefault();
        if (machine != recipe.Architecture.Machine)
        {
            throw new CakeException($"Image {recipe.Reference} runs as '{machine}', not {recipe.Architecture.Machine}: check the base image's architecture and, for arm64, QEMU (PrepareQemu).");
        }

        var cpythons = report["cpython"].Select(CPythonTag.FromIdentifier).OfType<CPythonTag>().Order().ToList();
        return new BuiltImage(recipe.Architecture, recipe.Reference, outcome, cpythons, report["magickwand"].FirstOrDefault() ?? "missing");
    }
}
