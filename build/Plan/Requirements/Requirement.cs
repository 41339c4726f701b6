using System.Text.RegularExpressions;
using Wheelsmith.Images;

namespace Wheelsmith.Plan.Requirements;

/// <summary>
/// A PEP 508 dependency specification: a name (normalized as PEP 503 does), extras, version clauses or
/// a URL, and a marker; <see cref="Text"/> is how the project wrote it, for the error that names it.
/// </summary>
public sealed partial record Requirement(string Text, string Name, IReadOnlyList<string> Extras, IReadOnlyList<VersionSpecifier> Specifiers, string? Url, Marker? Marker)
{
    /// <summary>Whether it applies in the environment (no marker, or a marker that holds).</summary>
    public bool AppliesTo(IReadOnlyDictionary<string, string> environment) => Marker?.Evaluate(environment) != false;

    /// <summary>The requirement, or null when the text is not a PEP 508 one.</summary>
    public static Requirement? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var marker = match.Groups["marker"].Success ? Marker.Parse(match.Groups["marker"].Value) : null;
        var specifiers = match.Groups["url"].Success ? [] : VersionSpecifier.ParseList(match.Groups["spec"].Value);
        if ((match.Groups["marker"].Success && marker is null) || specifiers is null)
        {
            return null;
        }

        var extras = match.Groups["extras"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CarriedCatalogue.Normalize).ToList();
        return new(text.Trim(), CarriedCatalogue.Normalize(match.Groups["name"].Value), extras, specifiers, match.Groups["url"].Success ? match.Groups["url"].Value : null, marker);
    }

    // name [extras] (specifiers | (specifiers) | @ url) ; marker
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[(?<extras>[^\]]*)\])?\s*(?:@\s*(?<url>\S+)\s*|\(?(?<spec>[^;()]*)\)?\s*)(?:;(?<marker>.*))?$")]
    private static partial Regex Pattern();
}
