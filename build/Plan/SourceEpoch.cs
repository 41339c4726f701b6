using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>
/// The SOURCE_DATE_EPOCH every cell builds and repairs with, so that the same source gives the same
/// wheel bytes (zip entry times come from it): the environment's SOURCE_DATE_EPOCH when set, else the
/// time of the last commit of the git work tree holding the source, else 1980-01-01. Found when a cell
/// first needs it: start-up (--target=Matrix, an up-to-date Images run) opens no repository.
/// </summary>
public sealed class SourceEpoch(long? fromEnvironment, string source, Func<string, long?> commitTime)
{
    private readonly Lazy<long> _seconds = new(() => fromEnvironment ?? Math.Max(SourceDate.ZipEpoch, commitTime(source) ?? SourceDate.ZipEpoch));

    public long Seconds => _seconds.Value;
}
