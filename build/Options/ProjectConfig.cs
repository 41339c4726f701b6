using System.Globalization;
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

    /// <summary>Where cibuildwheel's test-requires is, when the project has it.</summary>
    public OptionSource? TestRequires { get; set; }

    /// <summary>Keys read but not acted on, said once as a warning.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>The project's configuration, or null when it has no pyproject.toml.</summary>
    public static ProjectConfig? Load(string file, IEnumerable<OptionDeclaration> declared)
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
            CibuildwheelTable.Read(config, cibuildwheelTable);
        }

        if (tool?.TryGetValue("wheelsmith", out var wheelsmith) == true && wheelsmith is TomlTable wheelsmithTable)
        {
            config.ReadWheelsmith(wheelsmithTable, declared.ToList());
        }

        return config;
    }

    /// <summary>The key's label in errors and in --target=Options: the file, the table and the key.</summary>
    public OptionSource Source(OptionSourceKind kind, string table, string key) => new(kind, $"{File} [{table}] {key}");

    public void Set(string option, IReadOnlyList<string?> values, OptionSource source) => Values[option] = (values, source);

    public void Select(CellSelectors selectors) => Selectors = selectors;

    /// <summary>A TOML value as option text: a string, a number, a boolean, or an array of those (one value each).</summary>
    public static IReadOnlyList<string> Texts(object? value, string label) => value switch
    {
        string text => [text],
        bool flag => [flag ? "true" : "false"],
        long or double => [Convert.ToString(value, CultureInfo.InvariantCulture)!],
        TomlArray array => array.Select(item => item is string or bool or long or double ? Texts(item, label)[0]
            : throw new ConfigException($"{label}: a list item is a {TypeName(item)}; expected strings")).ToList(),
        _ => throw new ConfigException($"{label}: is a {TypeName(value)}; expected a string, a number, true/false or a list of strings"),
    };

    public static string TypeName(object? value) => value switch
    {
        TomlTable => "table",
        TomlArray => "list",
        TomlTableArray => "list of tables",
        null => "nothing",
        _ => value.GetType().Name.ToLowerInvariant(),
    };

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

            // env as a table of NAME = "VALUE" reads naturally in TOML; as a list it takes docker's NAME or NAME=VALUE.
            // A list of arch, cpython or only reads as the flag's comma list.
            var values = key == "env" && value is TomlTable variables
                ? variables.Select(kv => $"{kv.Key}={Texts(kv.Value, $"{source.Label}.{kv.Key}").Single()}").ToList()
                : key == "env" ? Texts(value, source.Label) : [string.Join(',', Texts(value, source.Label))];
            Set(key, [.. values], source);
        }
    }

    // Tomlyn's message starts with the position, which the error gives already.
    private static string Reason(string message) => message.Contains(": error : ", StringComparison.Ordinal) ? message[(message.IndexOf(": error : ", StringComparison.Ordinal) + 10)..].TrimEnd('.') : message;
}

/// <summary>A configuration file that is not what the build accepts: one line, before any container.</summary>
public sealed class ConfigException(string message) : Exception(message);
