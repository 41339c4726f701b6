namespace Wheelsmith.Options;

/// <summary>
/// What one option's parser reads: the values its deciding source gave it, the other options'
/// values (see <see cref="OptionResolver"/>), and what the run starts from.
/// </summary>
public sealed class OptionInput
{
    private readonly OptionDeclaration _option;
    private readonly OptionResolver _resolver;
    private readonly IReadOnlyList<string?> _given;

    internal OptionInput(OptionDeclaration option, OptionResolver resolver)
    {
        _option = option;
        _resolver = resolver;
        _given = resolver.Values.Given(option.Name);
    }

    /// <summary>The option's name, for its errors.</summary>
    public string Name => _option.Name;

    public bool IsGiven => _given.Count > 0;

    /// <summary>Every value its deciding source gave, for options that may be repeated (--env, --only).</summary>
    public IReadOnlyList<string?> Items => _given;

    /// <summary>Its one value; refused when given twice with different values or with none (--arch alone).</summary>
    public string Text
    {
        get
        {
            var distinct = _given.Distinct().ToList();
            return distinct.Count > 1
                ? throw new OptionException(Name, $"given twice with different values ('{string.Join("', '", distinct)}'); give it once")
                : distinct[0] ?? throw new OptionException(Name, $"needs a value (--{Name}=VALUE)");
        }
    }

    /// <summary>A true/false flag: --NAME alone, =true or empty means true.</summary>
    public bool Flag => _given.Distinct().ToList() switch
    {
        [null] or ["true"] or [""] => true,
        ["false"] => false,
        var other => throw OptionException.Rejected(Name, string.Join(", ", other), "no value, true or false"),
    };

    public OptionSource Source => SourceOf(_option);

    public BuildPaths Paths => _resolver.Paths;

    /// <summary>This process's environment (what --env NAME passes on, SOURCE_DATE_EPOCH).</summary>
    public Func<string, string?> Environment => _resolver.Environment;

    /// <summary>What a relative path is relative to: the project file's folder when the value came from it, else the working directory.</summary>
    public string Folder =>
        Source.Kind is OptionSourceKind.Wheelsmith or OptionSourceKind.Cibuildwheel && _resolver.Project is { } project
            ? Path.GetDirectoryName(project.File)!
            : _resolver.WorkingDirectory;

    /// <summary>Says something once to the user, before the run starts (not an error: the run goes on).</summary>
    public void Note(string text)
    {
        if (!_resolver.Notes.Contains(text))
        {
            _resolver.Notes.Add(text);
        }
    }

    /// <summary>Whether the value came from cibuildwheel's configuration (a CIBW_* variable or [tool.cibuildwheel]), which its own syntax reads.</summary>
    public bool FromCibuildwheel => Source.Kind is OptionSourceKind.CibuildwheelVariable or OptionSourceKind.Cibuildwheel;

    /// <summary>Whether a CIBW_* variable or a [tool.cibuildwheel] table configures the project (see <see cref="OptionValues.ConfiguredForCibuildwheel"/>).</summary>
    public bool ConfiguredForCibuildwheel => _resolver.Values.ConfiguredForCibuildwheel;

    /// <summary>Another option's value.</summary>
    public TOther Get<TOther>(OptionDeclaration<TOther> other) => _resolver.Get(other);

    /// <summary>Where another option's value came from (only asks whether --arch was given alongside it).</summary>
    public OptionSource SourceOf(OptionDeclaration other) => _resolver.Values.SourceOf(other.Name);
}
