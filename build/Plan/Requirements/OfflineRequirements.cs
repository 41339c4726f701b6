using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Plan.Requirements;

/// <summary>
/// A cell's build and test requirements checked before any container. On the offline bases, which
/// build with --no-isolation, each [build-system] requirement and each test requirement
/// (test-requires, test-extras, test-groups, and what those need in turn) must be a distribution
/// the base's catalogue carries for the cell's CPython at a version that fits, markers evaluated for
/// that CPython and machine; otherwise one line names it and says what the image has. On the registry base they
/// are only parsed (pip installs them from the index).
/// </summary>
public static class OfflineRequirements
{
    /// <summary>Every cell's requirements, before any container: the first unmet one is the run's one line.</summary>
    public static void Check(IEnumerable<WheelCell> cells)
    {
        foreach (var cell in cells)
        {
            if (CatalogueOf(cell) is { } catalogue)
            {
                CheckBuild(cell, catalogue);
            }

            if (cell.Tests)
            {
                _ = TestDistributions(cell);
            }
        }
    }

    /// <summary>The requirements of the test environment, as the project wrote them, each with where it came from.</summary>
    public static IReadOnlyList<(Requirement Requirement, string Origin)> TestRequirements(WheelCell cell)
    {
        var options = cell.Options;
        var origin = (string name) => options.Sources.TryGetValue(name, out var source) ? source.Label : name;
        var texts = options.Get(OptionDeclarations.TestRequires).Select(text => (text, origin(OptionDeclarations.TestRequires.Name)))
            .Concat(options.Get(OptionDeclarations.TestExtras).SelectMany(extra => cell.Project.Extra(extra).Select(text => (text, $"{cell.Project.File} [project.optional-dependencies] {extra}"))))
            .Concat(options.Get(OptionDeclarations.TestGroups).SelectMany(group => cell.Project.Group(group).Select(text => (text, $"{cell.Project.File} [dependency-groups] {group}"))));
        return [.. texts.Select(item => (Parse(item.text, item.Item2), item.Item2))];
    }

    /// <summary>
    /// What an offline test environment gets copied in, in the catalogue's order: the project's [project] dependencies and
    /// the test requirements that apply to the cell, and what they require, each carried, pure Python, at a version that
    /// fits. Empty when the test needs nothing.
    /// </summary>
    public static IReadOnlyList<CarriedDistribution> TestDistributions(WheelCell cell)
    {
        if (cell.Policy.InstallWithPip)
        {
            return [];
        }

        // pip would install the wheel's dependencies with it; the offline installer installs the wheel alone.
        var (dependencies, declared) = cell.Project.Dependencies;
        IReadOnlyList<(Requirement Requirement, string Origin)> requirements = [.. dependencies.Select(text => (Parse(text, declared), declared)), .. TestRequirements(cell)];
        if (requirements.Count == 0)
        {
            return [];
        }

        if (CatalogueOf(cell) is not { } catalogue)
        {
            var (first, origin) = requirements[0];
            throw new ConfigException($"{origin} '{first.Text}': the {cell.Options.Base.OptionValue()} base's images carry no test requirements (the offline bases' do, docs/local-bases.md); remove it, or build with --base=local");
        }

        var environment = MarkerEnvironment(cell);
        var python = FullVersion(environment);
        var needed = new HashSet<CarriedDistribution>();
        var pending = new Queue<(Requirement Requirement, string Origin)>(requirements.Where(r => r.Requirement.AppliesTo(environment)));
        while (pending.TryDequeue(out var item))
        {
            var carried = Fit(cell, catalogue, python, item.Requirement, item.Origin, forTest: true);
            if (!needed.Add(carried))
            {
                continue;
            }

            foreach (var dependency in carried.Requires.Select(text => Parse(text, carried.Name)).Where(r => r.AppliesTo(environment)))
            {
                pending.Enqueue((dependency, $"{item.Origin} '{item.Requirement.Text}' needs"));
            }
        }

        return [.. catalogue.Distributions.Where(needed.Contains)];
    }

    /// <summary>The cell's CPython's version as far as the plan knows it: the base's exact one, else 3.X.0.</summary>
    public static PythonVersion CPythonVersion(WheelCell cell) => FullVersion(MarkerEnvironment(cell));

