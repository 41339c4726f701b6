using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>The cells of the matrix, in the order they run: architectures, then CPythons.</summary>
public static class WheelPlan
{
    /// <summary>
    /// With --cpython=all a cell per CPython the base declares; cells the image turns out to lack are
    /// skipped. With --only exactly the cells named.
    /// </summary>
    public static IReadOnlyList<WheelCell> Cells(BuildOptions options, BasePolicy policy, InvokingUser user, bool crossBuildsArm64, SourceEpoch sourceDate) =>
        options.Architectures
            .SelectMany(architecture => (options.CPythons ?? policy.CPythons).Select(cpython =>
                new WheelCell(architecture, cpython, options, policy, user, crossBuildsArm64 && architecture == Architecture.Arm64, sourceDate)))
            .Where(cell => options.Only?.Contains(cell.Identifier) != false && options.Selectors?.Selects(cell.Identifier) != false)
            .ToList();
}
