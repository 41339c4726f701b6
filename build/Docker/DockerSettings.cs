using System.Reflection;
using Cake.Core.Tooling;

namespace Wheelsmith.Docker;

/// <summary>
/// Base of every docker verb's settings. The public properties a subclass declares become the
/// verb's options: a property named <c>BuildArg</c> is <c>--build-arg</c>; a bool is a flag; a
/// list or a dictionary repeats the option once per item.
/// </summary>
public abstract class DockerSettings : ToolSettings
{
    /// <summary>The docker command words, such as <c>image inspect</c>.</summary>
    internal abstract string[] Command { get; }

    /// <summary>A copy whose lists and dictionaries are its own, so that adjusting it leaves this one as it was.</summary>
    internal DockerSettings Copy()
    {
        var copy = (DockerSettings)MemberwiseClone();
        foreach (var field in GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            switch (field.GetValue(this))
            {
                case List<string> items:
                    field.SetValue(copy, new List<string>(items));
                    break;
                case Dictionary<string, string> pairs:
                    field.SetValue(copy, new Dictionary<string, string>(pairs));
                    break;
            }
        }

        return copy;
    }
}
