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
            : throw new ConfigException($"{label}: a list item is a {TypeName(item)}; expected strings")).ToList(),
        _ => throw new ConfigException($"{label}: is a {TypeName(value)}; expected a string, a number, true/false or a list of strings"),
    };

    private static string TypeName(object? value) => value switch
    {
        TomlTable => "table",
        TomlArray => "list",
        TomlTableArray => "list of tables",
        null => "nothing",
        _ => value.GetType().Name.ToLowerInvariant(),
    };
}
