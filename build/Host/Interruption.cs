using System.Diagnostics;
using System.Runtime.InteropServices;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;

namespace Wheelsmith.Host;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM during a run: the running containers are removed, no partial output
/// is left, and the exit code is 130 or 143 as a shell reports a process killed by that signal.
/// </summary>
public sealed class Interruption(ICakeContext context, RunResources resources)
{
    // Held for the life of the run: a registration that is collected stops handling its signal.
    private PosixSignalRegistration[] _registrations = [];
    private int _handled;

    /// <summary>From now on Ctrl+C and SIGTERM end the run this way (once the preflight passed).</summary>
    public void Watch()
    {
        if (_registrations.Length == 0)
        {
            _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
        }
    }

    public bool Happened => Volatile.Read(ref _handled) == 1;

    /// <summary>Keeps the run from ending on its own while the handler cleans up and exits with the signal's code.</summary>
    public void HoldIfHappened()
    {
        if (Happened)
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }

    private void Handle(PosixSignalContext signal)
    {
        signal.Cancel = true;
        if (Interlocked.Exchange(ref _handled, 1) == 1)
        {
            return;
        }

        var exitCode = signal.Signal == PosixSignal.SIGINT ? 130 : 143;

        // As at a terminal, where the whole foreground group gets the signal: a docker build (or
        // debootstrap) this run started ends too, so that an interrupted image build tags nothing.
        foreach (var child in ChildProcesses())
        {
            try
            {
                Process.GetProcessById(child).Kill(entireProcessTree: true);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended on its own meanwhile.
            }
        }

        var (containers, folders) = resources.HandOver();
        context.Warning($"Interrupted by {signal.Signal}: removing {containers.Count} container(s) and any partial output.");
        try
        {
            if (containers.Count > 0)
            {
                context.DockerRm(new DockerContainerRmSettings { Force = true }, [.. containers]);
            }

            foreach (var staging in folders.Where(Directory.Exists))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        finally
        {
            Environment.Exit(exitCode);
        }
    }

    // The processes whose parent is this one, from /proc/<pid>/stat (its fourth field).
    private static IEnumerable<int> ChildProcesses()
    {
        var self = Environment.ProcessId;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var parent) && parent == self)
            {
                yield return pid;
            }
        }
    }
}
