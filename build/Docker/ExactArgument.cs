using System.Text;
using Cake.Core.IO;

namespace Wheelsmith.Docker;

/// <summary>
/// One argument that reaches the program byte for byte. Cake hands the process one argument
/// string, which .NET splits again with the MSVC rules; this quotes for exactly those rules, so
/// spaces, quotes, backslashes and semicolons survive and nothing is read by a shell.
/// </summary>
public sealed class ExactArgument(string value) : IProcessArgument
{
    public string Value { get; } = value;

    public string Render()
    {
        if (Value.Length > 0 && !Value.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\\' || c == '\''))
        {
            return Value;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in Value)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes are literal unless a quote follows them: then each one needs doubling.
            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    public string RenderSafe() => Render();

    public override string ToString() => Render();
}
