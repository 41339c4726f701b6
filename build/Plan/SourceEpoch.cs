namespace Wheelsmith.Plan;

/// <summary>
/// The SOURCE_DATE_EPOCH every cell builds and repairs with, so that the same source gives the same
/// wheel bytes. Found when a cell first needs it: start-up (--target=Matrix, an up-to-date Images run)
/// opens no repository.
/// </summary>
public sealed class SourceEpoch(Func<long> find)
{
    private readonly Lazy<long> _seconds = new(find);

    public long Seconds => _seconds.Value;
}
