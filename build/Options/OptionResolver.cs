namespace Wheelsmith.Options;

/// <summary>
/// Runs one stage's declarations over that stage's raw values, which never change: each option is
/// parsed once, in declaration order, except that a parser reading an option declared after it
/// (--arch reads --only, --only reads --base) gets that one parsed first. --help keeps the order
/// users know while each parser reads what it needs. An option of another stage cannot be read.
/// </summary>
internal sealed class OptionResolver
{
    private readonly IReadOnlyList<OptionDeclaration> _stage;
    private readonly Dictionary<OptionDeclaration, object?> _resolved;
    private readonly HashSet<OptionDeclaration> _resolving = [];

    private OptionResolver(IReadOnlyList<OptionDeclaration> stage, OptionValues values, IReadOnlyDictionary<OptionDeclaration, object?> earlier,
        BuildPaths paths, string workingDirectory, Func<string, string?> environment, ProjectConfig? project, ICollection<string> notes)
    {
        _stage = stage;
        Notes = notes;
        _resolved = new(earlier);
        Values = values;
        Paths = paths;
        WorkingDirectory = workingDirectory;
        Environment = environment;
        Project = project;
    }

    public OptionValues Values { get; }

    public BuildPaths Paths { get; }

    public string WorkingDirectory { get; }

    public Func<string, string?> Environment { get; }

    public ProjectConfig? Project { get; }

    /// <summary>What the parsers said once for the user (an architecture skipped, a setting not acted on).</summary>
    public ICollection<string> Notes { get; }

    /// <summary>The value of every option of <paramref name="stage"/>, with those of <paramref name="earlier"/> stages as they were.</summary>
    public static IReadOnlyDictionary<OptionDeclaration, object?> Resolve(IReadOnlyList<OptionDeclaration> stage, OptionValues values, IReadOnlyDictionary<OptionDeclaration, object?> earlier,
        BuildPaths paths, string workingDirectory, Func<string, string?> environment, ProjectConfig? project, ICollection<string> notes)
    {
        var resolver = new OptionResolver(stage, values, earlier, paths, workingDirectory, environment, project, notes);
        foreach (var option in stage)
        {
            resolver.Value(option);
        }

        return resolver._resolved.AsReadOnly();
    }

    public T Get<T>(OptionDeclaration<T> option) => (T)Value(option)!;

    private object? Value(OptionDeclaration option)
    {
        if (_resolved.TryGetValue(option, out var value))
        {
            return value;
        }

        // Declaration mistakes, found by any test that parses the option.
        if (!_stage.Contains(option))
        {
            throw new InvalidOperationException($"--{option.Name} is read before its stage: the options that locate the project read only each other");
        }

        if (!_resolving.Add(option))
        {
            throw new InvalidOperationException($"--{option.Name} is read while it is parsed: its parser and another's read each other");
        }

        value = option.Resolve(new OptionInput(option, this));
        _resolved.Add(option, value);
        return value;
    }
}
