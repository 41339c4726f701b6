using Cake.Common.Diagnostics;
using Cake.Core;

namespace Wheelsmith.Host;

/// <summary>
/// One run at a time writes to an --output folder: an exclusive lock on &lt;output&gt;/.wheelsmith.lock
/// (flock, so the kernel releases it when the process ends, however it ends), taken by the
/// preflight of a run that builds wheels and held to the end of the run. A second run waits for it, saying for whom, or with
/// --no-wait fails naming it. Runs with different outputs never meet.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string FileName = ".wheelsmith.lock";
    private const string OwnerFileName = ".wheelsmith.lock.owner";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private FileStream? _held;

    /// <summary>Takes the lock of <paramref name="output"/>, waiting for its holder unless <paramref name="noWait"/>; held until the process ends.</summary>
    public void Acquire(ICakeContext context, string output, bool noWait, InvokingUser user, string runId)
    {
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, FileName);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var waited = false;
        while (true)
        {
            if (TryOpen(path) is { } held)
            {
                _held = held;
                Ownership.GiveTo(path, user);
                WriteOwner(output, user, runId);
                if (waited)
                {
                    context.Information($"--output {output} is free after {clock.Elapsed.TotalSeconds:F0} s; going on.");
                }

                return;
            }

            var owner = Owner(output);
            if (noWait)
            {
                throw new CakeException($"--output {output} is in use by {owner}; with --no-wait this run does not wait: run again when it has ended, or give another --output.");
            }

            if (!waited)
            {
                context.Warning($"--output {output} is in use by {owner}; waiting for it to end (--no-wait fails instead).");
                waited = true;
            }

            Thread.Sleep(Poll);
        }
    }

    public void Dispose() => _held?.Dispose();

    // Who holds the lock, for a run that finds it taken; on a full disk the lock holds without it.
    private static void WriteOwner(string output, InvokingUser user, string runId)
    {
        var ownerFile = Path.Combine(output, OwnerFileName);
        try
        {
            File.WriteAllText(ownerFile, $"process {Environment.ProcessId} on {System.Net.Dns.GetHostName()}, since {DateTime.Now:HH:mm:ss}, run {runId}\n");
            Ownership.GiveTo(ownerFile, user);
        }
        catch (IOException exception) when (DiskFull.Is(exception))
        {
            File.Delete(ownerFile);
        }
    }

    // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Linux: another process's open fails while it is held.
    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Owner(string output)
    {
        var file = Path.Combine(output, OwnerFileName);
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } owner ? owner : "another run";
    }
}
