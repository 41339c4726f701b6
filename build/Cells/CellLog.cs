using Wheelsmith.Cells.Progress;
using Wheelsmith.Host;
using Wheelsmith.Plan;

namespace Wheelsmith.Cells;

/// <summary>What a cell's steps print: kept whole in the cell's log file, and handed to the run's <see cref="CellConsole"/>.</summary>
public sealed class CellLog : IDisposable
{
    private readonly WheelCell _cell;
    private readonly CellConsole _console;
    private readonly StreamWriter _file;
    private readonly Lock _gate = new();
    private bool _fileFull;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public CellLog(CellConsole console, WheelCell cell)
    {
        _cell = cell;
        _console = console;
        Path = cell.LogFile;
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var created = Directory.CreateDirectory(folder);
        _file = new StreamWriter(Path, append: false) { AutoFlush = true };
        foreach (var path in new[] { created.Parent!.FullName, folder, Path })
        {
            Ownership.GiveTo(path, cell.User);
        }

        console.Started(cell);
    }

    public string Path { get; }

    /// <summary>A line of a tool's output, or of the build's own.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            Write(text);
            _console.Output(_cell, text);
        }
    }

    /// <summary>A step begins; <paramref name="detail"/> says how it runs (the command line).</summary>
    public void Step(string title, string detail)
    {
        var line = $"==> [{_clock.Elapsed.TotalSeconds,5:F1} s] {detail}";
        lock (_gate)
        {
            Write(line);
            _console.Step(_cell, title, line);
        }
    }

    public void Failed(string reason)
    {
        lock (_gate)
        {
            Write($"FAILED: {reason}");
        }
    }

    // A full disk ends the log file where it is, not the cell: what follows still reaches the console.
    private void Write(string line)
    {
        if (_fileFull)
        {
            return;
        }

        try
        {
            _file.WriteLine(line);
        }
        catch (IOException exception) when (DiskFull.Is(exception))
        {
            _fileFull = true;
            _console.Output(_cell, $"(the log file {Path} stops here: {DiskFull.Reason(_cell.Options.Output)})");
        }
    }

    public void Dispose()
    {
        try
        {
            _file.Dispose();
        }
        catch (IOException exception) when (DiskFull.Is(exception))
        {
            // The last buffered line did not fit; the file ends before it.
        }
    }
}
