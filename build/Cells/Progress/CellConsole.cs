using Cake.Common.Build;
using Cake.Core;
using Cake.Core.Diagnostics;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells.Progress;

/// <summary>
/// Where a person or a CI log sees the cells; each cell's log file on disk is complete whatever is
/// shown. Chosen once per run: on GitHub Actions each cell's log in a collapsible group, on a
/// terminal a live view of the cells, elsewhere (a pipe, another CI) the lines prefixed with the cell.
/// --verbosity decides how much: quiet only failures, minimal the steps, normal the tools' output too.
/// </summary>
public abstract class CellConsole
{
    public static CellConsole For(ICakeContext context)
    {
        var verbosity = context.Log.Verbosity;
        if (context.BuildSystem().GitHubActions.IsRunningOnGitHubActions)
        {
            return new GroupedCellConsole(context, verbosity);
        }

        return !Console.IsOutputRedirected && verbosity >= Verbosity.Minimal && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive
            ? new LiveCellConsole(context)
            : new PlainCellConsole(context, verbosity);
    }

    public virtual void Started(WheelCell cell)
    {
    }

    /// <summary>A step begins: <paramref name="title"/> names it (build, repair, test), <paramref name="line"/> is what the log says.</summary>
    public abstract void Step(WheelCell cell, string title, string line);

    /// <summary>A line a tool printed.</summary>
    public abstract void Output(WheelCell cell, string line);

    /// <summary>The cell is over: its log file is complete.</summary>
    public abstract void Finished(WheelResult result);

    /// <summary>Called once all cells are queued; returns when <paramref name="cells"/> have ended. Only a live view draws meanwhile.</summary>
    public virtual void Watch(IReadOnlyList<WheelCell> cells, Task allEnded)
    {
    }

    /// <summary>A failed cell's reason and the last lines of its log, in one block.</summary>
    protected static IEnumerable<string> FailureBlock(WheelResult result, int tailLines) =>
        [$"{result.Cell.Name} failed: {result.Failure}. Last lines of {result.LogFile}:", .. File.ReadLines(result.LogFile).TakeLast(tailLines).Select(line => "    " + line)];
}
