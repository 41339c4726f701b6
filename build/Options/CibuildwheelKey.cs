using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// The cibuildwheel key (<see cref="CibuildwheelOptions"/>) that sets one of this build's options, in
/// [tool.cibuildwheel] and its overrides and as the CIBW_&lt;KEY&gt; variable, and how its value becomes
/// that option's text (null: the value is this build's default, so the option stays unset). A variable's
/// value is a string, which Read takes as cibuildwheel takes that variable; a file's is the TOML value.
/// </summary>
public sealed record CibuildwheelKey(string Key, Func<object, string, IReadOnlyList<string?>?> Read)
{
    /// <summary>environment or test-environment: cibuildwheel's assignment string, a table written into one as cibuildwheel writes it.</summary>
    public static CibuildwheelKey Assignments(string key) => new(key, EnvironmentAssignment.FromToml);

    /// <summary>A list of words (test-sources, environment-pass): a string of shell words, or a TOML list of them, each kept whole.</summary>
    public static CibuildwheelKey WordList(string key) => new(key, (value, label) =>
        [string.Join(' ', value is Tomlyn.Model.TomlArray ? TomlText.Texts(value, label).Select(ShellWords.Quote) : TomlText.Texts(value, label))]);

    /// <summary>config-settings: a table of KEY = "VALUE" (a list for a key given more than once), or KEY=VALUE shell words.</summary>
    public static readonly CibuildwheelKey ConfigSettings = new("config-settings", ConfigSettingItems);

    /// <summary>A one-string key (build-frontend): its text as it is.</summary>
    public static CibuildwheelKey Text(string key) => new(key, (value, label) => [TomlText.Texts(value, label).Single()]);

    /// <summary>config-settings as one string of KEY=VALUE shell words, from a TOML table or a string.</summary>
    public static IReadOnlyList<string?> ConfigSettingItems(object value, string label) => value is Tomlyn.Model.TomlTable table
        ? [string.Join(' ', table.SelectMany(kv => TomlText.Texts(kv.Value, $"{label}.{kv.Key}").Select(item => ShellWords.Quote($"{kv.Key}={item}"))))]
        : [string.Join(' ', TomlText.Texts(value, label))];

    /// <summary>container-engine: "docker; create_args: …" or a table with name; the option reads the name and says what it does not act on.</summary>
    public static readonly CibuildwheelKey ContainerEngine = new("container-engine", (value, label) =>
        value is TomlTable table
            ? [string.Join("; ", table.Select(kv => kv.Key == "name" ? TomlText.Texts(kv.Value, label).Single() : $"{kv.Key}: {string.Join(' ', TomlText.Texts(kv.Value, label))}").OrderBy(field => field.Contains(':')))]
            : [.. TomlText.Texts(value, label)]);

    /// <summary>A command, or a list of them run one after another as cibuildwheel runs them.</summary>
    public static CibuildwheelKey Commands(string key) => new(key, (value, label) => [string.Join(" && ", TomlText.Texts(value, label))]);

    /// <summary>A value read as one text, a list's items joined with spaces as cibuildwheel joins build, skip and archs; the option parses it.</summary>
    public static CibuildwheelKey Spaced(string key) => new(key, (value, label) => [string.Join(' ', TomlText.Texts(value, label))]);

    /// <summary>A string of words or a list of them, as one text of words joined by the separator the option splits on.</summary>
    public static CibuildwheelKey List(string key, string separator) => new(key, (value, label) => [string.Join(separator, TomlText.Texts(value, label))]);

    /// <summary>test-requires: a string of shell words, or a list whose items are each one word (quoted as shlex.quote does).</summary>
    public static readonly CibuildwheelKey TestRequires = new("test-requires", (value, label) => [CommandOptions.ShellWordsOf(value, label)]);

    /// <summary>manylinux-&lt;machine&gt;-image: a short name (manylinux_2_28) is the quay.io/pypa image; manylinux2014 is the default already.</summary>
    public static CibuildwheelKey ManylinuxImage(Architecture architecture) => new($"manylinux-{architecture.Machine}-image", (value, label) =>
        TomlText.Texts(value, label).Single() switch
        {
            "manylinux2014" => null,
            var image when image.StartsWith("manylinux", StringComparison.Ordinal) => [$"quay.io/pypa/{image}_{architecture.Machine}"],
            var image => [image],
        });
}
