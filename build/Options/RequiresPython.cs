using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>
/// A PEP 440 version specifier set such as "&gt;=3.10,&lt;3.14" (a project's requires-python), evaluated as
/// cibuildwheel evaluates it for a build: against the CPython's X.Y.99, so that "&gt;=3.10.2" keeps 3.10.
/// Operators ==, !=, &lt;=, &gt;=, &lt;, &gt;, ~= and ===; == and != take a .* wildcard.
/// </summary>
public sealed partial record RequiresPython(string Text)
{
    public const string Accepted = "a version specifier set (PEP 440) such as >=3.10 or >=3.10,<3.14";

    private IReadOnlyList<(string Operator, string Version)> Clauses { get; init; } = [];

    public static RequiresPython Parse(string option, string text)
    {
        var clauses = text.Split(',', StringSplitOptions.TrimEntries).Where(clause => clause.Length > 0).Select(clause =>
        {
            var match = ClausePattern().Match(clause);
            var valid = match.Success && (match.Groups[3].Length == 0 || match.Groups[1].Value is "==" or "!=") && (match.Groups[1].Value != "~=" || match.Groups[2].Value.Contains('.'));
            return valid ? (match.Groups[1].Value, match.Groups[2].Value + match.Groups[3].Value) : throw OptionException.Rejected(option, text, Accepted);
        }).ToList();
        return clauses.Count > 0 ? new RequiresPython(text) { Clauses = clauses } : throw OptionException.Rejected(option, text, Accepted);
    }

    /// <summary>Whether a build for CPython 3.<paramref name="minor"/> is allowed.</summary>
    public bool Allows(int minor)
    {
        var candidate = new[] { 3, minor, 99 };
        return Clauses.All(clause => Holds(clause.Operator, clause.Version, candidate));
    }

    public override string ToString() => Text;

    private static bool Holds(string op, string version, int[] candidate)
    {
        if (op == "===")
        {
            return version == string.Join('.', candidate);
        }

        var wildcard = version.EndsWith(".*", StringComparison.Ordinal);
        var (release, preRelease) = Release(wildcard ? version[..^2] : version);
        if (wildcard)
        {
            var prefix = candidate.Concat(Enumerable.Repeat(0, release.Length)).Take(release.Length).SequenceEqual(release);
            return op == "==" ? prefix : !prefix;
        }

        // A final release is above the pre-releases of the same version (3.10.0rc1 < 3.10.0).
        var order = Compare(candidate, release);
        order = order == 0 && preRelease ? 1 : order;
        return op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<=" => order <= 0,
            ">=" => order >= 0,
            "<" => order < 0,
            ">" => order > 0,
            _ => order >= 0 && Holds("==", string.Join('.', release[..^1]) + ".*", candidate),
        };
    }

    private static (int[] Release, bool PreRelease) Release(string version)
    {
        var match = VersionPattern().Match(version);
        return ([.. match.Groups[1].Value.Split('.').Select(int.Parse)], match.Groups[2].Length > 0);
    }

    private static int Compare(int[] left, int[] right)
    {
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var order = (i < left.Length ? left[i] : 0).CompareTo(i < right.Length ? right[i] : 0);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(===|~=|==|!=|<=|>=|<|>)\s*(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?)(\.\*)?$")]
    private static partial Regex ClausePattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)((?:a|b|rc)\d+|\.dev\d+)?")]
    private static partial Regex VersionPattern();
}
