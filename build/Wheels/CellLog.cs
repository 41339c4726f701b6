using Cake.Common.Diagnostics;
using Cake.Core;

namespace Wheelsmith.Wheels;

/// <summary>What a cell's steps print: shown as it comes, prefixed with the cell, and kept whole in the cell's log file.</summary>
public sealed class CellLog : IDisposable
{
    private readonly ICakeContext _context;
    private readonly string _prefix;
    private readonly StreamWriter _file;
    // One lock for every cell: cells run in parallel and share the console.
    private static readonly Lock Gate = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public CellLog(ICakeContext context, WheelCell cell)
    {
        _context = context;
        _prefix = $"[{cell.Label}] ";
        Path = cell.LogFile;
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var created = Directory.CreateDirectory(folder);
        _file = new StreamWriter(Path, append: false) { AutoFlush = true };
        foreach (var path in new[] { created.Parent!.FullName, folder, Path })
        {
            Ownership.GiveTo(path, cell.User);
        }
    }

    public string Path { get; }

    public void Line(string text)
    {
        lock (Gate)
        {
            _file.WriteLine(text);
            _context.Information("{0}{1}", _prefix, text);
        }
    }

    public void Step(string title) => Line($"==> [{_clock.Elapsed.TotalSeconds,5:F1} s] {title}");

    /// <summary>Records the failure and shows it with the last lines of the log, in one block among the other cells' output.</summary>
    public void Failed(string cell, string reason, int tailLines)
    {
        lock (Gate)
        {
            _file.WriteLine($"FAILED: {reason}");
            _file.Flush();
            _context.Error("{0} failed: {1}. Last lines of {2}:", cell, reason, Path);
            foreach (var line in File.ReadLines(Path).TakeLast(tailLines))
            {
                _context.Error("    {0}", line);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
