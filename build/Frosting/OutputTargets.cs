namespace Wheelsmith.Frosting;

/// <summary>The targets registered with <see cref="CakeHostExtensions.UseOutputTargets"/>.</summary>
public sealed class OutputTargets(IReadOnlyList<string> targets)
{
    public bool Contains(string target) => targets.Contains(target, StringComparer.OrdinalIgnoreCase);
}