    private static PythonVersion FullVersion(IReadOnlyDictionary<string, string> environment) => PythonVersion.Parse(environment["python_full_version"])!;

    /// <summary>
    /// PEP 508's environment of the cell's CPython on its machine: the manylinux_2_31 base knows its CPythons' versions;
    /// elsewhere the patch level is not known before the container (Debian's, or the registry image's): 3.X.0.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MarkerEnvironment(WheelCell cell)
    {
        var full = cell.Options.Base == BaseKind.LocalManylinux231 && Manylinux231.CPythonCatalogue.In(cell.Options.Get(OptionDeclarations.Cache)).Find(cell.CPython) is { } source
            ? source.Version
            : $"3.{cell.CPython.Minor}.0";
        return new Dictionary<string, string>
        {
            ["python_version"] = $"3.{cell.CPython.Minor}",
            ["python_full_version"] = full,
            ["implementation_version"] = full,
            ["os_name"] = "posix",
            ["sys_platform"] = "linux",
            ["platform_system"] = "Linux",
            ["platform_machine"] = cell.Architecture.Machine,
            ["platform_python_implementation"] = "CPython",
            ["implementation_name"] = "cpython",
        };
    }

    /// <summary>What the cell's offline image carries; null on a base that installs from an index.</summary>
    public static CarriedCatalogue? CatalogueOf(WheelCell cell) => cell.Policy.BuildIsolation ? null : cell.Options.Base switch
    {
        BaseKind.Local => OfflineCatalogue.Local,
        BaseKind.LocalManylinux231 => Manylinux231.Catalogue.Carried,
        _ => null,
    };

    private static void CheckBuild(WheelCell cell, CarriedCatalogue catalogue)
    {
        var (requires, origin) = cell.Project.BuildSystem;
        var environment = MarkerEnvironment(cell);
        var python = FullVersion(environment);
        foreach (var requirement in requires.Select(text => Parse(text, origin)).Where(r => r.AppliesTo(environment)))
        {
            Fit(cell, catalogue, python, requirement, origin, forTest: false);
        }
    }

    // The carried distribution that meets the requirement, or the one line saying why none does.
    private static CarriedDistribution Fit(WheelCell cell, CarriedCatalogue catalogue, PythonVersion python, Requirement requirement, string origin, bool forTest)
    {
        var carried = catalogue.Find(requirement.Name, python);
        var image = $"the {cell.Options.Base.OptionValue()} image";
        var reason = (requirement.Url, carried, catalogue.Program(requirement.Name)) switch
        {
            ({ } url, _, _) => $"names a URL ({url}), which nothing can fetch offline",
            (_, null, { } program) => $"{image} carries {program.Name} as Debian's program ({program.DebianPackage} {program.DebianVersion}), not as a Python distribution; the backends find it on PATH, so leave it out",
            (_, null, _) when catalogue.Distributions.FirstOrDefault(d => d.Name == requirement.Name) is { } other =>
                $"{image} carries {other.Name} {other.Version} only for Python {other.RequiresPython}, not for CPython {python}",
            (_, null, _) => $"{image} does not carry {requirement.Name}",
            (_, { } found, _) when PythonVersion.Parse(found.Version) is not { } version || !VersionSpecifier.AllFit(requirement.Specifiers, version) =>
                $"{image} carries {found.Name} {found.Version}, which does not fit {string.Join(',', requirement.Specifiers)}",
            (_, { Pure: false } found, _) when forTest => $"{image} carries {found.Name} {found.Version} compiled for its build machine, for builds only, not for a test environment",
            (_, _, _) when forTest && requirement.Extras.Count > 0 => $"the extras [{string.Join(',', requirement.Extras)}] of a carried distribution are not resolved offline; name what they need instead",
            _ => null,
        };
        return reason is null
            ? carried!
            : throw new ConfigException($"{origin} '{requirement.Text}' ({cell.Identifier}): {reason}; docs/local-bases.md lists what the image carries");
    }

    private static Requirement Parse(string text, string origin) =>
        Requirement.Parse(text) ?? throw new ConfigException($"{origin} '{text}': is not a requirement as PEP 508 writes one (name, [extras], version clauses such as >=1.2,<2, ; marker)");
}
