namespace Wheelsmith.Options;

/// <summary>
/// The raw values of every option with where each came from: the command line, then a
/// WHEELSMITH_&lt;NAME&gt; variable, then cibuildwheel's variable (CIBW_&lt;KEY&gt;_LINUX over
/// CIBW_&lt;KEY&gt;), then the project's [tool.wheelsmith], then its [tool.cibuildwheel] (for a cell,
/// with the overrides that select it); the first that has an option decides it alone (lists are not
/// merged across sources, but for CIBW_ENABLE, which adds to the file's enable as in cibuildwheel).
/// </summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, (IReadOnlyList<string?> Values, OptionSource Source)> _values = new(StringComparer.OrdinalIgnoreCase);

    public OptionValues(IDictionary<string, ICollection<string>> commandLine, Func<string, string?> environment, ProjectConfig? project, IEnumerable<OptionDeclaration> declared, CellIdentifier? cell = null)
    {
        ConfiguredForCibuildwheel = project?.Cibuildwheel is not null;
        foreach (var option in declared)
        {
            var given = commandLine.FirstOrDefault(kv => string.Equals(kv.Key, option.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var fromProject = project?.Given(option, cell);
            ConfiguredForCibuildwheel |= option.Cibuildwheel is { } setting && CibuildwheelVariable(setting, environment) is not null;
            if (given is { Count: > 0 })
            {
                _values[option.Name] = ([.. given], OptionSource.CommandLine(option.Name));
            }
            else if (environment(option.Variable) is { } variable)
            {
                _values[option.Name] = ([variable], new OptionSource(OptionSourceKind.Environment, option.Variable));
            }
            else if (option.Cibuildwheel is { } key && CibuildwheelVariable(key, environment) is { } cibuildwheel)
            {
                // A value that is this build's default leaves the option unset.
                if (key.Read(cibuildwheel.Text, cibuildwheel.Name) is { } values)
                {
                    var appended = cibuildwheel.Setting.VariableAppends && fromProject is { Source.Kind: OptionSourceKind.Cibuildwheel } table ? table.Values : [];
                    _values[option.Name] = ([.. appended, .. values], new OptionSource(OptionSourceKind.CibuildwheelVariable, cibuildwheel.Name));
                }
            }
            else if (fromProject is { } configured)
            {
                _values[option.Name] = configured;
            }
        }
    }

    /// <summary>
    /// Whether the project is configured for cibuildwheel, by a CIBW_* variable of one of its options or a [tool.cibuildwheel]
    /// table: its defaults are then cibuildwheel's where they differ from this tool's own (archs).
    /// </summary>
    public bool ConfiguredForCibuildwheel { get; }

    /// <summary>Every value the option was given by its deciding source; empty when none gave it.</summary>
    public IReadOnlyList<string?> Given(string name) => _values.TryGetValue(name, out var entry) ? entry.Values : [];

    public OptionSource SourceOf(string name) => _values.TryGetValue(name, out var entry) ? entry.Source : OptionSource.Default;

    /// <summary>Runs <paramref name="parse"/>; a bad value from the environment or the project's file is named where it was written.</summary>
    public T NamedWhereGiven<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (OptionException exception) when (SourceOf(exception.Option) is { Kind: not OptionSourceKind.CommandLine and not OptionSourceKind.Default } source)
        {
            throw exception.From(source);
        }
    }

    // The _LINUX form over the plain one; an empty value of an option cibuildwheel reads with ignore_empty (archs) is not given.
    private static (string Name, string Text, CibuildwheelOption Setting)? CibuildwheelVariable(CibuildwheelKey key, Func<string, string?> environment)
    {
        var setting = CibuildwheelOptions.All.First(entry => entry.Key == key.Key);
        return new[] { setting.LinuxVariable, setting.Variable }.OfType<string>()
            .Select(name => (Name: name, Text: environment(name)))
            .Where(variable => variable.Text is not null && !(setting.IgnoreEmpty && variable.Text.Trim().Length == 0))
            .Select(variable => ((string Name, string Text, CibuildwheelOption Setting)?)(variable.Name, variable.Text!, setting))
            .FirstOrDefault();
    }
}
