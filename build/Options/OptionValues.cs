namespace Wheelsmith.Options;

/// <summary>
/// The raw values of every option with where each came from: the command line, then a
/// WHEELSMITH_&lt;NAME&gt; variable, then the project's [tool.wheelsmith], then its [tool.cibuildwheel];
/// the first that has an option decides it alone (lists are not merged across sources).
/// </summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, (IReadOnlyList<string?> Values, OptionSource Source)> _values = new(StringComparer.OrdinalIgnoreCase);

    public OptionValues(IDictionary<string, ICollection<string>> commandLine, Func<string, string?> environment, ProjectConfig? project, IEnumerable<OptionDeclaration> declared)
    {
        foreach (var option in declared)
        {
            var given = commandLine.FirstOrDefault(kv => string.Equals(kv.Key, option.Name, StringComparison.OrdinalIgnoreCase)).Value;
            if (given is { Count: > 0 })
            {
                _values[option.Name] = ([.. given], OptionSource.CommandLine(option.Name));
            }
            else if (environment(option.Variable) is { } variable)
            {
                _values[option.Name] = ([variable], new OptionSource(OptionSourceKind.Environment, option.Variable));
            }
            else if (project is not null && project.Values.TryGetValue(option.Name, out var configured))
            {
                _values[option.Name] = configured;
            }
        }
    }

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
}
