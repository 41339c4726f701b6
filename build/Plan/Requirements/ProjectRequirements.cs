using Tomlyn;
using Tomlyn.Model;
using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Plan.Requirements;

/// <summary>
/// What a project's pyproject.toml says it needs, read when first asked: [build-system] requires and
/// build-backend, [project] dependencies, the requirements of an extra ([project.optional-dependencies]) and of a PEP 735
/// dependency group ([dependency-groups], with {include-group = "..."}). Each requirement keeps the
/// place it came from, for the one line that names it. A shape PEP 518, 621 or 735 does not allow is bad input.
/// </summary>
public sealed class ProjectRequirements
{
    /// <summary>What a project without [build-system] requires is built with (PEP 518's fallback, as build does).</summary>
    private static readonly string[] LegacyRequires = ["setuptools>=40.8.0"];

    private readonly Lazy<TomlTable> _document;

    private ProjectRequirements(string? file)
    {
        File = file;
        _document = new(() => file is null ? [] : TomlSerializer.Deserialize<TomlTable>(System.IO.File.ReadAllText(file)) ?? []);
    }

    /// <summary>The project's pyproject.toml; null when it has none.</summary>
    public string? File { get; }

    /// <summary>
    /// The project of these options: the pyproject.toml the options were read from, if there is one (a project configured
    /// by setup.cfg or setup.py alone has none).
    /// </summary>
    public static ProjectRequirements Of(BuildOptions options) => new(options.ConfigFile is { } file && System.IO.File.Exists(file) ? file : null);

    /// <summary>[build-system] requires, with where it is; the setuptools fallback when the project names none.</summary>
    public (IReadOnlyList<string> Requires, string Origin) BuildSystem =>
        Table("build-system") is { } table && table.TryGetValue("requires", out var requires)
            ? (Strings(requires, $"{File} [build-system] requires"), $"{File} [build-system] requires")
            : (LegacyRequires, $"{File ?? "the project"} (no [build-system] requires: setuptools, as build assumes)");

    /// <summary>[build-system] build-backend; null when not given.</summary>
    public string? BuildBackend => Table("build-system")?.TryGetValue("build-backend", out var backend) == true ? backend as string : null;

    /// <summary>[project] dependencies, with where they are: what installing the wheel brings along (none when the project declares none, or computes them).</summary>
    public (IReadOnlyList<string> Requires, string Origin) Dependencies =>
        Table("project") is { } project && project.TryGetValue("dependencies", out var dependencies)
            ? (Strings(dependencies, $"{File} [project] dependencies"), $"{File} [project] dependencies")
            : ([], $"{File} [project] dependencies");

    /// <summary>An extra's requirements ([project.optional-dependencies], names compared normalized).</summary>
    public IReadOnlyList<string> Extra(string extra)
    {
        var label = $"{File} [project.optional-dependencies]";
        var extras = (Table("project") is { } project && project.TryGetValue("optional-dependencies", out var value) ? value : null) switch
        {
            null => null,
            TomlTable table => table,
            _ => throw new ConfigException($"{label}: is not a table; expected extras, each a list of requirements"),
        };
        var found = extras?.FirstOrDefault(kv => CarriedCatalogue.Normalize(kv.Key) == CarriedCatalogue.Normalize(extra));
        return found is { Key: not null } entry
            ? Strings(entry.Value, $"{label} {entry.Key}")
            : throw new ConfigException($"test-extras: the project has no extra '{extra}' ({File ?? "no pyproject.toml"} [project.optional-dependencies]{(extras is null ? " is not there" : $" has {(extras.Count == 0 ? "none" : string.Join(", ", extras.Keys))}")})");
    }

    /// <summary>A dependency group's requirements, its included groups' in place (PEP 735), names compared normalized.</summary>
    public IReadOnlyList<string> Group(string group) => Group(group, []);

    private IReadOnlyList<string> Group(string group, IReadOnlyList<string> including)
    {
        var label = $"{File} [dependency-groups]";
        var groups = Table("dependency-groups");
        var found = groups?.FirstOrDefault(kv => CarriedCatalogue.Normalize(kv.Key) == CarriedCatalogue.Normalize(group));
        if (found is not { Key: not null } entry)
        {
            throw new ConfigException(including.Count == 0
                ? $"test-groups: the project has no dependency group '{group}' ({File ?? "no pyproject.toml"} [dependency-groups]{(groups is null ? " is not there" : $" has {(groups.Count == 0 ? "none" : string.Join(", ", groups.Keys))}")})"
                : $"{label} {including[^1]}: includes the group '{group}', which the project does not have");
        }

        if (including.Any(name => CarriedCatalogue.Normalize(name) == CarriedCatalogue.Normalize(entry.Key)))
        {
            throw new ConfigException($"{label} {entry.Key}: includes itself ({string.Join(" -> ", including.Append(entry.Key))}); PEP 735 forbids a cycle");
        }

        if (entry.Value is not TomlArray items)
        {
            throw new ConfigException($"{label} {entry.Key}: is not a list; expected requirement strings and {{include-group = \"...\"}} tables");
        }

        return items.SelectMany(item => item switch
        {
            string requirement => [requirement],
            TomlTable { Count: 1 } include when include.TryGetValue("include-group", out var name) && name is string included => Group(included, [.. including, entry.Key]),
            _ => throw new ConfigException($"{label} {entry.Key}: an item is neither a requirement string nor {{include-group = \"...\"}}"),
        }).ToList();
    }

    private TomlTable? Table(string name)
    {
        TomlTable document;
        try
        {
            document = _document.Value;
        }
        catch (TomlException exception)
        {
            throw new ConfigException($"{File}: line {exception.Line}: not valid TOML");
        }

        return document.TryGetValue(name, out var value) ? value as TomlTable ?? throw new ConfigException($"{File} [{name}]: is not a table") : null;
    }

    private static IReadOnlyList<string> Strings(object value, string label) =>
        value is TomlArray array && array.All(item => item is string)
            ? [.. array.Cast<string>()]
            : throw new ConfigException($"{label}: expected a list of requirement strings");
}
