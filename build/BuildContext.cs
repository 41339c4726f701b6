using Cake.Core;
using Wheelsmith.Cells;
using Wheelsmith.Cells.Progress;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith;

/// <summary>
/// What every task is given: the run plan (made once from the options; read-only) and the run's state,
/// each piece written in one way only: images the image tasks made ready, the containers and folders
/// in use, the cells' outcomes. Collaborators get the pieces they use and Cake's own context, never
/// this one. Constructed for
/// --tree and --dryrun too, so the constructor only parses and plans; the services are made when first used.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    private readonly Lazy<string> _engineVersion;
    private readonly Lazy<ImageInventory> _inventory;
    private readonly Lazy<ImageWork> _imageWork;
    private readonly Lazy<CellScheduler> _cells;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        var environment = context.Environment.GetEnvironmentVariable;
        var paths = BuildPaths.Discover();
        Plan = ExitCodes.Kept(() =>
        {
            var options = BuildOptions.Parse(context.Arguments, paths, context.Environment.WorkingDirectory.FullPath, environment, context.Environment.GetEnvironmentVariables().Keys);
            return RunPlan.Make(context.Arguments.GetArguments("target").FirstOrDefault() ?? "Default", options, paths, InvokingUser.Current(environment), environment, new GitFacts(context));
        });
        Images = new ImageSet(Plan.Images);
        Outcomes = new CellOutcomes(Plan.Cells);
        Interruption = new Interruption(context, Resources);
        _engineVersion = new(context.DockerEngineVersion);
        _inventory = new(() => new ImageInventory(context));
        _imageWork = new(() => new ImageWork(context, Plan, Inventory, Resources));
        _cells = new(() => new CellScheduler(context, Plan, Images, Resources, Outcomes, CellConsole.For(context)));
    }

    public RunPlan Plan { get; }

    public BuildOptions Options => Plan.Options;

    /// <summary>Where each architecture's cells build and are tested, as the image tasks made them ready.</summary>
    public ImageSet Images { get; }

    /// <summary>The containers and staging folders in use now: what an interruption removes.</summary>
    public RunResources Resources { get; } = new();

    /// <summary>What each cell did, in the plan's order.</summary>
    public CellOutcomes Outcomes { get; }

    /// <summary>Held from the preflight to the end of a run that writes wheels: no other run writes to --output meanwhile.</summary>
    public OutputLock OutputLock { get; } = new();

    /// <summary>Watches Ctrl+C and SIGTERM once the preflight passed.</summary>
    public Interruption Interruption { get; }

    /// <summary>Checks once per run that an engine answers.</summary>
    public string EngineVersion => _engineVersion.Value;

    /// <summary>The images the engine holds, read once per run.</summary>
    public ImageInventory Inventory => _inventory.Value;

    /// <summary>Makes the planned images (the image tasks' work).</summary>
    public ImageWork ImageWork => _imageWork.Value;

    /// <summary>Runs the cells, --jobs at a time.</summary>
    public CellScheduler Cells => _cells.Value;
}
