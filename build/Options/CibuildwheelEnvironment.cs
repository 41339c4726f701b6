using System.Text;
using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// cibuildwheel's environment setting, as NAME=VALUE items for --env: a string of assignments in
/// its shell-like syntax (A=1 B="$A/x" C='$literal') or a table. A value may refer to a variable
/// assigned before it; a reference to anything else (say $PATH, known only in the container) is
/// an error rather than a guess.
/// </summary>
public static partial class CibuildwheelEnvironment
{
    public static IReadOnlyList<string> Parse(object value, string label)
    {
        var assignments = value switch
        {
            TomlTable table => table.Select(kv => (kv.Key, TomlText.Texts(kv.Value, label).Single(), true)).ToList(),
            _ => Assignments(string.Join(' ', TomlText.Texts(value, label)), label),
        };

        var known = new Dictionary<string, string>();
        foreach (var (name, raw, expand) in assignments)
        {
            known[name] = expand ? Expand(raw, known, label) : raw;
        }

        return known.Select(kv => $"{kv.Key}={kv.Value}").ToList();
    }

    // Words of NAME=VALUE, with '…' (literal) and "…" (references expanded) quoting, as a shell reads them.
    private static List<(string Name, string Value, bool Expand)> Assignments(string text, string label)
    {
        var result = new List<(string, string, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var equals = text.IndexOf('=', i);
            var name = equals < 0 ? string.Empty : text[i..equals];
            if (!NamePattern().IsMatch(name))
            {
                throw new ConfigException($"{label}: '{text[i..].Split(' ')[0]}' is not an assignment; expected NAME=VALUE items such as A=1 B=\"$A/x\"");
            }

            i = equals + 1;
            var value = new StringBuilder();
            var expand = true;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                if (text[i] is '\'' or '"')
                {
                    var quote = text[i];
                    var end = text.IndexOf(quote, i + 1);
                    if (end < 0)
                    {
                        throw new ConfigException($"{label}: the {quote} quote after {name}= is not closed");
                    }

                    // A single-quoted part is literal: marked so that expansion leaves it alone.
                    value.Append(quote == '\'' ? text[(i + 1)..end].Replace("$", "\u0000", StringComparison.Ordinal) : text[(i + 1)..end]);
                    i = end + 1;
                }
                else
                {
                    value.Append(text[i++]);
                }
            }

            result.Add((name, value.ToString(), expand));
        }

        return result;
    }

    private static string Expand(string raw, IReadOnlyDictionary<string, string> known, string label) =>
        ReferencePattern().Replace(raw, match =>
        {
            var name = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
            return known.TryGetValue(name, out var value)
                ? value
                : throw new ConfigException($"{label}: refers to ${name}, which is not assigned before it there; expected references to earlier assignments only (write other values out)");
        }).Replace('\u0000', '$');

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ReferencePattern();
}
