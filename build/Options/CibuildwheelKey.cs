namespace Wheelsmith.Options;

/// <summary>
/// A [tool.cibuildwheel] key that sets one of this build's options, and how its TOML value becomes
/// that option's text (null: the value is this build's default, so the option stays unset).
/// </summary>
public sealed record CibuildwheelKey(string Key, Func<object, string, IReadOnlyList<string?>?> Read)
{
    /// <summary>archs: cibuildwheel's words as --arch names; auto, auto64 and all mean all, native this host's.</summary>
    public static readonly CibuildwheelKey Archs = new("archs", (value, label) => [string.Join(',', Words(value, label).Select(arch => Arch(arch, label)))]);

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

    /// <summary>A command, or a list of them run one after another as cibuildwheel runs them.</summary>
    public static CibuildwheelKey Commands(string key) => new(key, (value, label) => [string.Join(" && ", TomlText.Texts(value, label))]);

    /// <summary>manylinux-&lt;machine&gt;-image: a short name (manylinux_2_28) is the quay.io/pypa image; manylinux2014 is the default already.</summary>
    public static CibuildwheelKey ManylinuxImage(Architecture architecture) => new($"manylinux-{architecture.Machine}-image", (value, label) =>
        TomlText.Texts(value, label).Single() switch
        {
            "manylinux2014" => null,
            var image when image.StartsWith("manylinux", StringComparison.Ordinal) => [$"quay.io/pypa/{image}_{architecture.Machine}"],
            var image => [image],
        });

    /// <summary>cibuildwheel's word lists: a space- or comma-separated string, or a list.</summary>
    public static IReadOnlyList<string> Words(object value, string label) =>
        TomlText.Texts(value, label).SelectMany(text => text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static string Arch(string arch, string label) => arch switch
    {
        "auto" or "all" or "auto64" => "all",
        "native" => Architecture.Host?.Name ?? throw new ConfigException($"{label}: 'native' on a machine that is neither x86_64 nor aarch64"),
        _ => Architecture.Find(arch)?.Name ?? throw new ConfigException($"{label}: '{arch}' is not accepted here; expected x86_64, aarch64, native, auto or all"),
    };
}
