using Cake.Common.Diagnostics;
using Cake.Core;
using Spectre.Console;
using Wheelsmith.Wheels;

namespace Wheelsmith;

public sealed class BuildLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        var options = context.Options;
        var cpythons = options.CPythons is null ? "all the image has" : string.Join(", ", options.CPythons);
        var armBuild = options.Builds(Options.Architecture.Arm64) ? $"; arm build {options.ArmBuild.ToString().ToLowerInvariant()}" : string.Empty;
        if (options.ConfigWarnings.Count > 0)
        {
            context.Warning($"{options.ConfigFile}: not acted on by this build: {string.Join(", ", options.ConfigWarnings)}.");
        }

        context.Information($"Target {info.TargetTask.Name}: arch {string.Join(", ", options.Architectures)}; cpython {cpythons}; base {options.Base.ToString().ToLowerInvariant()}{armBuild}");
    }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        context.Interruption?.HoldIfHappened();
        foreach (var image in context.Images)
        {
            var magickwand = image.MagickWandVersion is { } version ? $"; MagickWand {version}" : string.Empty;
            context.Information($"Image {image.Title}: {image.Reference} ({image.Outcome}; CPython {string.Join(", ", image.CPythons)}{magickwand})");
        }

        if (context.Results.Count > 0)
        {
            // Piped into a CI log the console reports 80 columns; a wheel's name alone is longer.
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
            }

            var order = context.Cells.Select((cell, index) => (cell, index)).ToDictionary(p => p.cell.Name, p => p.index);
            var results = context.Results.OrderBy(r => order[r.Cell.Name]).ToList();
            AnsiConsole.Write(WheelReport.Table(results, context.Options.Output));
            var report = RunReport.From(context, context.Target).Write(context.Cells[0].User);
            context.Information($"Report: {report}");
            Ci.CiPublisher.Publish(context, results, report);
        }
    }
}
