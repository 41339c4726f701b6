using System.Reflection;
using Wheelsmith.Frosting.Internal;

namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// Marks a target whose standard output is its result, for a script to capture: its log is quiet,
/// errors only (on standard error), with no task headers or summary.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OutputTargetAttribute : Attribute;

/// <summary>The names of the tasks marked <see cref="OutputTargetAttribute"/>.</summary>
public sealed class OutputTargets(IReadOnlyList<string> targets)
{
    public static OutputTargets Of(IEnumerable<Type> taskTypes) =>
        new([.. taskTypes.Where(type => type.GetCustomAttribute<OutputTargetAttribute>() is not null).Select(TaskNames.Of)]);

    public bool Contains(string target) => targets.Contains(target, StringComparer.OrdinalIgnoreCase);
}
