using System.Globalization;
using System.Text.RegularExpressions;

namespace Wheelsmith.Plan.Requirements;

/// <summary>
/// A version as PEP 440 defines it (epoch, release, pre-, post- and dev-release, local label), ordered
/// as PEP 440 orders them: 1.0.dev1 &lt; 1.0a1 &lt; 1.0 &lt; 1.0.post1, trailing zeros of the release ignored.
/// </summary>
public sealed partial record PythonVersion(int Epoch, IReadOnlyList<int> Release, (string Label, int Number)? Pre, int? Post, int? Dev, string? Local) : IComparable<PythonVersion>
{
    public bool IsPreRelease => Pre is not null || Dev is not null;

    public bool IsPostRelease => Post is not null;

    /// <summary>The version without its local label.</summary>
    public PythonVersion Public => this with { Local = null };

    /// <summary>Epoch and release only: what 1.0a1, 1.0.post1 and 1.0 share.</summary>
    public PythonVersion Base => new(Epoch, Release, null, null, null, null);

    public static PythonVersion? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int? Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : null;
        var pre = match.Groups["pre_l"].Success
            ? (match.Groups["pre_l"].Value.ToLowerInvariant() switch { "alpha" => "a", "beta" => "b", "c" or "pre" or "preview" => "rc", var label => label }, Number("pre_n") ?? 0)
            : ((string, int)?)null;
        int? post = match.Groups["post_n1"].Success ? Number("post_n1") : match.Groups["post_l"].Success ? Number("post_n2") ?? 0 : null;
        int? dev = match.Groups["dev_l"].Success ? Number("dev_n") ?? 0 : null;
        return new(Number("epoch") ?? 0, [.. match.Groups["release"].Value.Split('.').Select(part => int.Parse(part, CultureInfo.InvariantCulture))],
            pre, post, dev, match.Groups["local"].Success ? match.Groups["local"].Value.ToLowerInvariant() : null);
    }

    public int CompareTo(PythonVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byEpoch = Epoch.CompareTo(other.Epoch);
        if (byEpoch != 0)
        {
            return byEpoch;
        }

        for (var i = 0; i < Math.Max(Release.Count, other.Release.Count); i++)
        {
            var byPart = Release.ElementAtOrDefault(i).CompareTo(other.Release.ElementAtOrDefault(i));
            if (byPart != 0)
            {
                return byPart;
            }
        }

        var byPre = PreKey.CompareTo(other.PreKey);
        if (byPre != 0)
        {
            return byPre;
        }

        var byPost = (Post ?? -1).CompareTo(other.Post ?? -1);
        if (byPost != 0)
        {
            return byPost;
        }

        var byDev = (Dev ?? int.MaxValue).CompareTo(other.Dev ?? int.MaxValue);
        return byDev != 0 ? byDev : string.CompareOrdinal(Local ?? string.Empty, other.Local ?? string.Empty);
    }

    public override string ToString() =>
        (Epoch != 0 ? $"{Epoch}!" : string.Empty) + string.Join('.', Release)
        + (Pre is { } pre ? $"{pre.Label}{pre.Number}" : string.Empty) + (Post is { } post ? $".post{post}" : string.Empty)
        + (Dev is { } dev ? $".dev{dev}" : string.Empty) + (Local is { } local ? $"+{local}" : string.Empty);

    // A dev release alone comes before every pre-release of its version, a final release after them all.
    private (int Rank, string Label, int Number) PreKey => Pre is { } pre ? (1, pre.Label, pre.Number) : Post is null && Dev is not null ? (0, string.Empty, 0) : (2, string.Empty, 0);

    // PEP 440's own expression, in its appendix.
    [GeneratedRegex(@"^\s*v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)(?:[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?(?:-(?<post_n1>[0-9]+)|[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?)?(?:[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
