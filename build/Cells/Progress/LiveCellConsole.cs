using System.Collections.Concurrent;
using System.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;
using Spectre.Console;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Cells.Progress;

/// <summary>
/// A terminal: one live table of the cells (state, current step, elapsed time) redrawn in place
/// while they run, instead of their interleaved output, which stays whole in each cell's log.
/// Failures are shown below the table once it is final, so nothing writes over it.
/// </summary>
public sealed class LiveCellConsole(ICakeContext context) : CellConsole
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<WheelCell, CellState> _cells = new();
    private readonly ConcurrentQueue<WheelResult> _failures = new();

    public override void Started(WheelCell cell) => State(cell).Start();

    public override void Step(WheelCell cell, string title, string line) => State(cell).Step = title;

    public override void Output(WheelCell cell, string line)
    {
    }

    public override void Finished(WheelResult result)
    {
        State(result.Cell).Finish(result);
        if (!result.Succeeded)
        {
            _failures.Enqueue(result);
        }
    }

    public override void Watch(IReadOnlyList<WheelCell> cells, Task allEnded)
    {
        if (cells.Count == 0)
        {
            return;
        }

        var output = cells[0].Options.Output;
        AnsiConsole.Live(Table(cells, output)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(live =>
        {
            while (!allEnded.Wait(Redraw))
            {
                live.UpdateTarget(Table(cells, output));
            }

            live.UpdateTarget(Table(cells, output));
        });

        while (_failures.TryDequeue(out var failure))
        {
            foreach (var line in FailureBlock(failure, tailLines: 20))
            {
                context.Log.Error("{0}", line);
            }
        }
    }

    private CellState State(WheelCell cell) => _cells.GetOrAdd(cell, _ => new CellState());

    private Table Table(IReadOnlyList<WheelCell> cells, string output)
    {
        var states = cells.Select(State).ToList();
        var done = states.Count(s => s.Result is not null);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Wheelsmith: {done} of {cells.Count} cells done")
            .Caption($"Full logs: {Markup.Escape(Path.Combine(output, "logs"))}/")
            .AddColumns("Cell", "State", "Step", "Elapsed");
        table.Columns[2].NoWrap().Width(48);
        foreach (var (cell, state) in cells.Zip(states))
        {
            table.AddRow(cell.Identifier.ToString(), state.Describe(), Markup.Escape(state.Step ?? "-"), state.Elapsed is { } elapsed ? $"{elapsed.TotalSeconds:F1} s" : "-");
        }

        return table;
    }

    private sealed class CellState
    {
        private readonly Stopwatch _clock = new();

        public string? Step { get; set; }

        public WheelResult? Result { get; private set; }

        public TimeSpan? Elapsed => Result?.Duration ?? (_clock.IsRunning ? _clock.Elapsed : null);

        public void Start() => _clock.Start();

        public void Finish(WheelResult result)
        {
            Result = result;
            Step = result.Succeeded ? $"delivered ({result.Test.Label()})" : Step;
        }

        public string Describe() => Result switch
        {
            { Succeeded: true } => "[green]ok[/]",
            { } => "[red]FAILED[/]",
            _ when _clock.IsRunning => "[yellow]running[/]",
            _ => "[grey]queued[/]",
        };
    }
}
