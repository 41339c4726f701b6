using Cake.Core;
using Cake.Core.Diagnostics;

namespace Wheelsmith.Host;

/// <summary>
/// A tool's own output outside the cells (docker build, debootstrap): shown as it comes from normal
/// verbosity up; below that held back, and its last lines shown only when the tool fails.
/// </summary>
public sealed class ToolOutput(ICakeContext context)
{
    private const int TailLines = 40;
    private readonly Queue<string> _tail = new();

    public void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }

            context.Log.Write(Verbosity.Normal, LogLevel.Information, "{0}", line);
        }
    }

    /// <summary>Runs <paramref name="run"/>; if it fails while the output was held back, the last lines come first.</summary>
    public void Around(Action run)
    {
        try
        {
            run();
        }
        catch (CakeException) when (context.Log.Verbosity < Verbosity.Normal)
        {
            lock (_tail)
            {
                foreach (var line in _tail)
                {
                    context.Log.Error("    {0}", line);
                }
            }

            throw;
        }
    }
}
