using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>
/// What this run will do, worked out once from the options before any task runs, and never changed:
/// the cells, the images they need and which tasks make them, what the host must provide, and the
/// facts tasks and steps ask about (QEMU needed, arm64 cross-built). Tasks ask the plan
/// (<c>ShouldRun =&gt; context.Plan…</c>); nothing works these out again. Cheap to make: no git,
/// no engine, no file walk (it is made for --tree and --dryrun too).
/// </summary>
public sealed record RunPlan
{
    /// <summary>The task asked for (--target), as given.</summary>
    public required string Target { get; init; }

    public required BuildOptions Options { get; init; }

    public required BuildPaths Paths { get; init; }

    /// <summary>The defaults that follow from --base.</summary>
    public required BasePolicy Policy { get; init; }

    /// <summary>Who asked for the build: the steps run as this user and the output belongs to them.</summary>
    public required InvokingUser User { get; init; }

    /// <summary>Names this run's containers, so that two runs never collide.</summary>
    public required string RunId { get; init; }

    /// <summary>On every container of this run: the tool, the run, and the host and process that can remove it.</summary>
    public required IReadOnlyDictionary<string, string> ContainerLabels { get; init; }

    /// <summary>The matrix, in the order the cells run: one BuildWheel task per cell.</summary>
    public required IReadOnlyList<WheelCell> Cells { get; init; }

    /// <summary>Every image the cells need, in the order the image tasks make them.</summary>
    public required IReadOnlyList<PlannedImage> Images { get; init; }

    /// <summary>arm64 is built on a host that is not aarch64: QEMU user emulation must run aarch64 programs.</summary>
    public required bool NeedsQemu { get; init; }

    /// <summary>arm64 wheels are cross-built natively in the x86_64 cross image; only their test runs under QEMU.</summary>
    public required bool CrossBuildsArm64 { get; init; }

    /// <summary>What every cell builds and repairs with as SOURCE_DATE_EPOCH.</summary>
    public required SourceEpoch SourceDate { get; init; }

    /// <summary>The commit of this repository, for the images' revision label and the report; read when first needed.</summary>
    public required Lazy<string> Revision { get; init; }

    /// <summary>What the options and the selection said once for the user (an architecture or a musllinux build not made here, a variable not acted on).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>What this host must provide (engine, QEMU, debootstrap, mmdebstrap), checked without starting a process.</summary>
    public required IReadOnlyList<HostRequirement> HostNeeds { get; init; }

    /// <summary>The tasks that make the planned images, each once, in plan order.</summary>
    public IReadOnlyList<string> ImageTasks => [.. Images.Select(image => image.Task).Distinct()];

    /// <summary>The images one task makes.</summary>
    public IReadOnlyList<PlannedImage> ImagesOf(string task) => [.. Images.Where(image => image.Task == task)];

    /// <summary>
    /// The cell <paramref name="cell"/> waits for before it starts: the first of its architecture, whose wheel the others test
    /// instead of building their own when their CPython accepts it (abi3, as cibuildwheel reuses one, most often built on the
    /// lowest CPython). Null for that first cell. Only the first: waiting for every earlier cell would build one CPython at a time.
    /// </summary>
    public WheelCell? WaitsFor(WheelCell cell) => Cells.First(c => c.Architecture == cell.Architecture) is var first && first != cell ? first : null;

    /// <summary>The plan of a run; <paramref name="git"/> is asked only when a fact of it is first needed.</summary>
    public static RunPlan Make(string target, BuildOptions options, BuildPaths paths, InvokingUser user, Func<string, string?> environment, GitFacts git)
    {
        var policy = BasePolicy.For(options);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var selection = CellSelection.Of(options, policy);
        var buildsArm64 = selection.Cells.Any(cell => cell.Architecture == Architecture.Arm64);
        var needsQemu = buildsArm64 && Architecture.Host != Architecture.Arm64;
        var cross = buildsArm64 && options.ArmBuild == ArmBuild.Cross;
        var sourceDate = new SourceEpoch(options.SourceDateEpoch, options.Source, git.CommitTime);
        var cells = WheelPlan.Cells(options, selection, policy, user, cross, sourceDate);
        return new RunPlan
        {
            Target = target,
            Options = options,
            Paths = paths,
            Policy = policy,
            User = user,
            RunId = runId,
            ContainerLabels = ToolLabels.ForRun(runId),
            Cells = cells,
            Images = PlanImages(cells, cross),
            NeedsQemu = needsQemu,
            CrossBuildsArm64 = cross,
            SourceDate = sourceDate,
            Revision = new(() => git.Revision(paths.RepositoryRoot)),
            HostNeeds = RequiredOnHost.For(options, environment, needsQemu, cross),

            // After the cells: a cell's options, resolved with its overrides, may add to the options' notes.
            Notes = [.. options.Notes.Concat(selection.Notes).Distinct()],
        };
    }

    // x86_64 builds and tests in its build image; arm64 either the same under QEMU, or cross-built in the
    // cross image (where before-all runs, natively) and tested in the aarch64 test image. Only architectures
    // with a cell selected; before-all and its environment are those of the architecture's first cell, as
    // cibuildwheel runs it with the options of the first build in a container.
    private static IReadOnlyList<PlannedImage> PlanImages(IReadOnlyList<WheelCell> cells, bool cross)
    {
        var both = ImageRoles.Build | ImageRoles.Test;
        IReadOnlyList<CPythonTag> CPythons(Architecture architecture) => [.. cells.Where(c => c.Architecture == architecture).Select(c => c.CPython).Distinct()];
        // before-all as the architecture's first cell's options give it, as cibuildwheel takes it from the first build's.
        PlannedImage Builds(string task, ImageKind kind, Architecture architecture, ImageRoles roles) =>
            cells.FirstOrDefault(c => c.Architecture == architecture) is { BeforeAllCommand: { } command } first
                ? new(task, kind, architecture, roles, CPythons(architecture), command, BeforeAllEnvironment(first), first.BuildEnvironmentScript)
                : new(task, kind, architecture, roles, CPythons(architecture), null, [], null);
        var images = new List<PlannedImage>();
        if (cells.Any(c => c.Architecture == Architecture.X86_64))
        {
            images.Add(Builds(ImageTaskNames.X64, ImageKind.Build, Architecture.X86_64, both));
        }

        if (cells.Any(c => c.Architecture == Architecture.Arm64))
        {
            images.AddRange(cross
                ? [new(ImageTaskNames.Arm, ImageKind.ArmTest, Architecture.Arm64, ImageRoles.Test, CPythons(Architecture.Arm64), null, [], null), Builds(ImageTaskNames.Cross, ImageKind.Cross, Architecture.Arm64, ImageRoles.Build)]
                : [Builds(ImageTaskNames.Arm, ImageKind.Build, Architecture.Arm64, both)]);
        }

        return images;
    }

    // What before-all sees: the architecture, for a cross build the aarch64 toolchain (not the CPython-specific variables), CIBUILDWHEEL,
    // the --env items, and the passed names for its environment's evaluation.
    private static IReadOnlyList<string> BeforeAllEnvironment(WheelCell first) =>
        [$"ARCH={first.Architecture.Name}", "CIBUILDWHEEL=1", .. first.CrossEnvironment.Where(kv => !kv.Key.StartsWith("_PYTHON", StringComparison.Ordinal)).Select(kv => $"{kv.Key}={kv.Value}"),
            .. first.Options.Environment, .. first.Options.EnvironmentPass];
}
