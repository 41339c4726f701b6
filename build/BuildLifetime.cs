using Cake.Common.Diagnostics;
using Cake.Core;
using Spectre.Console;
using Wheelsmith.Host;
using Wheelsmith.Options;
using Wheelsmith.Report;

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

        foreach (var note in context.Plan.Notes)
        {
            context.Warning(note);
        }

        if (options.BuildFrontend.Note is { } frontendNote)
        {
            context.Information(frontendNote + ".");
        }

        context.Information($"Target {info.TargetTask.Name}: arch {string.Join(", ", options.Architectures)}; cpython {cpythons}; base {options.Base.OptionValue()}{armBuild}");
    }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        context.Interruption.HoldIfHappened();
        foreach (var image in context.Images.All)
        {
            var magickwand = image.MagickWandVersion is { } version ? $"; MagickWand {version}" : string.Empty;
            context.Information($"Image {image.Title}: {image.Reference} ({image.Outcome}; CPython {string.Join(", ", image.CPythons)}{magickwand})");
        }

        var results = context.Outcomes.InPlanOrder;
        if (results.Count > 0)
        {
            // Piped into a CI log the console reports 80 columns; a wheel's name alone is longer.
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
            }

            var plan = context.Plan;
            AnsiConsole.Write(WheelReport.Table(results, plan.Options.Output));
            var source = plan.Options.Source;
            var git = new GitFacts(context);
            var report = RunReport.From(plan, new RunReport.SourceInfo(git.Describe(source), git.HasUncommittedChanges(source)), context.Images.All, results)
                .Write(plan.Options.Output, plan.User);
            context.Information($"Report: {report}");
            CiPublisher.Publish(context, results, plan.Options.Output, report);
        }
    }
}
