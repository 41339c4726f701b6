using System.Text.RegularExpressions;
using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Images;

/// <summary>
/// What an offline base carries for builds and tests: its Python distributions, in order (where one
/// name is there twice, the first a CPython may run is the one it sees), and the programs the
/// backends run. --base=local installs Debian unstable's packages with apt (<see cref="OfflineCatalogue"/>);
/// local-manylinux_2_31 unpacks each into a folder of its own (<see cref="Manylinux231.Catalogue"/>).
/// </summary>
public sealed partial record CarriedCatalogue(string Declaration, IReadOnlyList<CarriedDistribution> Distributions, IReadOnlyList<CarriedProgram> Programs)
{
    /// <summary>Where Debian installs every CPython's shared pure-Python distributions, and where a package unpacked in its own folder keeps them.</summary>
    public const string DistPackages = "/usr/lib/python3/dist-packages";

    /// <summary>Where a base that unpacks its packages keeps a folder per package.</summary>
    public const string UnpackedRoot = "/opt/wheelsmith/carried";

    /// <summary>What the test environment's copy finds the distributions under: Debian's shared folder (apt installed them) or the folders they were unpacked into.</summary>
    public string CopyRoot => Distributions.Any(d => d.Archive is null) ? DistPackages : UnpackedRoot;

    /// <summary>The distributions a CPython of this version sees: per name, the first that runs on it.</summary>
    public IReadOnlyList<CarriedDistribution> For(PythonVersion python) =>
        [.. Distributions.Where(d => d.RunsOn(python)).GroupBy(d => d.Name).Select(g => g.First())];

    /// <summary>The distribution of this name a CPython of this version sees; null when none.</summary>
    public CarriedDistribution? Find(string name, PythonVersion python) => For(python).FirstOrDefault(d => d.Name == Normalize(name));

    /// <summary>The program of this name, when a requirement names one that is not a Python distribution here.</summary>
    public CarriedProgram? Program(string name) => Programs.FirstOrDefault(p => p.Name == Normalize(name));

    /// <summary>
    /// The catalogue as one text, for content hashes. Which CPythons see an entry is left out: it changes no package of
    /// the image, only the start-up file a base writes from it, and that file is part of its root's hash.
    /// </summary>
    public string Description =>
        string.Join('\n', Distributions.Select(d => $"{d.Name} {d.DebianPackage}={d.DebianVersion} {d.Version} pure={d.Pure} [{string.Join("; ", d.Requires)}]")
            .Concat(Programs.Select(p => $"{p.Name} {p.DebianPackage}={p.DebianVersion}")));

    /// <summary>PEP 503's normalized name: lower case, runs of -, _ and . as one -.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    /// <summary>
    /// The distributions whose metadata folder a site folder holds: name-version.dist-info or .egg-info, or a source
    /// tree's name.egg-info, whose version its PKG-INFO states.
    /// </summary>
    public static HashSet<(string Name, string Version)> MetadataIn(string sitePackages) =>
        Directory.EnumerateDirectories(sitePackages)
            .Select(folder => (Folder: folder, Match: MetadataFolder().Match(Path.GetFileName(folder))))
            .Where(found => found.Match.Success)
            .Select(found => (Normalize(found.Match.Groups["name"].Value),
                found.Match.Groups["version"].Success ? found.Match.Groups["version"].Value : StatedVersion(found.Folder)))
            .ToHashSet();

    private static string StatedVersion(string folder) =>
        new[] { "METADATA", "PKG-INFO" }.Select(name => Path.Combine(folder, name)).Where(File.Exists)
            .SelectMany(File.ReadLines).FirstOrDefault(line => line.StartsWith("Version: ", StringComparison.Ordinal))?["Version: ".Length..].Trim() ?? string.Empty;

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?<name>.+?)(?:-(?<version>[^-]+?)(?:-py\d+(?:\.\d+)*)?)?\.(?:dist|egg)-info$")]
    private static partial Regex MetadataFolder();
}
