using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>What the options put into the containers: shell commands and --env variables.</summary>
public static partial class CommandOptions
{
    public static string Command(string option, string text) =>
        text.Trim().Length > 0 ? text : throw OptionException.Rejected(option, text, "a shell command");

    /// <summary>Instead of auditwheel repair: a command that names the wheel it repairs; "" (as in cibuildwheel) means none, the built wheel kept as it is.</summary>
    public static string RepairCommand(string option, string text) =>
        text.Trim().Length == 0 || text.Contains("{wheel}", StringComparison.Ordinal)
            ? text.Trim()
            : throw OptionException.Rejected(option, text, "a command naming {wheel}, such as \"auditwheel repair -w {dest_dir} {wheel}\", or \"\" for none");

    /// <summary>The test command; "" means none, as in cibuildwheel.</summary>
    public static string? TestCommand(string text) => text.Trim().Length > 0 ? text : null;

    /// <summary>
    /// cibuildwheel's audit-command: commands joined by " &amp;&amp; ", each naming {wheel} (every wheel) or
    /// {abi3_wheel} (abi3 wheels only), not both; "" means none.
    /// </summary>
    public static string? AuditCommand(string option, string text)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }

        foreach (var command in AuditCommands(text))
        {
            var wheel = command.Contains("{wheel}", StringComparison.Ordinal);
            var abi3 = command.Contains("{abi3_wheel}", StringComparison.Ordinal);
            if (wheel == abi3)
            {
                throw OptionException.Rejected(option, command, "commands each naming either {wheel} or {abi3_wheel} (only abi3 wheels), joined by ' && ', or \"\" for none");
            }
        }

        return text;
    }

    /// <summary>The audit's commands, each run on its own as cibuildwheel runs them.</summary>
    public static IReadOnlyList<string> AuditCommands(string text) => text.Split(" && ", StringSplitOptions.TrimEntries);

    /// <summary>cibuildwheel's word lists (test-extras, test-groups): split on the separator and on white space, empty words dropped.</summary>
    public static IReadOnlyList<string> Words(string text, char separator) =>
        text.Split([separator, ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// test-requires as cibuildwheel splits it (shlex): on white space, but not inside '...' or "..." (where \ escapes " and \),
    /// so that a requirement with a marker is one word: "pytest 'numpy; python_version < \"3.12\"'". Null when a quote is not closed.
    /// </summary>
    public static IReadOnlyList<string>? ShellWords(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != c)
                {
                    if (c == '"' && text[end] == '\\' && end + 1 < text.Length && text[end + 1] is '"' or '\\')
                    {
                        end++;
                    }

                    word.Append(text[end++]);
                }

                if (end >= text.Length)
                {
                    return null;
                }

                i = end;
            }
            else
            {
                word.Append(c == '\\' && i + 1 < text.Length ? text[++i] : c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>A TOML string as it is, or a list's items quoted into one text of shell words.</summary>
    public static string ShellWordsOf(object value, string label) =>
        value is string text ? text : string.Join(' ', TomlText.Texts(value, label).Select(ShellQuote));

    /// <summary>A word as shlex.quote writes it, so that <see cref="ShellWords"/> gives it back whole.</summary>
    public static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "@%+=:,./-_<>!~[]".Contains(c)) ? word : "'" + word.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    /// <summary>--env items as docker's --env takes them: NAME (this environment's value, which must be set) or NAME=VALUE.</summary>
    public static IReadOnlyList<string> Environment(string option, IReadOnlyList<string?> items, Func<string, string?> environment) =>
        items.Select(item =>
        {
            var name = (item ?? string.Empty).Split('=', 2)[0];
            if (!EnvironmentNamePattern().IsMatch(name))
            {
                throw OptionException.Rejected(option, item ?? string.Empty, "NAME (passes this environment's value) or NAME=VALUE, NAME of letters, digits and _");
            }

            if (BuildOptions.BuildVariables.Contains(name))
            {
                throw new OptionException(option, $"'{name}' is set by the build itself; expected another name");
            }

            return item!.Contains('=') || environment(name) is not null
                ? item
                : throw new OptionException(option, $"'{name}' is not set in this environment; expected NAME=VALUE or an exported NAME");
        }).ToList();

    /// <summary>environment-pass: variable names; the build's own are refused, as for --env.</summary>
    public static IReadOnlyList<string> PassedNames(string option, IReadOnlyList<string> names) =>
        names.Select(name => !EnvironmentNamePattern().IsMatch(name)
            ? throw OptionException.Rejected(option, name, "variable names of letters, digits and _")
            : BuildOptions.BuildVariables.Contains(name)
                ? throw new OptionException(option, $"'{name}' is set by the build itself; expected another name")
                : name).ToList();

    /// <summary>config-settings: KEY=VALUE items (KEY alone passes an empty value, as build's -C does).</summary>
    public static IReadOnlyList<string> ConfigSettings(string option, IReadOnlyList<string> items) =>
        items.Select(item => item.Length > 0 && item[0] != '=' ? item : throw OptionException.Rejected(option, item, "KEY=VALUE settings for the build backend")).ToList();

    /// <summary>A [tool.wheelsmith] env: a table of NAME = "VALUE" reads naturally in TOML; a list takes docker's NAME or NAME=VALUE.</summary>
    public static IReadOnlyList<string?> FromWheelsmith(object value, string label) => value is Tomlyn.Model.TomlTable variables
        ? variables.Select(kv => $"{kv.Key}={TomlText.Texts(kv.Value, $"{label}.{kv.Key}").Single()}").ToList()
        : [.. TomlText.Texts(value, label)];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();
}
