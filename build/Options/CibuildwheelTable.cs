using System.Globalization;
using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// [tool.cibuildwheel] as cibuildwheel 4.2 reads it on Linux: its keys with the .linux subtable's over
/// them, then the [[tool.cibuildwheel.overrides]] whose select matches a cell, each replacing the value
/// before it or, with inherit append/prepend, joined to it. Every key is checked against cibuildwheel's
/// own options (<see cref="CibuildwheelOptions"/>): an unknown key, a value of a type its schema does not
/// allow, or a key an override may not carry is bad input. Keys no option declaration acts on are
/// listed once as a warning.
/// </summary>
public sealed class CibuildwheelTable
{
    private const string Table = "tool.cibuildwheel";

    /// <summary>Keys whose options are the run's, not a cell's (the engine, the images of an architecture): in an override, not acted on.</summary>
    private static readonly string[] RunWide = ["container-engine", "manylinux-x86_64-image", "manylinux-aarch64-image"];

    /// <summary>An override's select: patterns as build's, a string or a list.</summary>
    private static readonly CibuildwheelOption Select = new("select", TomlShapes.StringOrList, " ");

    private readonly string _file;
    private readonly Dictionary<string, (object Value, string Label)> _values = [];
    private readonly List<CibuildwheelOverride> _overrides = [];

    private CibuildwheelTable(string file) => _file = file;

    /// <summary>Keys read but not acted on, said once as a warning.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>Where cibuildwheel's test-requires is, when no option acts on it.</summary>
    public OptionSource? TestRequires { get; private set; }

    public static CibuildwheelTable Read(string file, TomlTable table, IReadOnlyList<OptionDeclaration> declared)
    {
        var result = new CibuildwheelTable(file);
        TomlTable? linux = null;
        foreach (var (key, value) in table)
        {
            if (key == "overrides")
            {
                result.ReadOverrides(value, declared);
            }
            else if (CibuildwheelOptions.Platforms.Contains(key))
            {
                // cibuildwheel checks only the table of the platform it builds for.
                linux = key == "linux" ? value as TomlTable ?? throw new ConfigException($"{file} [{Table}] linux: is {TomlText.Described(value)}; expected a table") : linux;
            }
            else
            {
                result.ReadKey(Table, key, value, declared);
            }
        }

        foreach (var (key, value) in linux ?? [])
        {
            if (key == "dependency-versions")
            {
                throw new ConfigException($"{file} [{Table}.linux] {key}: is not allowed there (cibuildwheel refuses it on Linux); expected it under [{Table}.macos] or [{Table}.windows]");
            }

            result.ReadKey(Table + ".linux", key, value, declared);
        }

        return result;
    }

    /// <summary>Whether any override selects the cell, so that its options may differ from the run's.</summary>
    public bool Overrides(CellIdentifier cell) => _overrides.Any(entry => entry.Selects(cell));

    /// <summary>The option's value for the cell (null: for the run, without overrides), or null when the table does not set it.</summary>
    public (IReadOnlyList<string?> Values, OptionSource Source)? Given(OptionDeclaration option, CellIdentifier? cell)
    {
        var key = option.Cibuildwheel!.Key;
        var setting = CibuildwheelOptions.All.First(entry => entry.Key == key);
        object? value = null;
        string? label = null;

        // As cibuildwheel's cascade: an empty value joins nothing; an override without inherit replaces.
        void Apply(object after, string afterLabel, InheritRule rule)
        {
            var afterText = Text(after, setting);
            if (setting.IgnoreEmpty && afterText.Trim().Length == 0)
            {
                return;
            }

            if (rule == InheritRule.None || value is null || Text(value, setting).Length == 0)
            {
                (value, label) = (after, afterLabel);
            }
            else if (afterText.Length > 0)
            {
                var before = Text(value, setting);
                value = rule == InheritRule.Append ? before + setting.Separator + afterText : afterText + setting.Separator + before;
                label = $"{afterLabel} (inherit {rule.ToString().ToLowerInvariant()})";
            }
        }

        if (_values.TryGetValue(key, out var entry))
        {
            Apply(entry.Value, entry.Label, InheritRule.None);
        }

        foreach (var match in cell is null ? [] : _overrides.Where(o => o.Values.ContainsKey(key) && o.Selects(cell)))
        {
            Apply(match.Values[key], match.Label(key), match.Inherit.GetValueOrDefault(key));
        }

        return value is not null && option.Cibuildwheel.Read(value, label!) is { } values ? (values, new OptionSource(OptionSourceKind.Cibuildwheel, label!)) : null;
    }

    private void ReadKey(string table, string key, object value, IReadOnlyList<OptionDeclaration> declared)
    {
        var label = $"{_file} [{table}] {key}";
        var setting = Known(key, label);
        Check(setting, value, label);
        if (declared.Any(option => option.Cibuildwheel?.Key == key))
        {
            _values[key] = (value, label);
        }
        else if (!setting.Elsewhere)
        {
            TestRequires = key == "test-requires" ? new OptionSource(OptionSourceKind.Cibuildwheel, label) : TestRequires;
            Ignored.Add($"[{table}] {key}");
        }
    }

