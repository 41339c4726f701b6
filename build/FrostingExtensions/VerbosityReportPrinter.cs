using Cake.Core;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// Cake's report printer, with the task summary printed only from normal verbosity up, as its
/// task headers are: below that, and for output targets, a run's own closing output is all there is.
/// Tasks with <see cref="OwnDurations"/> show their own duration, and one row shows how much of it overlapped.
/// </summary>
internal sealed class VerbosityReportPrinter(IConsole console, ICakeContext context, IServiceProvider services) : ICakeReportPrinter
{
    private readonly CakeReportPrinter _cake = new(console, context);

    public void Write(CakeReport report)
    {
        if (context.Log.Verbosity >= Verbosity.Normal)
        {
            _cake.Write(services.GetService<OwnDurations>()?.For(services.GetRequiredService<IFrostingContext>()) is { Durations.Count: > 0 } own ? WithOwnDurations(report, own) : report);
        }
    }

    public void WriteStep(string name, Verbosity verbosity) => _cake.WriteStep(name, verbosity);

    public void WriteLifeCycleStep(string name, Verbosity verbosity) => _cake.WriteLifeCycleStep(name, verbosity);

    public void WriteSkippedStep(string name, Verbosity verbosity) => _cake.WriteSkippedStep(name, verbosity);

    // Each such task's row carries its own duration; after the last of them a row with the (negative) overlap keeps the total the wall time.
    private static CakeReport WithOwnDurations(CakeReport report, OwnDurations.Report own)
    {
        var entries = report.ToList();
        var last = entries.FindLastIndex(entry => own.Durations.ContainsKey(entry.TaskName));
        var overlap = TimeSpan.Zero;
        var rewritten = new CakeReport();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var duration = own.Durations.TryGetValue(entry.TaskName, out var measured) ? measured : entry.Duration;
            overlap += entry.Duration - duration;
            rewritten.Add(entry.TaskName, entry.SkippedMessage, entry.Category, duration, entry.ExecutionStatus);
            if (index == last && overlap != TimeSpan.Zero)
            {
                rewritten.Add(own.OverlapLabel, string.Empty, entry.Category, overlap, entry.ExecutionStatus);
            }
        }

        return rewritten;
    }
}
