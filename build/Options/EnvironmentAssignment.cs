using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Wheelsmith.Options;

/// <summary>
/// One assignment of cibuildwheel's environment or test-environment: NAME and its value as shell
/// text (B="$A/x", PATH=$PATH:/opt/x/bin, STAMP=$(uname -m)). The text is evaluated by the shell of
/// the container the step runs in, in order, each seeing those before it (<see cref="Plan.EnvironmentScript"/>);
/// here it is only split and its name checked.
/// </summary>
public sealed partial record EnvironmentAssignment(string Name, string Shell)
{
    /// <summary>Build variables an assignment may still set, as cibuildwheel lets it: the search path and the home.</summary>
    private static readonly string[] Settable = ["PATH", "HOME"];

    /// <summary>cibuildwheel's assignment string, NAME=VALUE words as a shell reads them; a build variable other than PATH and HOME is refused.</summary>
    public static IReadOnlyList<EnvironmentAssignment> Parse(string option, string text) =>
        ShellWords.Words(text, option).Select(word =>
        {
            var equals = word.Raw.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : word.Raw[..equals];
            if (!NamePattern().IsMatch(name))
            {
                throw OptionException.Rejected(option, word.Raw, "NAME=VALUE assignments as a shell reads them, such as A=1 B=\"$A/x\" PATH=\"$PATH:/opt/x/bin\"");
            }

            return BuildOptions.BuildVariables.Contains(name) && !Settable.Contains(name)
                ? throw new OptionException(option, $"'{name}' is set by the build itself; expected another name (PATH and HOME may be set)")
                : new EnvironmentAssignment(name, word.Raw[(equals + 1)..]);
        }).ToList();

    /// <summary>A TOML table of NAME = "VALUE" as cibuildwheel writes it into its string: NAME="VALUE", the value still shell text.</summary>
    public static IReadOnlyList<string?> FromToml(object value, string label) => value is TomlTable table
        ? [string.Join(' ', table.Select(kv => $"{kv.Key}=\"{TomlText.Texts(kv.Value, $"{label}.{kv.Key}").Single()}\""))]
        : [string.Join(' ', TomlText.Texts(value, label))];

    /// <summary>Only the names: the values may be secrets.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<EnvironmentAssignment> assignments) => assignments.Select(a => a.Name).ToList();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
