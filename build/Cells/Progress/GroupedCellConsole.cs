using Cake.Common.Build;
using Cake.Common.Build.GitHubActions.Data;
using Cake.Core;
using Cake.Core.Diagnostics;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells.Progress;

/// <summary>
/// GitHub Actions: interleaved lines of parallel cells are unreadable in a CI log, so the steps show
/// as they begin and each cell's whole log follows in a collapsible group when the cell ends (below
/// normal verbosity only a failed cell's); a failed cell also gets an error annotation naming its
/// log. Through Cake's GitHub Actions commands.
/// </summary>
public sealed class GroupedCellConsole(ICakeContext context, Verbosity verbosity) : CellConsole
{
    private readonly Lock _gate = new();

    // The steps as they begin, prefixed as in a plain log.
    private readonly PlainCellConsole _steps = new(context, verbosity);

    public override void Step(WheelCell cell, string title, string line) => _steps.Step(cell, title, line);

    public override void Output(WheelCell cell, string line)
    {
    }

    public override void Finished(WheelResult result)
    {
        var commands = context.BuildSystem().GitHubActions.Commands;
        lock (_gate)
        {
            if (verbosity >= Verbosity.Normal || !result.Succeeded)
            {
                commands.StartGroup($"{result.Cell.Identifier}: {(result.Succeeded ? "ok" : "FAILED")} in {result.Duration.TotalSeconds:F1} s (log {result.LogFile})");
                foreach (var line in File.ReadLines(result.LogFile))
                {
                    Console.Out.WriteLine(line);
                }

                commands.EndGroup();
            }

            if (!result.Succeeded)
            {
                commands.Error($"{result.Cell.Identifier} failed: {result.Failure}. Its log: {result.LogFile}", new GitHubActionsAnnotation { Title = $"Wheelsmith: {result.Cell.Identifier} failed" });
            }
        }
    }
}
