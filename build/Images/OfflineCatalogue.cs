using System.Text.RegularExpressions;
using Cake.Core;

namespace Wheelsmith.Images;

/// <summary>
/// What the offline images of --base=local carry for builds and tests, declared once: the build
/// backends and their helpers, the test tools, and the programs the backends run, each from
/// Debian unstable's package at the version named here. The recipes install these packages, the
/// declaration is part of their content hash, and a root file system whose packages are not these
/// versions (the archive has moved on) fails when it is made, naming the package. The run checks a
/// project's build and test requirements against it before any container (<see cref="Plan.OfflineRequirements"/>).
/// </summary>
public static partial class OfflineCatalogue
{
    private const string Below311 = "python_version < \"3.11\"";

    public static readonly IReadOnlyList<CarriedDistribution> Distributions =
    [
        // The build frontend's own, already carried before the backends were.
        new("setuptools", "python3-setuptools", "84.2.0-1", "84.2.0", []),
        new("wheel", "python3-wheel", "0.47.0-2", "0.47.0", ["packaging>=24"]),
        new("packaging", "python3-packaging", "26.2-3", "26.2", []),

        // Build backends and what they need.
        new("cython", "cython3", "3.1.6+dfsg-4", "3.1.6", []) { Pure = false },
        new("pybind11", "python3-pybind11", "3.1.0-2", "3.1.0", []) { RequiresPython = ">=3.9" },
        new("setuptools-scm", "python3-setuptools-scm", "9.2.2-2", "9.2.2",
            ["packaging>=20", "setuptools", $"tomli>=1; {Below311}", "typing-extensions; python_version < \"3.10\""]),
        new("scikit-build-core", "python3-scikit-build-core", "0.12.2-1", "0.12.2",
            [$"exceptiongroup>=1.0; {Below311}", "importlib-resources>=1.3; python_version < \"3.9\"", "packaging>=23.2", "pathspec>=0.12.0", $"tomli>=1.2.2; {Below311}", $"typing-extensions>=4; {Below311}"]),
        new("meson-python", "python3-mesonpy", "0.22.1-1", "0.22.1",
            ["meson>=0.64.0; python_version < \"3.12\"", "meson>=1.2.3; python_version >= \"3.12\"", "packaging>=23.2", "pyproject-metadata>=0.9.0", $"tomli>=1.0.0; {Below311}"]) { RequiresPython = ">=3.10" },
        // Meson (Requires-Python >=3.10) runs as a program, on its own interpreter; every CPython sees its metadata, which build checks.
        new("meson", "meson", "1.12.1-2", "1.12.1", []),
        new("pyproject-metadata", "python3-pyproject-metadata", "0.12.1-1", "0.12.1", ["packaging>=23.2"]),
        new("pathspec", "python3-pathspec", "1.1.1-3", "1.1.1", []) { RequiresPython = ">=3.9" },
        new("hatchling", "python3-hatchling", "1.32.4-1", "1.32.4",
            ["packaging>=24.2", "pathspec>=0.10.1", "pluggy>=1.0.0", $"tomli>=1.2.2; {Below311}", "tomlkit>=0.11.1", "trove-classifiers"]) { RequiresPython = ">=3.10" },
        new("tomlkit", "python3-tomlkit", "0.13.3-3", "0.13.3", []),
        new("trove-classifiers", "python3-trove-classifiers", "2026.9.21.13-1", "2026.9.21.13", []),
        new("flit-core", "python3-flit", "4.1.0-4", "4.1.0", []),
        new("poetry-core", "python3-poetry-core", "2.3.1-3", "2.3.1", []) { RequiresPython = ">=3.10,<4.0" },

        // Test tools.
        new("pytest", "python3-pytest", "9.1.1-1", "9.1.1",
            ["colorama>=0.4; sys_platform == \"win32\"", $"exceptiongroup>=1; {Below311}", "iniconfig>=1.0.1", "packaging>=22", "pluggy<2,>=1.5", "pygments>=2.7.2", $"tomli>=1; {Below311}"]) { RequiresPython = ">=3.10" },
        new("iniconfig", "python3-iniconfig", "2.1.0-2", "2.1.0", []),
        new("pluggy", "python3-pluggy", "1.6.0-2", "1.6.0", []) { RequiresPython = ">=3.9" },
        new("pygments", "python3-pygments", "2.20.0+dfsg-2", "2.20.0", []) { RequiresPython = ">=3.9" },
        new("hypothesis", "python3-hypothesis", "6.155.7-1", "6.155.7", [$"exceptiongroup>=1.0.0; {Below311}", "sortedcontainers<3.0.0,>=2.1.0"]) { RequiresPython = ">=3.10" },
        new("sortedcontainers", "python3-sortedcontainers", "2.4.0-3", "2.4.0", []),
    ];

