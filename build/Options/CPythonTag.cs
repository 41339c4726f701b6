using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>A CPython build such as cp311, or cp313t for the free-threaded one.</summary>
public sealed partial record CPythonTag(int Minor, bool FreeThreaded) : IComparable<CPythonTag>
{
    public const string Accepted = "cpXY or cpXYt (for example cp311, cp313t), a comma list of these, or all";

    public string AbiFlag => FreeThreaded ? "t" : string.Empty;

    /// <summary>The folder name under /opt/python in a manylinux image.</summary>
    public string Identifier => $"cp3{Minor}-cp3{Minor}{AbiFlag}";

    /// <summary>Upper case is accepted and folded once, here: CP311 means cp311.</summary>
    public static CPythonTag? TryParse(string text)
    {
        var match = TagPattern().Match(text.ToLowerInvariant());
        return match.Success ? new CPythonTag(int.Parse(match.Groups[1].Value), match.Groups[2].Success) : null;
    }

    /// <summary>Reads an /opt/python folder name such as cp313-cp313t.</summary>
    public static CPythonTag? FromIdentifier(string identifier)
    {
        var match = IdentifierPattern().Match(identifier);
        return match.Success && match.Groups[1].Value == match.Groups[2].Value
            ? new CPythonTag(int.Parse(match.Groups[1].Value), match.Groups[3].Success)
            : null;
    }

    public int CompareTo(CPythonTag? other) =>
        other is null ? 1 : (Minor, FreeThreaded).CompareTo((other.Minor, other.FreeThreaded));

    public override string ToString() => $"cp3{Minor}{AbiFlag}";

    [GeneratedRegex(@"^cp3(1[0-9]|[6-9])(t)?$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^cp3(1[0-9]|[6-9])-cp3(1[0-9]|[6-9])(t)?$")]
    private static partial Regex IdentifierPattern();
}
