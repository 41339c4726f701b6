using Wheelsmith.Plan.Requirements;

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

    /// <summary>Its metadata's Requires-Python: which CPythons of a base see it (empty: all).</summary>
    public string RequiresPython { get; init; } = string.Empty;

    /// <summary>
    /// The package file a base unpacks into a folder of its own rather than installing it with apt
    /// (<see cref="UnpackedFolder"/>); null when apt installs it.
    /// </summary>
    public ArchiveFile? Archive { get; init; }

    /// <summary>Where an unpacked distribution lives in the image: a folder per package and version, so that two versions of one name can serve CPythons of different ages.</summary>
    public string UnpackedFolder => $"{CarriedCatalogue.UnpackedRoot}/{DebianPackage}_{DebianVersion}";

    /// <summary>The site folder inside <see cref="UnpackedFolder"/> that a CPython adds to its path.</summary>
    public string UnpackedSitePackages => $"{UnpackedFolder}{CarriedCatalogue.DistPackages}";

    /// <summary>The site folder that holds it in the image: its unpacked folder's, or Debian's shared one where apt installed it.</summary>
    public string SitePackages => Archive is null ? CarriedCatalogue.DistPackages : UnpackedSitePackages;

    /// <summary>How the test environment's copy names it: the Debian package apt installed, or its unpacked folder.</summary>
    public string CopyItem => Archive is null ? DebianPackage : Path.GetFileName(UnpackedFolder);

    /// <summary>Whether a CPython of this version may import it, by its Requires-Python.</summary>
    public bool RunsOn(PythonVersion python) =>
        VersionSpecifier.ParseList(RequiresPython) is { } clauses && VersionSpecifier.AllFit(clauses, python);
}
