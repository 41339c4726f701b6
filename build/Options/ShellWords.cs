using System.Text;

namespace Wheelsmith.Options;

/// <summary>
/// Shell-like words, as cibuildwheel reads its option strings (Python's shlex in POSIX mode): split on
/// unquoted white space, '…' literal, "…" and \ escaping, the quotes removed. Each word's raw text
/// (quotes kept, for a shell to read again) is kept too: an environment assignment is evaluated by
/// the container's shell, not here.
/// </summary>
public static class ShellWords
{
    /// <summary>The words with their quotes removed (config-settings, build-frontend's args, test-sources).</summary>
    public static IReadOnlyList<string> Split(string text, string option) => Words(text, option).Select(word => word.Unquoted).ToList();

    /// <summary>Each word's raw text and its unquoted text; $(…) and `…` stay within one word, as in a shell.</summary>
    public static IReadOnlyList<(string Raw, string Unquoted)> Words(string text, string option)
    {
        var words = new List<(string, string)>();
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

            var start = i;
            var unquoted = new StringBuilder();
            var depth = 0;
            while (i < text.Length && (depth > 0 || !char.IsWhiteSpace(text[i])))
            {
                var c = text[i];
                switch (c)
                {
                    case '\'':
                        var end = text.IndexOf('\'', i + 1);
                        unquoted.Append(end < 0 ? throw Unclosed(option, text, '\'') : text[(i + 1)..end]);
                        i = end + 1;
                        continue;
                    case '"':
                        i = DoubleQuoted(text, i + 1, unquoted, option);
                        continue;
                    case '\\' when i + 1 < text.Length:
                        unquoted.Append(text[i + 1]);
                        i += 2;
                        continue;
                    case '$' when i + 1 < text.Length && text[i + 1] == '(':
                        depth++;
                        unquoted.Append("$(");
                        i += 2;
                        continue;
                    case ')' when depth > 0:
                        depth--;
                        break;
                }

                unquoted.Append(c);
                i++;
            }

            if (depth > 0)
            {
                throw Unclosed(option, text, '(');
            }

            words.Add((text[start..i], unquoted.ToString()));
        }

        return words;
    }

    /// <summary>A word quoted for <see cref="Split"/> (and a shell) to read back whole.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // Inside "…": \ escapes only what the shell lets it escape there; returns the index after the closing quote.
    private static int DoubleQuoted(string text, int i, StringBuilder unquoted, string option)
    {
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                i++;
            }

            unquoted.Append(text[i++]);
        }

        return i < text.Length ? i + 1 : throw Unclosed(option, text, '"');
    }

    private static OptionException Unclosed(string option, string text, char quote) =>
        OptionException.Rejected(option, text, $"shell words whose {quote} is closed");
}
