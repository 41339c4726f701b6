using System.Text;
using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>
/// cibuildwheel's selectors (build, skip, test-skip, an override's select): space-separated shell
/// patterns over identifiers such as cp313-manylinux_aarch64, each brace-expanded as bash (and
/// cibuildwheel's bracex) does, cp3{11,12}-* or cp314{,t}-*, then matched as Python's fnmatch
/// matches: * any run, ? one character, [abc] a set, [!abc] its complement, case-sensitive.
/// </summary>
public static class SelectorPatterns
{
    /// <summary>The words of a selector: a value is split on white space only, since a comma belongs to its braces.</summary>
    public static IReadOnlyList<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public static bool Matches(IReadOnlyList<string> patterns, string identifier) =>
        patterns.SelectMany(Expand).Any(pattern => Regex.IsMatch(identifier, Translate(pattern)));

    /// <summary>Brace expansion: {a,b} gives each alternative (nested ones too), {1..3} each number; a brace without either is literal.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '{')
            {
                continue;
            }

            var (close, alternatives) = Group(pattern, i);
            if (close < 0 || alternatives is null)
            {
                continue;
            }

            var prefix = pattern[..i];
            var suffix = pattern[(close + 1)..];
            return [.. alternatives.SelectMany(alternative => Expand(prefix + alternative + suffix))];
        }

        return [pattern];
    }

    // The group opened at `open`: where it closes and its alternatives (null: no comma and no range, so not a group).
    private static (int Close, IReadOnlyList<string>? Alternatives) Group(string pattern, int open)
    {
        var depth = 0;
        var commas = new List<int>();
        for (var i = open; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        var body = pattern[(open + 1)..i];
                        if (commas.Count > 0)
                        {
                            var starts = new[] { open + 1 }.Concat(commas.Select(c => c + 1)).ToList();
                            var ends = commas.Append(i).ToList();
                            return (i, [.. starts.Zip(ends, (start, end) => pattern[start..end])]);
                        }

                        return (i, Range(body));
                    }

                    break;
                case ',' when depth == 1:
                    commas.Add(i);
                    break;
            }
        }

        return (-1, null);
    }

    private static IReadOnlyList<string>? Range(string body)
    {
        var match = Regex.Match(body, @"^(-?\d+)\.\.(-?\d+)$");
        if (!match.Success)
        {
            return null;
        }

        var (from, to) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
        var step = from <= to ? 1 : -1;
        return [.. Enumerable.Range(0, Math.Abs(to - from) + 1).Select(n => (from + (n * step)).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    // As Python's fnmatch.translate: a set's leading ! negates it, a leading ] is literal, an unclosed [ is literal.
    private static string Translate(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                regex.Append(".*");
            }
            else if (c == '?')
            {
                regex.Append('.');
            }
            else if (c == '[' && SetEnd(pattern, i) is var end && end > 0)
            {
                var set = pattern[(i + 1)..end];
                var negated = set.StartsWith('!');
                set = negated ? set[1..] : set;
                regex.Append(negated ? "[^" : "[").Append(set.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal).Replace("]", @"\]", StringComparison.Ordinal)).Append(']');
                i = end;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }

    private static int SetEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '!')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        return pattern.IndexOf(']', i);
    }
}
