namespace Wheelsmith.Plan.Requirements;

/// <summary>
/// A PEP 508 environment marker (python_version &lt; "3.11" and sys_platform == "linux"), parsed once and
/// evaluated for one environment: version operators compare as PEP 440 versions where both sides are
/// versions, otherwise as strings; "in" and "not in" test for a substring.
/// </summary>
public sealed class Marker
{
    private static readonly string[] Variables =
    [
        "python_version", "python_full_version", "os_name", "sys_platform", "platform_release", "platform_system", "platform_version",
        "platform_machine", "platform_python_implementation", "implementation_name", "implementation_version", "extra",
    ];

    // The names before PEP 508, still found in old metadata.
    private static readonly Dictionary<string, string> Legacy = new()
    {
        ["os.name"] = "os_name", ["sys.platform"] = "sys_platform", ["platform.version"] = "platform_version", ["platform.machine"] = "platform_machine",
        ["platform.python_implementation"] = "platform_python_implementation", ["python_implementation"] = "platform_python_implementation",
    };

    private readonly Func<IReadOnlyDictionary<string, string>, bool> _evaluate;

    private Marker(string text, Func<IReadOnlyDictionary<string, string>, bool> evaluate) => (Text, _evaluate) = (text, evaluate);

    public string Text { get; }

    public bool Evaluate(IReadOnlyDictionary<string, string> environment) => _evaluate(environment);

    /// <summary>The marker, or null when the text is not one.</summary>
    public static Marker? Parse(string text)
    {
        var tokens = Tokens(text);
        if (tokens is null)
        {
            return null;
        }

        var position = 0;
        var evaluate = Or(tokens, ref position);
        return evaluate is not null && position == tokens.Count ? new Marker(text.Trim(), evaluate) : null;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? Or(List<string> tokens, ref int position)
    {
        var left = And(tokens, ref position);
        while (left is not null && position < tokens.Count && tokens[position] == "or")
        {
            position++;
            var (first, right) = (left, And(tokens, ref position));
            left = right is null ? null : environment => first(environment) || right(environment);
        }

        return left;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? And(List<string> tokens, ref int position)
    {
        var left = Atom(tokens, ref position);
        while (left is not null && position < tokens.Count && tokens[position] == "and")
        {
            position++;
            var (first, right) = (left, Atom(tokens, ref position));
            left = right is null ? null : environment => first(environment) && right(environment);
        }

        return left;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? Atom(List<string> tokens, ref int position)
    {
        if (position < tokens.Count && tokens[position] == "(")
        {
            position++;
            var inner = Or(tokens, ref position);
            if (inner is null || position >= tokens.Count || tokens[position] != ")")
            {
                return null;
            }

            position++;
            return inner;
        }

        if (position + 3 > tokens.Count)
        {
            return null;
        }

        var (left, op, right) = (Value(tokens[position]), tokens[position + 1], Value(tokens[position + 2]));
        position += 3;
        if (left is null || right is null || op is not ("<" or "<=" or ">" or ">=" or "==" or "!=" or "~=" or "===" or "in" or "not in"))
        {
            return null;
        }

        return environment => Compare(left(environment), op, right(environment));
    }

    // A quoted string, or a variable read from the environment (the empty string when the environment lacks it).
    private static Func<IReadOnlyDictionary<string, string>, string>? Value(string token)
    {
        if (token.Length >= 2 && token[0] is '"' or '\'' && token[^1] == token[0])
        {
            var literal = token[1..^1];
            return _ => literal;
        }

        var name = Legacy.GetValueOrDefault(token, token);
        return Variables.Contains(name) ? environment => environment.GetValueOrDefault(name, string.Empty) : null;
    }

    private static bool Compare(string left, string op, string right)
    {
        if (op is "in" or "not in")
        {
            return right.Contains(left, StringComparison.Ordinal) == (op == "in");
        }

        if (VersionSpecifier.ParseList(op + right) is [var clause] && PythonVersion.Parse(left) is { } version)
        {
            return clause.Fits(version);
        }

        return op switch
        {
            "==" or "===" => left == right,
            "!=" => left != right,
            _ => false,
        };
    }

    // Strings, parentheses, operators, and words (variables, and, or, in, not in).
    private static List<string>? Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    return null;
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if ("<>=!~".Contains(c))
            {
                var start = i;
                while (i < text.Length && "<>=!~".Contains(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                var word = text[start..i];
                if (word == "in" && tokens.Count > 0 && tokens[^1] == "not")
                {
                    tokens[^1] = "not in";
                }
                else
                {
                    tokens.Add(word);
                }
            }
            else
            {
                return null;
            }
        }

        return tokens;
    }
}
