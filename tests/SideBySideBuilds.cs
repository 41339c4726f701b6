using System.Diagnostics;

namespace Wheelsmith.Tests;

/// <summary>
/// Named runs of the build program that a fixture's set-up makes together, each into an output folder of its own, at
/// most <see cref="AtOnce"/> at a time in the order added. Each run keeps about one core busy, so starting more than
/// the machine has cores only makes every run slower, and under that load an emulated cell's tools can pass timeouts
/// of their own (scikit-build-core gives <c>cmake -E capabilities</c> ten seconds, then builds as if there were no
/// CMake). A test reads a run by name: a run that failed fails the tests that read it, with what it printed, and
/// no others.
/// </summary>
internal sealed class SideBySideBuilds(string folderPrefix) : IDisposable
{
    /// <summary>Two cores, and one run more for the time each spends starting containers and waiting for the engine.</summary>
    public const int AtOnce = 3;

    private readonly Queue<(string Name, string[] Arguments, IDictionary<string, string>? Environment)> _waiting = [];
    private readonly Dictionary<string, (BuildProcess.Result Run, string Output)> _runs = [];

    /// <summary>Queues a run; <c>--output</c> is added, a folder of its own.</summary>
    public void Add(string name, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        _waiting.Enqueue((name, [.. arguments], environment));

    /// <summary>Runs what was queued, at most <see cref="AtOnce"/> at a time; what is still running at <paramref name="timeout"/> is stopped and counts as failed.</summary>
    public void Run(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var running = new List<(string Name, string Output, BuildProcess.Running Process)>();
        try
        {
            while (_waiting.Count > 0 || running.Count > 0)
            {
                while (_waiting.Count > 0 && running.Count < AtOnce && clock.Elapsed < timeout)
                {
                    var (name, arguments, environment) = _waiting.Dequeue();
                    var output = Directory.CreateTempSubdirectory(folderPrefix).FullName;
                    running.Add((name, output, BuildProcess.Start([.. arguments, "--output=" + output], environment)));
                }

                foreach (var ended in running.Where(run => run.Process.HasExited).ToList())
                {
                    _runs[ended.Name] = (ended.Process.Wait(TimeSpan.FromMinutes(1)), ended.Output);
                    ended.Process.Dispose();
                    running.Remove(ended);
                }

                if (clock.Elapsed >= timeout)
                {
                    break;
                }

                Thread.Sleep(200);
            }
        }
        finally
        {
            foreach (var (name, output, process) in running)
            {
                var (printed, id) = (process.Output, process.Id);
                process.Dispose();
                _runs[name] = (new BuildProcess.Result(-1, $"stopped: the set-up's {timeout} ran out\n{printed}", id), output);
            }

            foreach (var (name, _, _) in _waiting)
            {
                _runs[name] = (new BuildProcess.Result(-1, $"not started: the set-up's {timeout} ran out", 0), string.Empty);
            }
        }
    }

    /// <summary>The run called <paramref name="name"/>, which must have succeeded.</summary>
    public BuildProcess.Result Succeeded(string name)
    {
        var (run, _) = _runs[name];
        Assert.That(run.ExitCode, Is.Zero, $"the run '{name}' failed: {run}");
        return run;
    }

    /// <summary>The output folder of the run called <paramref name="name"/>, which must have succeeded.</summary>
    public string Output(string name)
    {
        Succeeded(name);
        return _runs[name].Output;
    }

    public void Dispose()
    {
        foreach (var (_, output) in _runs.Values.Where(run => run.Output.Length > 0))
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
