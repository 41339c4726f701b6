using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// The part of [tool.cibuildwheel] (with its .linux subtable over it) that this build shares:
/// build/skip selectors, archs, test-command ({project}, {package}), environment, and the
/// manylinux images. Keys it does not act on are listed once as a warning; test-requires is kept
/// for the options to refuse on the offline local base, where nothing could install them.
/// </summary>
public static class CibuildwheelTable
{
    private const string Table = "tool.cibuildwheel";

    /// <summary>Keys that only concern other platforms or tools, read without a word.</summary>
    private static readonly string[] OtherPlatforms = ["linux", "macos", "windows", "ios", "pyodide", "overrides"];

    public static void Read(ProjectConfig config, TomlTable table)
    {
        var merged = new Dictionary<string, (object Value, string Table)>();
        foreach (var (key, value) in table)
        {
            merged[key] = (value, Table);
        }

        if (table.TryGetValue("linux", out var linux) && linux is TomlTable linuxTable)
        {
            foreach (var (key, value) in linuxTable)
            {
                merged[key] = (value, Table + ".linux");
            }
        }

        var selectors = (Build: (IReadOnlyList<string>?)null, Skip: (IReadOnlyList<string>?)null);
        foreach (var (key, (value, tableName)) in merged)
        {
            var source = config.Source(OptionSourceKind.Cibuildwheel, tableName, key);
            switch (key)
            {
                case "build":
                    selectors.Build = Words(value, source.Label);
                    break;
                case "skip":
                    selectors.Skip = Words(value, source.Label);
                    break;
                case "archs":
                    config.Set("arch", [string.Join(',', Words(value, source.Label).Select(arch => Arch(arch, source.Label)))], source);
                    break;
                case "test-command":
                    config.Set("test-command", [string.Join(" && ", ProjectConfig.Texts(value, source.Label))], source);
                    break;
                case "environment":
                    config.Set("env", [.. CibuildwheelEnvironment.Parse(value, source.Label)], source);
                    break;
                case "before-all":
                case "before-build":
                    config.Set(key, [string.Join(" && ", ProjectConfig.Texts(value, source.Label))], source);
                    break;
                case "repair-wheel-command":
                    config.Set("repair-command", [string.Join(" && ", ProjectConfig.Texts(value, source.Label))], source);
                    break;
                case "manylinux-x86_64-image":
                case "manylinux-aarch64-image":
                    Image(config, key, ProjectConfig.Texts(value, source.Label).Single(), source);
                    break;
                case "test-requires":
                    config.TestRequires = source;
                    config.Ignored.Add($"[{tableName}] {key}");
                    break;
                default:
                    if (!OtherPlatforms.Contains(key))
                    {
                        config.Ignored.Add($"[{tableName}] {key}");
                    }

                    break;
            }
        }

        if (selectors.Build is not null || selectors.Skip is not null)
        {
            config.Select(new CellSelectors(selectors.Build ?? ["*"], selectors.Skip ?? []));
        }
    }

    // cibuildwheel takes a space-separated string or a list.
    private static IReadOnlyList<string> Words(object value, string label) =>
        ProjectConfig.Texts(value, label).SelectMany(text => text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static string Arch(string arch, string label) => arch switch
    {
        "auto" or "all" or "auto64" => "all",
        "native" => Architecture.Host?.Name ?? throw new ConfigException($"{label}: 'native' on a machine that is neither x86_64 nor aarch64"),
        _ => Architecture.Find(arch)?.Name ?? throw new ConfigException($"{label}: '{arch}' is not accepted here; expected x86_64, aarch64, native, auto or all"),
    };

    private static void Image(ProjectConfig config, string key, string image, OptionSource source)
    {
        var option = key.Contains("x86_64", StringComparison.Ordinal) ? "x64-base-image" : "arm-base-image";
        if (image == "manylinux2014")
        {
            return;
        }

        config.Set(option, [image.StartsWith("manylinux", StringComparison.Ordinal) ? $"quay.io/pypa/{image}_{(option == "x64-base-image" ? "x86_64" : "aarch64")}" : image], source);
    }
}
