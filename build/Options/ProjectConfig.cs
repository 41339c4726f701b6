using Tomlyn;
using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// What a project keeps in its pyproject.toml for this build: the [tool.wheelsmith] table (the
/// options under their flag names) over the [tool.cibuildwheel] table (and its .linux subtable)
/// for what cibuildwheel shares with this build. Read with Tomlyn; a syntax error, a wrong type or
/// an unknown [tool.wheelsmith] key is bad input, named by file, line or key.
/// </summary>
public sealed class ProjectConfig
{
    private ProjectConfig(string file) => File = file;

    public string File { get; }

    /// <summary>Option values by name, each with the table key it came from.</summary>
    public Dictionary<string, (IReadOnlyList<string?> Values, OptionSource Source)> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>cibuildwheel's build and skip selectors, when the project has them.</summary>
    public CellSelectors? Selectors { get; private set; }

    /// <summary>Keys read but not acted on, said once as a warning.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>The project's configuration, or null when it has no pyproject.toml.</summary>
    public static ProjectConfig? Load(string file, IReadOnlyList<OptionDeclaration> declared)
    {
        if (!System.IO.File.Exists(file))
        {
            return null;
        }

        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(System.IO.File.ReadAllText(file)) ?? [];
        }
        catch (TomlException exception)
        {
            throw new ConfigException($"{file}: line {exception.Line}: {Reason(exception.Message)}; expected valid TOML");
        }

        var config = new ProjectConfig(file);
        var tool = document.TryGetValue("tool", out var toolValue) && toolValue is TomlTable toolTable ? toolTable : null;
        if (tool?.TryGetValue("cibuildwheel", out var cibuildwheel) == true && cibuildwheel is TomlTable cibuildwheelTable)
        {
            CibuildwheelTable.Read(config, cibuildwheelTable, declared);
        }

        if (tool?.TryGetValue("wheelsmith", out var wheelsmith) == true && wheelsmith is TomlTable wheelsmithTable)
        {
            config.ReadWheelsmith(wheelsmithTable, declared);
        }

        return config;
    }

    /// <summary>The key's label in errors and in --target=Options: the file, the table and the key.</summary>
    public OptionSource Source(OptionSourceKind kind, string table, string key) => new(kind, $"{File} [{table}] {key}");

    public void Set(string option, IReadOnlyList<string?> values, OptionSource source) => Values[option] = (values, source);

    public void Select(CellSelectors selectors) => Selectors = selectors;

    private void ReadWheelsmith(TomlTable table, IReadOnlyList<OptionDeclaration> declared)
    {
        foreach (var (key, value) in table)
        {
            var source = Source(OptionSourceKind.Wheelsmith, "tool.wheelsmith", key);
            var option = declared.FirstOrDefault(o => o.Name == key);
            if (option is null || !option.PerProject)
            {
                var perProject = string.Join(", ", declared.Where(o => o.PerProject).Select(o => o.Name));
                throw new ConfigException(option is null
                    ? $"{source.Label}: unknown key; expected one of {perProject}"
                    : $"{source.Label}: is for the command line or the environment ({option.Variable}), not a project's file; expected one of {perProject}");
            }

            Set(key, option.FromWheelsmith(value, source.Label), source);
        }
    }

    // Tomlyn's message starts with the position, which the error gives already.
    private static string Reason(string message) => message.Contains(": error : ", StringComparison.Ordinal) ? message[(message.IndexOf(": error : ", StringComparison.Ordinal) + 10)..].TrimEnd('.') : message;
}

/// <summary>A configuration file that is not what the build accepts: one line, before any container.</summary>
public sealed class ConfigException(string message) : Exception(message);
