using Cake.Core;
using Cake.Core.Diagnostics;

namespace Wheelsmith.Frosting.Internal;

/// <summary>
/// Cake's report printer, with the task summary printed only from normal verbosity up, as its
/// task headers are: below that, and for output targets, a run's own closing output is all there is.
/// </summary>
internal sealed class VerbosityReportPrinter(IConsole console, ICakeContext context) : ICakeReportPrinter
{
    private readonly CakeReportPrinter _cake = new(console, context);

    public void Write(CakeReport report)
    {
        if (context.Log.Verbosity >= Verbosity.Normal)
        {
            _cake.Write(report);
        }
    }

    public void WriteStep(string name, Verbosity verbosity) => _cake.WriteStep(name, verbosity);

    public void WriteLifeCycleStep(string name, Verbosity verbosity) => _cake.WriteLifeCycleStep(name, verbosity);

    public void WriteSkippedStep(string name, Verbosity verbosity) => _cake.WriteSkippedStep(name, verbosity);
}
