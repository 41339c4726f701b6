using Cake.Core;
using LibGit2Sharp;
using Wheelsmith.Docker;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Wheels;

namespace Wheelsmith;

/// <summary>
/// What every task shares: the validated options, the paths, and what earlier tasks found.
/// Constructed for --tree and --dryrun too, so the constructor only parses.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    private readonly Lazy<string> _revision;
    private readonly List<WheelResult> _results = [];
    private string? _engineVersion;
    private IReadOnlyList<WheelCell>? _cells;
    private CellScheduler? _scheduler;
    private IReadOnlyDictionary<string, string>? _containerLabels;
    private ImageInventory? _inventory;
    private readonly Lazy<Wheels.Progress.CellConsole> _cellConsole;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        Paths = BuildPaths.Discover();
        Options = BuildOptions.Parse(context.Arguments, Paths, context.Environment.WorkingDirectory.FullPath, context.Environment.GetEnvironmentVariable);
        _revision = new Lazy<string>(() => ReadRevision(Paths.RepositoryRoot));
        _cellConsole = new Lazy<Wheels.Progress.CellConsole>(() => Wheels.Progress.CellConsole.For(this));
    }

    public BuildOptions Options { get; }

    /// <summary>The task asked for (--target), as given.</summary>
    public string Target => Arguments.GetArguments("target").FirstOrDefault() ?? "Default";

    /// <summary>Whether the target runs cells, and so writes to --output.</summary>
    public bool BuildsWheels => Target.Equals("Default", StringComparison.OrdinalIgnoreCase) || Target.Equals(Tasks.WheelsTask.Name, StringComparison.OrdinalIgnoreCase)
        || Target.StartsWith("BuildWheel[", StringComparison.OrdinalIgnoreCase);

    public BuildPaths Paths { get; }

    /// <summary>The commit of this repository, for the images' org.opencontainers.image.revision label.</summary>
    public string Revision => _revision.Value;

    /// <summary>Set by PrepareQemu when the binfmt handler lacks the F flag: the emulator the arm image must carry.</summary>
    public string? QemuInterpreterToStage { get; set; }

    /// <summary>Where each architecture's cells build, as the image tasks made it ready.</summary>
    public Dictionary<Architecture, BuiltImage> BuildImages { get; } = [];

    /// <summary>Where each architecture's cells are tested: the build image, or for cross builds the aarch64 test image.</summary>
    public Dictionary<Architecture, BuiltImage> TestImages { get; } = [];

    /// <summary>Every image made ready, once each.</summary>
    public IEnumerable<BuiltImage> Images => BuildImages.Values.Concat(TestImages.Values).DistinctBy(image => image.Reference);

    /// <summary>Whether both of a cell's images are ready; null while one is not made yet.</summary>
    public bool? HasImagesFor(WheelCell cell) =>
        BuildImages.TryGetValue(cell.Architecture, out var build) && TestImages.TryGetValue(cell.Architecture, out var test)
            ? build.CPythons.Contains(cell.CPython) && test.CPythons.Contains(cell.CPython)
            : null;

    /// <summary>What before-all sees: the architecture, and for a cross build the aarch64 toolchain (not the CPython-specific variables).</summary>
    public IReadOnlyList<string> BeforeAllEnvironment(Architecture architecture) =>
        [$"ARCH={architecture.Name}", .. Cells.FirstOrDefault(c => c.Architecture == architecture)?.CrossEnvironment
            .Where(kv => !kv.Key.StartsWith("_PYTHON", StringComparison.Ordinal)).Select(kv => $"{kv.Key}={kv.Value}") ?? [], .. Options.Environment];

    /// <summary>The matrix, planned from the options at start-up: one BuildWheel task per cell.</summary>
    public IReadOnlyList<WheelCell> Cells => _cells ??= WheelPlan.Cells(Options, InvokingUser.Current(Environment.GetEnvironmentVariable));

    /// <summary>Names this run's containers, so that two runs never collide.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>On every container of this run: the tool, the run, and the host and process that can remove it.</summary>
    public IReadOnlyDictionary<string, string> ContainerLabels => _containerLabels ??= new Dictionary<string, string>
    {
        [ToolLabels.Tool] = ToolLabels.ToolName,
        [ToolLabels.Run] = RunId,
        [ToolLabels.Host] = System.Net.Dns.GetHostName(),
        [ToolLabels.Pid] = System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Held from the first cell to the end of the run: no other run writes to --output meanwhile.</summary>
    public OutputLock? OutputLock { get; set; }

    /// <summary>Watches Ctrl+C and SIGTERM once the preflight passed.</summary>
    public Host.Interruption? Interruption { get; set; }

    public bool Interrupted => Interruption?.Happened == true;

    /// <summary>The containers and staging folders in use now: what an interruption removes.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte> ActiveContainers { get; } = new();

    public System.Collections.Concurrent.ConcurrentDictionary<string, byte> ActiveStaging { get; } = new();

    /// <summary>Where the cells are shown: a live view, GitHub's groups, or prefixed lines.</summary>
    public Wheels.Progress.CellConsole CellConsole => _cellConsole.Value;

    /// <summary>Runs the cells, --jobs at a time.</summary>
    public CellScheduler Scheduler => _scheduler ??= new CellScheduler(this);

    /// <summary>What each cell did, in the order the cells finished.</summary>
    public IReadOnlyList<WheelResult> Results => _results;

    public WheelResult Record(WheelResult result)
    {
        lock (_results)
        {
            _results.Add(result);
        }

        return result;
    }

    /// <summary>The images the engine holds, read once per run.</summary>
    public ImageInventory Inventory => _inventory ??= new ImageInventory(this);

    /// <summary>Set when the engine stopped answering during the cells.</summary>
    public bool EngineLost { get; set; }

    /// <summary>Whether the engine answers now (a failed cell asks, to tell a dead engine from a failed build).</summary>
    public bool EngineAnswers()
    {
        try
        {
            _ = this.DockerEngineVersion();
            return true;
        }
        catch (CakeException)
        {
            return false;
        }
    }

    /// <summary>Checks once per run that an engine answers.</summary>
    public string EngineVersion => _engineVersion ??= this.DockerEngineVersion();

    private static string ReadRevision(string root)
    {
        var gitDirectory = Repository.Discover(root);
        if (gitDirectory is null)
        {
            return "unknown";
        }

        using var repository = new Repository(gitDirectory);
        return repository.Head.Tip?.Sha ?? "unknown";
    }
}
