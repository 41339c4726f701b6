using Cake.Core;
using System.Collections;
using System.Reflection;
using System.Text;
using Cake.Core.IO;

namespace Wheelsmith.Docker;

/// <summary>Turns a settings object and the positional values into docker's argument list.</summary>
public static class DockerArguments
{
    public static ProcessArgumentBuilder Build(DockerSettings settings, IEnumerable<string> positionals)
    {
        var builder = new ProcessArgumentBuilder();
        foreach (var word in settings.Command)
        {
            builder.Append(word);
        }

        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.DeclaringType != typeof(DockerSettings) && p.DeclaringType!.IsSubclassOf(typeof(DockerSettings)))
                     .OrderBy(p => p.MetadataToken))
        {
            var option = "--" + Kebab(property.Name);
            foreach (var value in Values(property.GetValue(settings)))
            {
                builder.Append(option);
                if (value is not null)
                {
                    builder.Append(new ExactArgument(value));
                }
            }
        }

        foreach (var positional in positionals)
        {
            builder.Append(new ExactArgument(positional));
        }

        return builder;
    }

    /// <summary>The argument list as the program receives it, one string per argument.</summary>
    public static IReadOnlyList<string> ToList(ProcessArgumentBuilder builder) =>
        builder.Select(a => a is ExactArgument exact ? exact.Value : a.Render()).ToList();

    // Each yielded item is one occurrence of the option; null means a bare flag.
    private static IEnumerable<string?> Values(object? value)
    {
        switch (value)
        {
            case null or false:
                yield break;
            case true:
                yield return null;
                break;
            case string text:
                yield return text;
                break;
            case IDictionary<string, string> pairs:
                foreach (var (key, item) in pairs)
                {
                    yield return $"{key}={item}";
                }

                break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    yield return item.ToString();
                }

                break;
            default:
                yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
    }

    private static string Kebab(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
