using System.Text.RegularExpressions;

namespace Wheelsmith.Plan.Requirements;

/// <summary>One clause of a PEP 440 version specifier (&gt;=1.2, ~=2.0, ==3.*, !=1.5), and whether a version fits it.</summary>
public sealed partial record VersionSpecifier(string Operator, string Text)
{
    public override string ToString() => Operator + Text;

    private bool Wildcard => Text.EndsWith(".*", StringComparison.Ordinal);

    private PythonVersion Version => PythonVersion.Parse(Wildcard ? Text[..^2] : Text)!;

    /// <summary>Whether the clause names a pre-release itself, which lets pre-releases fit it.</summary>
    public bool NamesPreRelease => Operator != "===" && Version.IsPreRelease;

    /// <summary>A comma list of clauses, as PEP 508 writes them after a name; null when it is not one.</summary>
    public static IReadOnlyList<VersionSpecifier>? ParseList(string text)
    {
        if (text.Trim().Length == 0)
        {
            return [];
        }

        var clauses = new List<VersionSpecifier>();
        foreach (var part in text.Split(','))
        {
            var match = Pattern().Match(part);
            if (!match.Success)
            {
                return null;
            }

            var clause = new VersionSpecifier(match.Groups["op"].Value, match.Groups["version"].Value);
            var wildcardAllowed = clause.Operator is "==" or "!=";
            if (clause.Operator != "===" && (PythonVersion.Parse(clause.Wildcard ? clause.Text[..^2] : clause.Text) is not { } version
                || (clause.Wildcard && !wildcardAllowed) || (clause.Operator == "~=" && version.Release.Count < 2)))
            {
                return null;
            }

            clauses.Add(clause);
        }

        return clauses;
    }

    /// <summary>Whether every clause admits the version; a pre-release only where a clause names one.</summary>
    public static bool AllFit(IReadOnlyList<VersionSpecifier> clauses, PythonVersion candidate) =>
        clauses.All(clause => clause.Fits(candidate)) && (!candidate.IsPreRelease || clauses.Any(clause => clause.NamesPreRelease));

    public bool Fits(PythonVersion candidate)
    {
        if (Operator == "===")
        {
            return string.Equals(candidate.ToString(), Text.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        var version = Version;
        var compared = (version.Local is null ? candidate.Public : candidate).CompareTo(version);
        return Operator switch
        {
            "==" => Wildcard ? HasPrefix(candidate, version) : compared == 0,
            "!=" => Wildcard ? !HasPrefix(candidate, version) : compared != 0,
            "<=" => candidate.Public.CompareTo(version) <= 0,
            ">=" => candidate.Public.CompareTo(version) >= 0,

            // <V excludes V's own pre-releases, >V its post-releases and local versions, unless V is one.
            "<" => candidate.Public.CompareTo(version) < 0 && (version.IsPreRelease || !candidate.IsPreRelease || candidate.Base.CompareTo(version.Base) != 0),
            ">" => candidate.Public.CompareTo(version) > 0 && (version.IsPostRelease || !candidate.IsPostRelease || candidate.Base.CompareTo(version.Base) != 0)
                && (candidate.Local is null || candidate.Base.CompareTo(version.Base) != 0),
            "~=" => candidate.Public.CompareTo(version) >= 0 && HasPrefix(candidate, version with { Release = version.Release.Take(version.Release.Count - 1).ToList() }),
            _ => false,
        };
    }

    // ==1.2.*: the same epoch and the release starts with 1.2 (missing parts of the candidate count as 0).
    private static bool HasPrefix(PythonVersion candidate, PythonVersion prefix) =>
        candidate.Epoch == prefix.Epoch && prefix.Release.Select((part, i) => candidate.Release.ElementAtOrDefault(i) == part).All(same => same);

    [GeneratedRegex(@"^\s*(?<op>===|~=|==|!=|<=|>=|<|>)\s*(?<version>[^\s,;]+)\s*$")]
    private static partial Regex Pattern();
}
