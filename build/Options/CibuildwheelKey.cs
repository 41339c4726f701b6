namespace Wheelsmith.Options;

/// <summary>
/// A [tool.cibuildwheel] key that sets one of this build's options, and how its TOML value becomes
/// that option's text (null: the value is this build's default, so the option stays unset).
/// </summary>
public sealed record CibuildwheelKey(string Key, Func<object, string, IReadOnlyList<string?>?> Read)
{
    /// <summary>archs: cibuildwheel's words as --arch names; auto, auto64 and all mean all, native this host's.</summary>
    public static readonly CibuildwheelKey Archs = new("archs", (value, label) => [string.Join(',', Words(value, label).Select(arch => Arch(arch, label)))]);

    /// <summary>environment: cibuildwheel's assignments as --env NAME=VALUE items.</summary>
    public static readonly CibuildwheelKey Environment = new("environment", (value, label) => [.. CibuildwheelEnvironment.Parse(value, label)]);

    /// <summary>A command, or a list of them run one after another as cibuildwheel runs them.</summary>
    public static CibuildwheelKey Commands(string key) => new(key, (value, label) => [string.Join(" && ", TomlText.Texts(value, label))]);

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
