using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>
/// cibuildwheel's build and skip selectors: shell patterns over identifiers
/// (cp313-manylinux_aarch64). A cell is built when it matches a build pattern and no skip pattern.
/// </summary>
public sealed record CellSelectors(IReadOnlyList<string> Build, IReadOnlyList<string> Skip)
{
    public bool Selects(CellIdentifier cell) =>
        Build.Any(pattern => Matches(pattern, cell.ToString())) && !Skip.Any(pattern => Matches(pattern, cell.ToString()));

    // fnmatch: * any run, ? one character, [...] a set; everything else literal.
    private static bool Matches(string pattern, string identifier)
    {
        var regex = "^" + Regex.Replace(Regex.Escape(pattern).Replace(@"\[", "[", StringComparison.Ordinal).Replace(@"\]", "]", StringComparison.Ordinal), @"\\\*|\\\?", m => m.Value == @"\*" ? ".*" : ".") + "$";
        return Regex.IsMatch(identifier, regex);
    }
}
