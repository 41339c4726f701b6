using LibGit2Sharp;

namespace Wheelsmith.Options;

/// <summary>
/// The SOURCE_DATE_EPOCH the cells build and repair with, so that the same source gives the same
/// wheel bytes (zip entry times come from it): this environment's SOURCE_DATE_EPOCH when set, else
/// the time of the last commit of the git work tree holding the source, else 1980-01-01, the
/// earliest time a zip entry can carry.
/// </summary>
public static class SourceDate
{
    public const long ZipEpoch = 315532800;

    public static long For(string source, Func<string, string?> environment) => Deferred(source, environment).Value;

    /// <summary>
    /// The environment's value is checked now (bad input before anything runs); the git lookup waits
    /// until a cell or the report needs it, so that start-up (--target=Matrix, up-to-date Images) opens no repository.
    /// </summary>
    public static Lazy<long> Deferred(string source, Func<string, string?> environment)
    {
        if (environment("SOURCE_DATE_EPOCH") is { Length: > 0 } given)
        {
            return long.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= ZipEpoch
                ? new Lazy<long>(seconds)
                : throw new OptionException("source", $"the environment's SOURCE_DATE_EPOCH '{given}' is not accepted; expected whole seconds since 1970, at least {ZipEpoch} (1980-01-01, the earliest a zip can hold), or unset it");
        }

        return new Lazy<long>(() => LastCommit(source));
    }

    private static long LastCommit(string source)
    {
        if (Repository.Discover(source) is not { } gitDirectory)
        {
            return ZipEpoch;
        }

        using var repository = new Repository(gitDirectory);
        return repository.Head.Tip is { } commit ? Math.Max(ZipEpoch, commit.Committer.When.ToUnixTimeSeconds()) : ZipEpoch;
    }
}
