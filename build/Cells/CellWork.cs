using Cake.Core;
using Wheelsmith.Cells.Progress;
using Wheelsmith.Docker;
using Wheelsmith.Plan;

namespace Wheelsmith.Cells;

/// <summary>What running a cell needs of the run: Cake (to run the engine), the plan, the run's resources, where cells are shown, and whether --fail-fast stopped the run.</summary>
public sealed record CellWork(ICakeContext Cake, RunPlan Plan, RunResources Resources, CellConsole Console, Func<bool> Stopped);
