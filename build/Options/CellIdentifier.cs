using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>
/// A cell named as cibuildwheel names its builds, cp313-manylinux_aarch64 or cp313t-manylinux_x86_64,
/// so that a pipeline moving from cibuildwheel keeps its identifiers (the platform part names the
/// family; the exact manylinux tag is auditwheel's finding).
/// </summary>
public sealed partial record CellIdentifier(Architecture Architecture, CPythonTag CPython)
{
    public const string Accepted = "cpXY[t]-manylinux_x86_64 or cpXY[t]-manylinux_aarch64 (for example cp313-manylinux_aarch64), a comma list of these";

    public static CellIdentifier? TryParse(string text)
    {
        var match = Pattern().Match(text.ToLowerInvariant());
        return match.Success && CPythonTag.TryParse(match.Groups[1].Value) is { } cpython && Architecture.Find(match.Groups[2].Value) is { } architecture
            ? new CellIdentifier(architecture, cpython)
            : null;
    }

    public override string ToString() => $"{CPython}-manylinux_{Architecture.Machine}";

    [GeneratedRegex(@"^(cp3\d+t?)-manylinux_(x86_64|aarch64)$")]
    private static partial Regex Pattern();
}