    /// <summary>What scikit-build-core and meson-python run.</summary>
    public static readonly IReadOnlyList<CarriedProgram> Programs =
    [
        new("cmake", "cmake", "4.3.4-1"),
        new("ninja", "ninja-build", "1.13.2-1"),
    ];

    /// <summary>What --base=local's images carry, for the requirement check and the test environment's copy.</summary>
    public static readonly CarriedCatalogue Local = new("build/Images/OfflineCatalogue.cs", Distributions, Programs);

    /// <summary>The Debian packages the recipes install for the catalogue, each once.</summary>
    public static IReadOnlyList<string> DebianPackages =>
        [.. Distributions.Select(d => d.DebianPackage).Concat(Programs.Select(p => p.DebianPackage)).Distinct()];

    /// <summary>An entry by name, for a base that carries the same package unpacked.</summary>
    public static CarriedDistribution Entry(string name) => Distributions.Single(d => d.Name == name);

    /// <summary>
    /// That a root file system made for the catalogue has its packages at the declared versions (a binNMU, +bN, is the
    /// same source rebuilt for one architecture: arm64's ninja-build is 1.13.2-1+b1 where amd64's is 1.13.2-1) and each distribution's
    /// metadata under its name and version: Debian unstable moves on, and a catalogue that no longer says what the image
    /// holds would let a requirement pass that the build then fails.
    /// </summary>
    public static void CheckInstalled(string rootfs, string root)
    {
        var installed = InstalledPackages(Path.Combine(rootfs, "var", "lib", "dpkg", "status"));
        foreach (var (package, version) in Distributions.Select(d => (d.DebianPackage, d.DebianVersion)).Concat(Programs.Select(p => (p.DebianPackage, p.DebianVersion))).Distinct())
        {
            if (!installed.TryGetValue(package, out var got) || BinNmu().Replace(got, string.Empty) != version)
            {
                throw new CakeException($"{root}: Debian package {package} {version} of the offline catalogue (build/Images/OfflineCatalogue.cs) "
                    + (got is null ? "was not installed" : $"is not what the archive serves now: it installed {got}")
                    + "; expected the catalogue to name the archive's version (update it, and check the requirements it states)");
            }
        }

        var metadata = CarriedCatalogue.MetadataIn(Path.Combine(rootfs, CarriedCatalogue.DistPackages.TrimStart('/')));
        var missing = Distributions.FirstOrDefault(d => !metadata.Contains((d.Name, d.Version)));
        if (missing is not null)
        {
            throw new CakeException($"{root}: {missing.DebianPackage} does not hold the distribution {missing.Name} {missing.Version} that the offline catalogue (build/Images/OfflineCatalogue.cs) declares; expected its metadata folder in {CarriedCatalogue.DistPackages}");
        }
    }

    // dpkg's status file: a paragraph per package; only those installed count.
    private static Dictionary<string, string> InstalledPackages(string status) =>
        File.ReadAllText(status).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(paragraph => paragraph.Split('\n').Select(line => line.Split(": ", 2)).Where(pair => pair.Length == 2).GroupBy(pair => pair[0]).ToDictionary(g => g.Key, g => g.First()[1]))
            .Where(fields => fields.GetValueOrDefault("Status")?.EndsWith(" installed", StringComparison.Ordinal) == true && fields.ContainsKey("Package") && fields.ContainsKey("Version"))
            .GroupBy(fields => fields["Package"])
            .ToDictionary(g => g.Key, g => g.First()["Version"]);

    [GeneratedRegex(@"\+b\d+$")]
    private static partial Regex BinNmu();
}
