using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace Wheelsmith.Options;

/// <summary>
/// What a project keeps in its pyproject.toml for this build: the [tool.wheelsmith] table (the
/// options under their flag names) over the [tool.cibuildwheel] table (<see cref="CibuildwheelTable"/>;
/// with --config-file, that file's instead, as cibuildwheel reads it), and [project] requires-python.
/// Read with Tomlyn; a syntax error, a key given twice, a wrong type, an unknown key, or a
/// pyproject.toml that is a folder or cannot be read is bad input, named by file, line or key.
/// </summary>
public sealed class ProjectConfig
{
    private ProjectConfig(string file) => File = file;

    public string File { get; }

    /// <summary>[tool.wheelsmith]'s option values by name, each with the key it came from.</summary>
    public Dictionary<string, (IReadOnlyList<string?> Values, OptionSource Source)> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>[tool.cibuildwheel] of the project's file, or of --config-file; null when there is none.</summary>
    public CibuildwheelTable? Cibuildwheel { get; private set; }

    /// <summary>[project] requires-python, when the project declares it.</summary>
    public (string Text, OptionSource Source)? RequiresPython { get; private set; }

    /// <summary>Keys read but not acted on, said once as a warning.</summary>
    public IReadOnlyList<string> Ignored => Cibuildwheel?.Ignored ?? [];

    /// <summary>
    /// The project's configuration, or null when it has no pyproject.toml and no --config-file is given. With
    /// <paramref name="configFile"/>, its [tool.cibuildwheel] is read in place of the project's (cibuildwheel's --config-file).
    /// </summary>
    public static ProjectConfig? Load(string file, string? configFile, IReadOnlyList<OptionDeclaration> declared)
    {
        var document = Document(file);
        var folder = Path.GetDirectoryName(file)!;
        var legacy = SetupCfgRequiresPython(Path.Combine(folder, "setup.cfg")) ?? SetupPyRequiresPython(Path.Combine(folder, "setup.py"));
        if (document is null && configFile is null && legacy is null)
        {
            return null;
        }

        var config = new ProjectConfig(file);
        var cibuildwheelFile = configFile ?? file;
        if (Table(configFile is null ? document : Document(configFile), "tool", "cibuildwheel") is { } cibuildwheel)
        {
            config.Cibuildwheel = CibuildwheelTable.Read(cibuildwheelFile, cibuildwheel, declared);
        }

        if (Table(document, "tool", "wheelsmith") is { } wheelsmith)
        {
            config.ReadWheelsmith(wheelsmith, declared);
        }

        // As cibuildwheel finds it: [project] requires-python, else setup.cfg's [options] python_requires, else setup.py's.
        if (Table(document, "project") is { } project && project.TryGetValue("requires-python", out var requires))
        {
            var source = config.Source(OptionSourceKind.Cibuildwheel, "project", "requires-python");
            config.RequiresPython = requires is string text ? (text, source) : throw new ConfigException($"{source.Label}: is {TomlText.Described(requires)}; expected a string such as \">=3.10\"");
        }
        else
        {
            config.RequiresPython = legacy;
        }

        return config;
    }

    /// <summary>The option's value from the file (for the cell's overrides when a cell is given): [tool.wheelsmith], else [tool.cibuildwheel], else [project].</summary>
    public (IReadOnlyList<string?> Values, OptionSource Source)? Given(OptionDeclaration option, CellIdentifier? cell) =>
        Values.TryGetValue(option.Name, out var wheelsmith) ? wheelsmith
        : option.Cibuildwheel is null ? null
        : Cibuildwheel?.Given(option, cell) ?? (option.Cibuildwheel.Key == "project-requires-python" && RequiresPython is { } requires ? ([requires.Text], requires.Source) : null);

    /// <summary>The key's label in errors and in --target=Options: the file, the table and the key.</summary>
    public OptionSource Source(OptionSourceKind kind, string table, string key) => new(kind, $"{File} [{table}] {key}");

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

            Values[key] = (option.FromWheelsmith(value, source.Label), source);
        }
    }

    private static TomlTable? Table(TomlTable? document, params string[] path) =>
        path.Aggregate(document, (table, key) => table?.TryGetValue(key, out var value) == true ? value as TomlTable : null);

    // setup.py's python_requires="..." as a string literal (cibuildwheel takes a literal keyword of setup() from the syntax
    // tree; a value computed at run time is not known to either); null when there is none.
    private static (string Text, OptionSource Source)? SetupPyRequiresPython(string file) =>
        System.IO.File.Exists(file) && Regex.Match(System.IO.File.ReadAllText(file), @"\bpython_requires\s*=\s*(?<quote>['""])(?<value>[^'""\n]*)\k<quote>") is { Success: true } match
            ? (match.Groups["value"].Value.Trim(), new OptionSource(OptionSourceKind.Cibuildwheel, $"{file} python_requires"))
            : null;

    // setup.cfg's [options] python_requires, read as configparser reads a one-line value; null when there is none.
    private static (string Text, OptionSource Source)? SetupCfgRequiresPython(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            return null;
        }

        var section = string.Empty;
        foreach (var line in System.IO.File.ReadLines(file).Select(line => line.Trim()))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
            }
            else if (section == "options" && Regex.Match(line, @"^python_requires\s*[=:]\s*(\S.*)$") is { Success: true } match)
            {
                return (match.Groups[1].Value.Trim(), new OptionSource(OptionSourceKind.Cibuildwheel, $"{file} [options] python_requires"));
            }
        }

        return null;
    }

    // Null when there is no such file. Tomlyn's model takes a key given twice (the last wins); its strict syntax parser refuses it, as TOML does.
    private static TomlTable? Document(string file)
    {
        if (Directory.Exists(file))
        {
            throw new ConfigException($"{file}: is a folder; expected a TOML file");
        }

        if (!System.IO.File.Exists(file))
        {
            return null;
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{file}: cannot be read ({exception.Message}); expected a readable TOML file");
        }

        try
        {
            var document = TomlSerializer.Deserialize<TomlTable>(text) ?? [];
            SyntaxParser.ParseStrict(text, file, true);
            return document;
        }
        catch (TomlException exception)
        {
            throw new ConfigException($"{file}: line {exception.Line}: {Reason(exception.Message)}; expected valid TOML");
        }
    }

    // Tomlyn's message starts with the position, which the error gives already; a key given twice quotes the first, over lines, which one line leaves out.
    private static string Reason(string message) =>
        Regex.Replace(message.Contains(": error : ", StringComparison.Ordinal) ? message[(message.IndexOf(": error : ", StringComparison.Ordinal) + 10)..] : message, @" with `[^`]*`", string.Empty)
            .ReplaceLineEndings(" ").Trim().TrimEnd('.');
}

/// <summary>A configuration (a file, a variable, a requirement) that is not what the build accepts: one line, before any container.</summary>
public sealed class ConfigException(string message, int exitCode = ExitCodes.BadInput) : Exception(message), IExitCode
{
    public int ExitCode { get; } = exitCode;
}
