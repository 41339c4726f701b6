using System.Globalization;
using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>A project file's TOML values as option text; a value of another shape is bad input, named by its label.</summary>
public static class TomlText
{
    /// <summary>A string, a number, a boolean, or an array of those (one text each).</summary>
    public static IReadOnlyList<string> Texts(object? value, string label) => value switch
    {
        string text => [text],
        bool flag => [flag ? "true" : "false"],
        long or double => [Convert.ToString(value, CultureInfo.InvariantCulture)!],
        TomlArray array => array.Select(item => item is string or bool or long or double ? Texts(item, label)[0]
            : throw new ConfigException($"{label}: a list item is {Described(item)}; expected strings")).ToList(),
        _ => throw new ConfigException($"{label}: is {Described(value)}; expected a string, a number, true/false or a list of strings"),
    };

    /// <summary>What a value is, for an error: "a table", "an integer (5)".</summary>
    public static string Described(object? value) => value switch
    {
        string text => $"a string ('{text}')",
        long number => $"an integer ({number})",
        double number => $"a float ({number.ToString(CultureInfo.InvariantCulture)})",
        bool flag => $"a boolean ({(flag ? "true" : "false")})",
        TomlTable => "a table",
        TomlArray => "a list",
        TomlTableArray => "a list of tables",
        null => "nothing",
        _ => "a date",
    };
}
