using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// The part of [tool.cibuildwheel] (with its .linux subtable over it) that this build shares: the
/// build/skip selectors and the keys the option declarations name (<see cref="OptionDeclaration.Cibuildwheel"/>).
/// Keys it does not act on are listed once as a warning.
/// </summary>
public static class CibuildwheelTable
{
    private const string Table = "tool.cibuildwheel";

    /// <summary>Keys that only concern other platforms or tools, read without a word.</summary>
    private static readonly string[] OtherPlatforms = ["linux", "macos", "windows", "ios", "pyodide", "overrides"];

    public static void Read(ProjectConfig config, TomlTable table, IReadOnlyList<OptionDeclaration> declared)
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
            if (declared.FirstOrDefault(option => option.Cibuildwheel?.Key == key) is { Cibuildwheel: { } setting } option)
            {
                if (setting.Read(value, source.Label) is { } values)
                {
                    config.Set(option.Name, values, source);
                }

                continue;
            }

            switch (key)
            {
                case "build":
                    selectors.Build = CibuildwheelKey.Words(value, source.Label);
                    break;
                case "skip":
                    selectors.Skip = CibuildwheelKey.Words(value, source.Label);
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
}
