using Cake.Core;

namespace Wheelsmith.Options;

/// <summary>
/// Every option of the build, read once from Cake's arguments, the environment and the project's
/// file, and validated before any task runs. The options are declared in <see cref="OptionDeclarations"/>;
/// the properties here are typed views of their values, and <see cref="Get{T}"/> reads any of them.
/// </summary>
public sealed record BuildOptions
{
    /// <summary>Options the Frosting host consumes itself; they reach the arguments too.</summary>
    private static readonly string[] HostOptions = ["target", "verbosity", "dryrun", "noop", "whatif", "tree", "description", "exclusive", "version", "ver"];

    /// <summary>Set by the build in every container; --env cannot change them.</summary>
    public static readonly string[] BuildVariables = ["ARCH", "CPYTHON_VERSION", "ABI_FLAG", "PLAT", "USER_ID", "GROUP_ID", "IMAGICK_LIB_PATH", "HOME", "PATH", "VIRTUAL_ENV", "_PYTHON_HOST_PLATFORM", "_PYTHON_SYSCONFIGDATA_NAME", "WHEELSMITH_TARGET_MACHINE", "SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "CIBUILDWHEEL"];

    /// <summary>What --test-command is when the bundled sample is built and none is given.</summary>
    public const string SampleTestCommand = "python {project}/tests/smoke.py";

    private readonly IReadOnlyDictionary<OptionDeclaration, object?> _values;
    private readonly ProjectConfig? _project;
    private readonly Func<CellIdentifier, BuildOptions>? _forCell;
    private readonly Dictionary<CellIdentifier, BuildOptions> _cells = [];

    private BuildOptions(IReadOnlyDictionary<OptionDeclaration, object?> values, OptionValues given, ProjectConfig? project, long? sourceDateEpoch, List<string> notes, Func<CellIdentifier, BuildOptions>? forCell)
    {
        _values = values;
        _project = project;
        _forCell = forCell;
        Sources = OptionDeclarations.All.ToDictionary(option => option.Name, option => given.SourceOf(option.Name));
        ConfigFile = project?.File;
        ConfigWarnings = project?.Ignored ?? [];
        SourceDateEpoch = sourceDateEpoch;
        Notes = notes;
    }

    /// <summary>An option's value, as its declaration parsed it.</summary>
    public T Get<T>(OptionDeclaration<T> option) => Value(_values, option);

    public IReadOnlyList<Architecture> Architectures => Get(OptionDeclarations.Arch);

    /// <summary>The CPythons asked for; null means every one the image has.</summary>
    public IReadOnlyList<CPythonTag>? CPythons => Get(OptionDeclarations.Cpython);

    /// <summary>The cells named with --only; null means every architecture x CPython selected.</summary>
    public IReadOnlyList<CellIdentifier>? Only => Get(OptionDeclarations.Only);

    /// <summary>How the Matrix target prints the cells.</summary>
    public MatrixFormat Format => Get(OptionDeclarations.Format);

    public BaseKind Base => Get(OptionDeclarations.Base);

    /// <summary>How the arm64 cells build: cross-compiled on this x86_64 host, or in the aarch64 image under QEMU.</summary>
    public ArmBuild ArmBuild => Get(OptionDeclarations.ArmBuild);

    /// <summary>Base images named with --x64-base-image / --arm-base-image, by architecture.</summary>
    public IReadOnlyDictionary<Architecture, string> BaseImageOverrides =>
        new[] { (Architecture.X86_64, Get(OptionDeclarations.X64BaseImage)), (Architecture.Arm64, Get(OptionDeclarations.ArmBaseImage)) }
            .Where(pair => pair.Item2 is not null).ToDictionary(pair => pair.Item1, pair => pair.Item2!);

    /// <summary>The project to build, an absolute path; the whole tree is copied into each build container.</summary>
    public string Source => Get(OptionDeclarations.Source);

    /// <summary>The Python package's folder inside <see cref="Source"/>, relative, with '/' separators.</summary>
    public string PackageDirectory => Get(OptionDeclarations.PackageDir);

    /// <summary>The environment's SOURCE_DATE_EPOCH, checked; null when unset (the plan then takes the source's last commit).</summary>
    public long? SourceDateEpoch { get; }


    /// <summary>Where the wheels (and the cells' logs) go, an absolute path.</summary>
    public string Output => Get(OptionDeclarations.Output);

    /// <summary>The --plat value; null means the base's default.</summary>
    public PlatformSelection? Platform => Get(OptionDeclarations.Plat);

    /// <summary>Run in the clean test container, {project} standing for the copy of the source; null: not tested.</summary>
    public string? TestCommand => Get(OptionDeclarations.TestCommand);

    /// <summary>Run once per architecture before its cells (cibuildwheel's before-all); null: none.</summary>
    public string? BeforeAll => Get(OptionDeclarations.BeforeAll);

    /// <summary>Run in each build container before the build (cibuildwheel's before-build); null: none.</summary>
    public string? BeforeBuild => Get(OptionDeclarations.BeforeBuild);

    /// <summary>Instead of auditwheel repair, with {wheel} and {dest_dir}; null: auditwheel; "": none (the built wheel as it is).</summary>
    public string? RepairCommand => Get(OptionDeclarations.RepairCommand);

    /// <summary>A prebuilt ImageMagick tree copied to /tmp/deps in each build container.</summary>
    public string? ImageMagickPath => Get(OptionDeclarations.ImagemagickPath);

    /// <summary>The prebuilt ImageMagick tree of one architecture: --imagemagick-path with {arch} and {machine} filled in.</summary>
    public string? ImageMagickPathFor(Architecture architecture) => ImageMagickPath is { } template ? ArchitecturePath.Expand(template, architecture) : null;

    public bool FailFast => Get(OptionDeclarations.FailFast);

    /// <summary>How many cells run at once.</summary>
    public int Jobs => Get(OptionDeclarations.Jobs);

    /// <summary>Each cell container's memory limit, as docker's --memory takes it.</summary>
    public string Memory => Get(OptionDeclarations.Memory);

    /// <summary>Each cell container's CPU limit, as docker's --cpus takes it; null: none.</summary>
    public string? Cpus => Get(OptionDeclarations.Cpus);

    /// <summary>The container engine every verb goes through.</summary>
    public Wheelsmith.Docker.ContainerEngine Engine => Get(OptionDeclarations.Engine);

    /// <summary>Fail at once, rather than wait, when another run holds --output.</summary>
    public bool NoWait => Get(OptionDeclarations.NoWait);

    /// <summary>The host variables passed into the containers, as docker's --env takes them: NAME (the host's value) or NAME=VALUE.</summary>
    public IReadOnlyList<string> Environment => Get(OptionDeclarations.Env);

    /// <summary>cibuildwheel's environment: assignments each build container's shell evaluates, in order.</summary>
    public IReadOnlyList<EnvironmentAssignment> EnvironmentAssignments => Get(OptionDeclarations.Environment);

    /// <summary>Names of this environment's variables passed into the build containers before the assignments.</summary>
    public IReadOnlyList<string> EnvironmentPass => Get(OptionDeclarations.EnvironmentPass);

    /// <summary>Assignments the test container's shell evaluates for before-test and the test.</summary>
    public IReadOnlyList<EnvironmentAssignment> TestEnvironment => Get(OptionDeclarations.TestEnvironment);

    /// <summary>The project's files and folders (relative, '/' separators) copied into the test's folder.</summary>
    public IReadOnlyList<string> TestSources => Get(OptionDeclarations.TestSources);

    /// <summary>Run in the test container before the test (cibuildwheel's before-test); null: none.</summary>
    public string? BeforeTest => Get(OptionDeclarations.BeforeTest);

    public BuildFrontend BuildFrontend => Get(OptionDeclarations.BuildFrontend);

    /// <summary>cibuildwheel's build-verbosity, -3 to 3, passed to the frontend (<see cref="BuildFrontend.VerbosityFlags"/>).</summary>
    public int BuildVerbosity => Get(OptionDeclarations.BuildVerbosity);

    /// <summary>KEY=VALUE settings for the build backend, passed as -C.</summary>
    public IReadOnlyList<string> ConfigSettings => Get(OptionDeclarations.ConfigSettings);

    /// <summary>Run on each repaired wheel in the build container (commands joined by " &amp;&amp; "); null: none.</summary>
    public string? AuditCommand => Get(OptionDeclarations.AuditCommand);

    /// <summary>The build image's recipe folder (a Dockerfile and its context).</summary>
    public string Images => Get(OptionDeclarations.Images);

    /// <summary>What the options said once for the user (an architecture skipped, a variable not acted on), before the run starts.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The project's pyproject.toml, when it has one (or --config-file is given).</summary>
    public string? ConfigFile { get; }

    /// <summary>Keys of the project's file that this build does not act on, said once.</summary>
    public IReadOnlyList<string> ConfigWarnings { get; }

    /// <summary>Where each option's value came from, by name.</summary>
    public IReadOnlyDictionary<string, OptionSource> Sources { get; }

    public bool Builds(Architecture architecture) => Architectures.Contains(architecture);

    /// <summary>
    /// The options of one cell: these, with the [[tool.cibuildwheel.overrides]] that select it applied to the
    /// options [tool.cibuildwheel] decides (a source above it still wins). The same object when none selects it.
    /// </summary>
    public BuildOptions ForCell(CellIdentifier cell)
    {
        if (_forCell is null || _project?.Cibuildwheel?.Overrides(cell) != true)
        {
            return this;
        }

        if (!_cells.TryGetValue(cell, out var options))
        {
            _cells[cell] = options = _forCell(cell);
        }

        return options;
    }

    /// <summary>
    /// In stages, each over raw values that do not change: the options that locate the project (the
    /// command line and the environment only), then the project's file, then every option with all
    /// sources: the command line, WHEELSMITH_&lt;NAME&gt;, CIBW_&lt;KEY&gt;, [tool.wheelsmith], [tool.cibuildwheel].
    /// <paramref name="variableNames"/> are the environment's names, for what is said about CIBW_* variables
    /// this build does not read; a cell's options (<see cref="ForCell"/>) are resolved the same way with its overrides.
    /// </summary>
    public static BuildOptions Parse(ICakeArguments arguments, BuildPaths paths, string workingDirectory, Func<string, string?> environment, IEnumerable<string>? variableNames = null)
    {
        var commandLine = arguments.GetArguments();
        var unknown = commandLine.Keys.FirstOrDefault(k => k.Length > 0 && !OptionDeclarations.All.Any(option => string.Equals(option.Name, k, StringComparison.OrdinalIgnoreCase)) && !HostOptions.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new OptionException(unknown, $"unknown option; the build's options are {string.Join(", ", OptionDeclarations.All.Select(option => "--" + option.Name))}; --help describes them");
        }

        var notes = new List<string>();
        CibuildwheelVariables.Check(variableNames ?? [], environment, OptionDeclarations.All, notes);
        var beforeProject = new OptionValues(commandLine, environment, null, OptionDeclarations.All);
        var located = beforeProject.NamedWhereGiven(() => OptionResolver.Resolve(OptionDeclarations.LocateProject, beforeProject, new Dictionary<OptionDeclaration, object?>(), paths, workingDirectory, environment, null, notes));
        var source = Value(located, OptionDeclarations.Source);
        var project = ProjectConfig.Load(Path.GetFullPath(Path.Combine(source, Value(located, OptionDeclarations.PackageDir), "pyproject.toml")), Value(located, OptionDeclarations.ConfigFile), OptionDeclarations.All);
        var sourceDate = Options.SourceDate.FromEnvironment(environment);

        BuildOptions Resolve(CellIdentifier? cell)
        {
            var given = new OptionValues(commandLine, environment, project, OptionDeclarations.All, cell);
            return given.NamedWhereGiven(() => new BuildOptions(OptionResolver.Resolve(OptionDeclarations.All, given, located, paths, workingDirectory, environment, project, notes),
                given, project, sourceDate, notes, cell is null ? id => Resolve(id) : null));
        }

        return Resolve(null);
    }

    private static T Value<T>(IReadOnlyDictionary<OptionDeclaration, object?> values, OptionDeclaration<T> option) => (T)values[option]!;
}
