namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// Durations tasks measured for themselves, by task name, for Cake's summary: the engine runs tasks
/// one after another, so tasks whose work overlapped would otherwise show the wait of the first and
/// nothing for the rest. <see cref="OverlapLabel"/> names the row that gives the overlap back, so that
/// the total stays the engine's wall time.
/// </summary>
public sealed class OwnDurations(Func<IFrostingContext, OwnDurations.Report?> report)
{
    public Report? For(IFrostingContext context) => report(context);

    public sealed record Report(IReadOnlyDictionary<string, TimeSpan> Durations, string OverlapLabel);
}
