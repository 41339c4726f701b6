using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Wheelsmith.Tests;

/// <summary>Starts the real program and sends it a signal once a line it prints says the moment has come.</summary>
internal static partial class Signals
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static BuildProcess.Result RunAndSignal(string[] arguments, Func<string, bool> when, int signal, TimeSpan timeout)
    {
        // As from a terminal, whatever started the suite: a job started in the background by a shell without job control
        // inherits SIGINT ignored, and a program keeps an ignored SIGINT ignored (as nohup relies on).
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--default-signal=INT,TERM", "dotnet", BuildProcess.Program })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        var signalled = 0;
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (when(e.Data) && Interlocked.Exchange(ref signalled, 1) == 0)
            {
                Assert.That(Kill(process.Id, signal), Is.Zero);
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"no exit within {timeout} (signalled: {signalled == 1}):\n{output}");
        }

        process.WaitForExit();
        Assert.That(signalled, Is.EqualTo(1), () => "the moment to signal never came:\n" + output);
        return new BuildProcess.Result(process.ExitCode, output.ToString(), process.Id);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
