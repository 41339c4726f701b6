using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>The cells of the matrix, in the order they run: architectures, then CPythons.</summary>
public static class WheelPlan
{
    /// <summary>
    /// A cell per identifier selected, each with its own options (<see cref="BuildOptions.ForCell"/>: the
    /// run's, with the overrides that select it); cells the image turns out to lack are skipped.
    /// </summary>
    public static IReadOnlyList<WheelCell> Cells(BuildOptions options, CellSelection selection, BasePolicy policy, InvokingUser user, bool crossBuildsArm64, SourceEpoch sourceDate) =>
        [.. selection.Cells.Select(cell => new WheelCell(cell.Architecture, cell.CPython, options.ForCell(cell), policy, user, crossBuildsArm64 && cell.Architecture == Architecture.Arm64, sourceDate))];
}
