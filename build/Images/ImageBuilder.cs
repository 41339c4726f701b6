using System.Diagnostics;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// Brings one image up to date and checks what is inside. The probe runs once, after the build,
/// and its findings are kept on the image as labels: an up-to-date image is then recognised from
/// one inspection, without starting a container.
/// </summary>
public static class ImageBuilder
{
    /// <summary>The image of the spec, up to date, holding the CPythons its cells need.</summary>
    public static BuiltImage Ensure(ImageWork work, ImageSpec spec, IReadOnlyList<CPythonTag> needed)
    {
        var baseIds = spec.Bases.ToDictionary(b => b.BuildArgument, b => BaseImages.EnsurePresent(work, b));

        // A build context of this run's own: runs side by side (two outputs, say) never stage into each other's.
        var staged = Path.Combine(work.Plan.Options.Get(OptionDeclarations.Cache), "contexts", $"{spec.Key}-{work.Plan.RunId}");
        try
        {
            return Ensure(work, spec, new ImageRecipe(spec, baseIds, ImageRecipe.StageContext(spec, staged, BinfmtHandler.InterpreterToStage())), needed);
        }
        finally
        {
            if (!work.Resources.HandedOver && Directory.Exists(staged))
            {
                Directory.Delete(staged, recursive: true);
            }
        }
    }

    private static BuiltImage Ensure(ImageWork work, ImageSpec spec, ImageRecipe recipe, IReadOnlyList<CPythonTag> needed)
    {
        var context = work.Cake;
        var labels = work.Inventory.Find(recipe.Reference)?.Labels;
        BuiltImage image;
        if (labels is not null && FromLabels(spec, recipe, labels) is { } known)
        {
            image = known;
            context.Information($"Image {recipe.Reference} is up to date: recipe, context, bases and build arguments are unchanged.");
        }
        else
        {
            var outcome = "probed";
            if (labels is null)
            {
                var clock = Stopwatch.StartNew();
                context.Information($"Building {recipe.Reference} on {string.Join(", ", spec.Bases.Select(b => b.Reference))}.");
                var output = new ToolOutput(context);
                output.Around(() => context.DockerBuild(BuildSettings(work.Plan.Revision.Value, recipe), output.Line, recipe.ContextDirectory));
                work.Inventory.Forget(recipe.Reference);
                outcome = $"built in {clock.Elapsed.TotalSeconds:F0} s";
            }

            image = Probe(work, recipe, outcome);
        }

        // The CPythons of the image's cells, not --cpython's list: a selection (--build, CIBW_BUILD) may take fewer.
        var missing = needed.Except(image.CPythons).ToList();
        if (missing.Count > 0)
        {
            throw new CakeException($"--cpython: {recipe.Reference} has no {string.Join(", ", missing)}; it has {string.Join(", ", image.CPythons)}.");
        }

        return image;
    }

    private static DockerImageBuildSettings BuildSettings(string revision, ImageRecipe recipe)
    {
        // --force-rm: a failed step's container is removed too, not left behind under the tool's label.
        var settings = new DockerImageBuildSettings { Network = recipe.Spec.Offline ? "none" : null, ForceRm = true };
        settings.Tag.Add(recipe.Reference);
        foreach (var (name, value) in recipe.BuildArgs)
        {
            settings.BuildArg[name] = value;
        }

        settings.Label[ToolLabels.Tool] = ToolLabels.ToolName;
        settings.Label[ToolLabels.Inputs] = recipe.Hash;
        settings.Label[ToolLabels.Revision] = revision;
        settings.Label[ToolLabels.BaseName] = string.Join(",", recipe.Spec.Bases.Select(b => b.Reference));
        return settings;
    }

    private static BuiltImage? FromLabels(ImageSpec spec, ImageRecipe recipe, IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ToolLabels.ProbeMachine, out var machine) && machine == spec.Machine.Machine
            && labels.TryGetValue(ToolLabels.ProbeCPythons, out var cpythons)
            ? new BuiltImage(spec.Title, recipe.Reference, recipe.Hash, "up to date, nothing rebuilt", ParseCPythons(cpythons.Split(',')), labels.GetValueOrDefault(ToolLabels.ProbeMagickWand))
            : null;

    // One container reports the machine, the CPythons and MagickWand, so a wrong image fails here; the findings
    // then go onto the image (a commit of a second container, which never starts) for the runs to come.
    private static BuiltImage Probe(ImageWork work, ImageRecipe recipe, string outcome)
    {
        var name = $"wheelsmith-{work.Plan.RunId}-probe-{recipe.Spec.Key}";
        var exec = new DockerContainerExecSettings();
        if (recipe.Spec.PkgConfig is { } pkgConfig)
        {
            exec.Env.Add($"{ImageSpec.PkgConfigArgument}={pkgConfig}");
        }

        ILookup<string, string> report;
        using (var probe = Session(work, name, recipe.Reference, recipe.Spec.Machine, ["sleep", "infinity"]))
        {
            probe.Start();
            report = probe.ExecWithOutput(exec, ["sh", "-c", File.ReadAllText(work.Plan.Paths.ProbeScript)])
                .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).ToLookup(pair => pair[0], pair => pair[1]);
        }

        var machine = report["machine"].FirstOrDefault();
        if (machine != recipe.Spec.Machine.Machine)
        {
            throw new CakeException($"Image {recipe.Reference} runs as '{machine}', not {recipe.Spec.Machine.Machine}: check the base image's architecture and, for aarch64, QEMU (PrepareQemu).");
        }

        var cpythons = ParseCPythons(report["cpython"]);
        var magickwand = recipe.Spec.PkgConfig is null ? null : report["magickwand"].FirstOrDefault() is { Length: > 0 } version ? version : "missing";
        using (var holder = Session(work, name + "-labels", recipe.Reference, recipe.Spec.Machine, ["sh"]))
        {
            var labels = new Dictionary<string, string> { [ToolLabels.ProbeMachine] = machine, [ToolLabels.ProbeCPythons] = string.Join(',', cpythons.Select(c => c.Identifier)) };
            if (magickwand is not null)
            {
                labels[ToolLabels.ProbeMagickWand] = magickwand;
            }

            holder.Commit(recipe.Reference, "probe: " + string.Join(' ', report.SelectMany(g => g.Select(v => $"{g.Key}={v}"))), ToolLabels.Changes(labels));
            work.Inventory.Forget(recipe.Reference);
        }

        return new BuiltImage(recipe.Spec.Title, recipe.Reference, recipe.Hash, outcome, cpythons, magickwand);
    }

    private static ContainerSession Session(ImageWork work, string name, string image, Architecture machine, IReadOnlyList<string> command) =>
        ContainerSession.Create(work.Cake, work.Resources, new ContainerRequest(name, image, work.Plan.ContainerLabels, "none") { Command = command, Machine = machine },
            line => work.Cake.Warning(line));

    private static List<CPythonTag> ParseCPythons(IEnumerable<string> identifiers) =>
        identifiers.Select(CPythonTag.FromIdentifier).OfType<CPythonTag>().Order().ToList();
}
