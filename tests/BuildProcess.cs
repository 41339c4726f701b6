using System.Diagnostics;
using System.Text;

namespace Wheelsmith.Tests;

/// <summary>Runs the real build program and collects what it printed.</summary>
internal static class BuildProcess
{
    /// <summary>Where the build program is published beside the tests, as build.sh publishes it (Build.Tests.csproj).</summary>
    public static string ProgramDirectory => Path.Combine(AppContext.BaseDirectory, "program");

    /// <summary>The build program, run as <c>dotnet Build.dll</c>.</summary>
    public static string Program => Path.Combine(ProgramDirectory, "Build.dll");

    /// <summary>What a program printed and how it ended; <see cref="ProcessId"/> is the id it ran as, which the tool's containers carry.</summary>
    public sealed record Result(int ExitCode, string Output, int ProcessId)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        /// <summary>The tasks a dry run lists, in order: its numbered lines without the numbers.</summary>
        public string[] Tasks => Lines.Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d+\. ")).Select(line => line[(line.IndexOf(' ') + 1)..]).ToArray();

        /// <summary>The image a run's cells of <paramref name="arch"/> used, as its summary names it ("Image x86_64: ref (...)").</summary>
        public string ImageOf(string arch) =>
            System.Text.RegularExpressions.Regex.Match(Output, $@"^Image {arch}: (\S+) \(", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;

        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    /// <summary>Starts the real build program without waiting for it, to act while it runs.</summary>
    public static Running Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        new(Program, arguments, environment);

    /// <summary>A build program that runs while the test watches what it prints.</summary>
    public sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        internal Running(string build, IEnumerable<string> arguments, IDictionary<string, string>? environment)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(build);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["NO_COLOR"] = "1";
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Waits until the program printed a line containing <paramref name="text"/>.</summary>
        public void WaitFor(string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (clock.Elapsed > timeout || _process.HasExited && !Output.Contains(text, StringComparison.Ordinal))
                {
                    Assert.Fail($"the build did not print '{text}' within {timeout}:\n{Output}");
                }

                Thread.Sleep(100);
            }
        }

        public Result Wait(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                _process.Kill(entireProcessTree: true);
                Assert.Fail($"the build did not finish within {timeout}:\n{Output}");
            }

            _process.WaitForExit();
            return new Result(_process.ExitCode, Output, _process.Id);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        Exec("dotnet", [Program, .. arguments], environment, timeout ?? TimeSpan.FromMinutes(2));

    public static Result Exec(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Plain text: no colour codes in what the tests read.
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), process.Id);
    }
}
