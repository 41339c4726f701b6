using System.Collections;
using System.Globalization;

namespace Wheelsmith.Options;

/// <summary>
/// One build option, declared once (the declarations are <see cref="OptionDeclarations.All"/>): its
/// name (the flag --NAME, the variable WHEELSMITH_NAME, the [tool.wheelsmith] key NAME), what it
/// takes (for --help and errors), whether a project may set it in its pyproject.toml (machine-specific
/// ones such as --output or --jobs it may not), the [tool.cibuildwheel] key that sets it, and how its
/// value shows in --target=Options and in wheels.json. <see cref="OptionDeclaration{T}"/> adds the
/// value's type and parser.
/// </summary>
public abstract class OptionDeclaration(string name, string takes)
{
    public string Name { get; } = name;

    public string Takes { get; } = takes;

    public bool PerProject { get; init; }

    /// <summary>
    /// The cibuildwheel key that sets this option, if cibuildwheel has one: [tool.cibuildwheel] and its overrides (when
    /// cibuildwheel reads it there) and the CIBW_&lt;KEY&gt; variable; the options that locate the project have none.
    /// </summary>
    public CibuildwheelKey? Cibuildwheel { get; init; }

    /// <summary>A [tool.wheelsmith] value as the flag's text: by default one comma list, so a TOML list of arch reads as --arch=a,b.</summary>
    public Func<object, string, IReadOnlyList<string?>> FromWheelsmith { get; init; } = (value, label) => [string.Join(',', TomlText.Texts(value, label))];

    /// <summary>The environment variable that sets it: WHEELSMITH_TEST_COMMAND for test-command.</summary>
    public string Variable => "WHEELSMITH_" + Name.ToUpperInvariant().Replace('-', '_');

    /// <summary>Its name in wheels.json's options object: testCommand for test-command.</summary>
    public string ReportName => string.Concat(Name.Split('-').Select((word, index) => index == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>The value in --target=Options's Value column, as the flag would write it.</summary>
    public abstract string Shown(BuildOptions options);

    /// <summary>The value in wheels.json: a string, a number, true/false, a list of strings or null.</summary>
    public abstract object? Reported(BuildOptions options);

    internal abstract object? Resolve(OptionInput input);

    // As wheels.json writes a value: strings, numbers and true/false as they are, enums by their lower-case name, lists item by item.
    private protected static object? Plain(object? value) => value switch
    {
        null or string or bool or int => value,
        Enum kind => kind.ToString().ToLowerInvariant(),
        IEnumerable items => items.Cast<object?>().Select(Plain).ToList(),
        _ => value.ToString(),
    };

    // As a flag writes a value: lists as comma lists, "-" for none.
    private protected static string Text(object? value) => Plain(value) switch
    {
        null => "-",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        IEnumerable<object?> items => string.Join(',', items),
        var other => other.ToString()!,
    };
}

/// <summary>An option whose value is a <typeparamref name="T"/>: how it is parsed when given, its default, and how it shows.</summary>
public sealed class OptionDeclaration<T>(string name, string takes) : OptionDeclaration(name, takes)
{
    /// <summary>The value when a source gave the option; the parser reads it from <see cref="OptionInput.Text"/> (or its flag or items).</summary>
    public required Func<OptionInput, T> Parse { get; init; }

    /// <summary>The value when no source gave it.</summary>
    public required Func<OptionInput, T> Default { get; init; }

    public Func<T, string> Show { get; init; } = value => Text(value);

    public Func<T, object?> Report { get; init; } = value => Plain(value);

    public override string Shown(BuildOptions options) => Show(options.Get(this));

    public override object? Reported(BuildOptions options) => Report(options.Get(this));

    internal override object? Resolve(OptionInput input) => input.IsGiven ? Parse(input) : Default(input);
}