    private void ReadOverrides(object value, IReadOnlyList<OptionDeclaration> declared)
    {
        var tables = value switch
        {
            TomlTableArray array => array.ToList(),
            TomlArray array when array.All(item => item is TomlTable) => array.Cast<TomlTable>().ToList(),
            _ => throw new ConfigException($"{_file} [{Table}] overrides: is {TomlText.Described(value)}; expected a list of tables ([[{Table}.overrides]] with select and the options it changes)"),
        };

        foreach (var (table, index) in tables.Select((table, index) => (table, index + 1)))
        {
            var name = $"{_file} [[{Table}.overrides]] #{index}";
            if (!table.TryGetValue("select", out var select))
            {
                throw new ConfigException($"{name}: has no select; expected select = \"<patterns>\", such as \"cp313-*\"");
            }

            Check(Select, select, $"{name} select");
            var patterns = SelectorPatterns.Words(Text(select, Select));
            var values = new Dictionary<string, object>();
            var inherit = new Dictionary<string, InheritRule>();
            foreach (var (key, item) in table.Where(kv => kv.Key != "select"))
            {
                if (key == "inherit")
                {
                    ReadInherit(name, item, inherit);
                    continue;
                }

                var label = $"{name} {key}";
                var setting = Known(key, label);
                if (!setting.InOverrides)
                {
                    throw new ConfigException($"{label}: is not allowed in an override (cibuildwheel applies it to the whole run); expected it in [{Table}]");
                }

                Check(setting, item, label);
                if (declared.Any(option => option.Cibuildwheel?.Key == key) && !RunWide.Contains(key))
                {
                    values[key] = item;
                }
                else if (!setting.Elsewhere)
                {
                    Ignored.Add($"[[{Table}.overrides]] {key}");
                }
            }

            _overrides.Add(new CibuildwheelOverride(index, patterns, values, inherit, _file));
        }
    }

    private static void ReadInherit(string name, object value, Dictionary<string, InheritRule> inherit)
    {
        var table = value as TomlTable ?? throw new ConfigException($"{name} inherit: is {TomlText.Described(value)}; expected a table of option = \"none\", \"append\" or \"prepend\"");
        foreach (var (key, rule) in table)
        {
            var label = $"{name} inherit.{key}";
            var setting = Known(key, label);
            var parsed = rule is string text && Enum.TryParse<InheritRule>(text, ignoreCase: true, out var known) && text == text.ToLowerInvariant() ? known
                : throw new ConfigException($"{label}: '{rule}' is not accepted; expected none, append or prepend");
            inherit[key] = !setting.InOverrides ? throw new ConfigException($"{label}: {key} is not allowed in an override (cibuildwheel applies it to the whole run)")
                : parsed != InheritRule.None && setting.Separator is null ? throw new ConfigException($"{label}: cibuildwheel cannot join two values of {key}; expected none")
                : parsed;
        }
    }

    private static CibuildwheelOption Known(string key, string label) =>
        CibuildwheelOptions.Find(key) ?? throw new ConfigException($"{label}: unknown key (cibuildwheel refuses it too); expected one of {CibuildwheelOptions.TableKeys}");

    /// <summary>A value of a type cibuildwheel's schema does not allow is bad input, named with what it is and what is expected.</summary>
    private static void Check(CibuildwheelOption setting, object value, string label)
    {
        var shape = value switch
        {
            string => TomlShapes.String,
            TomlArray => TomlShapes.List,
            TomlTable => TomlShapes.Table,
            long => TomlShapes.Integer,
            bool => TomlShapes.Boolean,
            _ => (TomlShapes)0,
        };
        if ((setting.Shapes & shape) == 0)
        {
            throw new ConfigException($"{label}: is {TomlText.Described(value)}; expected {Expected(setting.Shapes)}");
        }

        var bad = value switch
        {
            TomlArray array => array.FirstOrDefault(item => item is not string),
            TomlTable table => table.Values.FirstOrDefault(item => item is not (string or long or bool or double) && !(item is TomlArray inner && inner.All(i => i is string))),
            _ => null,
        };
        if (bad is not null)
        {
            throw new ConfigException($"{label}: holds {TomlText.Described(bad)}; expected {(value is TomlArray ? "strings" : "strings (or lists of strings)")} in it");
        }
    }

    private static string Expected(TomlShapes shapes) => shapes switch
    {
        TomlShapes.StringOrList => "a string or a list of strings",
        TomlShapes.StringOrTable => "a string or a table",
        TomlShapes.Integer => "an integer",
        _ => "a string",
    };

    /// <summary>The value as cibuildwheel's text: a list joined with the option's separator, a table as NAME="VALUE" words.</summary>
    private static string Text(object value, CibuildwheelOption setting) => value switch
    {
        string text => text,
        TomlArray array => string.Join(setting.Separator ?? " ", array.Select(item => Convert.ToString(item, CultureInfo.InvariantCulture))),
        TomlTable table => string.Join(' ', table.SelectMany(kv => (kv.Value is TomlArray items ? items.Cast<object>() : [kv.Value]).Select(item => $"{kv.Key}=\"{Convert.ToString(item, CultureInfo.InvariantCulture)}\""))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
