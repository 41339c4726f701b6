namespace Wheelsmith.Images;

/// <summary>
/// One Python distribution an offline image carries, from one Debian package: its normalized name
/// (PEP 503), the package and its Debian version (checked when the image is made), the version
/// Python sees (what a requirement's specifier is checked against), and its own requirements as its
/// metadata states them (extras left out), through which a test environment gets what it imports.
/// </summary>
public sealed record CarriedDistribution(string Name, string DebianPackage, string DebianVersion, string Version, IReadOnlyList<string> Requires)
{
    /// <summary>
    /// Whether its package is architecture-independent (pure Python), so that its files may be copied into a
    /// test environment of any machine; Cython's compiled modules are x86_64's or aarch64's, for the build only.
    /// </summary>
    public bool Pure { get; init; } = true;
}
