using Cake.Core;
using Cake.Core.Diagnostics;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells.Progress;

/// <summary>Every cell's lines as they come, prefixed with the cell: for a pipe, a file, a CI log other than GitHub's.</summary>
public sealed class PlainCellConsole(ICakeContext context, Verbosity verbosity) : CellConsole
{
    // Cells run in parallel and share the console.
    private readonly Lock _gate = new();

    public override void Step(WheelCell cell, string title, string line) => Write(cell, line, Verbosity.Minimal);

    public override void Output(WheelCell cell, string line) => Write(cell, line, Verbosity.Normal);

    public override void Finished(WheelResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var line in FailureBlock(result, tailLines: 20))
            {
                context.Log.Error("{0}", line);
            }
        }
    }

    private void Write(WheelCell cell, string line, Verbosity from)
    {
        if (verbosity < from)
        {
            return;
        }

        lock (_gate)
        {
            context.Log.Write(from, LogLevel.Information, "[{0}] {1}", cell.Label, line);
        }
    }
}
