using System.Diagnostics;
using System.Text;

namespace Wheelsmith.Tests;

/// <summary>Runs the real build program (the Build.dll next to the tests) and collects what it printed.</summary>
internal static class BuildProcess
{
    public sealed record Result(int ExitCode, string Output)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        /// <summary>The tasks a dry run lists, in order: its numbered lines without the numbers.</summary>
        public string[] Tasks => Lines.Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d+\. ")).Select(line => line[(line.IndexOf(' ') + 1)..]).ToArray();

        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        Exec("dotnet", [Path.Combine(AppContext.BaseDirectory, "Build.dll"), .. arguments], environment, timeout ?? TimeSpan.FromMinutes(2));

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
        return new Result(process.ExitCode, output.ToString());
    }
}
