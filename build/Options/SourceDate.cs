namespace Wheelsmith.Options;

/// <summary>
/// The environment's SOURCE_DATE_EPOCH, checked with the options (bad input before anything runs).
/// When it is unset the run plan takes the time of the source's last commit (see Plan/SourceEpoch).
/// </summary>
public static class SourceDate
{
    /// <summary>1980-01-01, the earliest time a zip entry can carry.</summary>
    public const long ZipEpoch = 315532800;

    /// <summary>The environment's value, or null when it sets none.</summary>
    public static long? FromEnvironment(Func<string, string?> environment) =>
        environment("SOURCE_DATE_EPOCH") is not { Length: > 0 } given ? null
        : long.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= ZipEpoch ? seconds
        : throw new OptionException("source", $"the environment's SOURCE_DATE_EPOCH '{given}' is not accepted; expected whole seconds since 1970, at least {ZipEpoch} (1980-01-01, the earliest a zip can hold), or unset it");
}
