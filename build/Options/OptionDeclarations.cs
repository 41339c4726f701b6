using System.Globalization;
using Wheelsmith.Docker;

namespace Wheelsmith.Options;

/// <summary>
/// Every build option, each declared once. --help, the unknown-option error, [tool.wheelsmith] and
/// [tool.cibuildwheel] reading, --target=Options and wheels.json all go through <see cref="All"/>;
/// code that uses a value reads it with <see cref="BuildOptions.Get{T}"/>. A parser may read other
/// options (see <see cref="OptionResolver"/>).
/// </summary>
public static class OptionDeclarations
{
    public static readonly OptionDeclaration<IReadOnlyList<Architecture>> Arch = new("arch", $"{Architecture.Accepted}; default all, or this host's (cibuildwheel's auto) for a project configured for cibuildwheel (CIBW_* or [tool.cibuildwheel])")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Spaced("archs"),
        Parse = input => ArchitecturesOfOnly(input) ?? (input.FromCibuildwheel ? CellOptions.CibuildwheelArchitectures(input) : CellOptions.Architectures(input.Name, input.Text)),
        // cibuildwheel's default is auto: a workflow that names no archs builds its runner's, and so does this tool for it.
        Default = input => ArchitecturesOfOnly(input) ?? (input.ConfiguredForCibuildwheel && Architecture.Host is { } host ? [host] : Architecture.All),
    };

    public static readonly OptionDeclaration<IReadOnlyList<CPythonTag>?> Cpython = new("cpython", $"{CPythonTag.Accepted}; default all the image has")
    {
        PerProject = true,
        Parse = input => CPythonsOfOnly(input) ?? ParseCPythons(input),
        Default = CPythonsOfOnly,
        Show = cpythons => cpythons is null ? "all" : string.Join(',', cpythons),
    };

    public static readonly OptionDeclaration<IReadOnlyList<CellIdentifier>?> Only = new("only", $"cells by identifier, as cibuildwheel names builds: {CellIdentifier.Accepted}; not with --arch or --cpython")
    {
        PerProject = true,
        Parse = ParseOnly,
        Default = _ => null,
    };

    public static readonly OptionDeclaration<BaseKind> Base = new("base", $"{BaseOptions.BaseAccepted}; default manylinux2014")
    {
        PerProject = true,
        Parse = input => BaseOptions.Base(input.Name, input.Text),
        Default = _ => BaseKind.Manylinux2014,
        Show = kind => kind.OptionValue(),
        Report = kind => kind.OptionValue(),
    };

    public static readonly OptionDeclaration<string?> X64BaseImage = new("x64-base-image", "an image to build the x86_64 image on, instead of --base's")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.ManylinuxImage(Architecture.X86_64),
        Parse = input => BaseOptions.ImageReference(input.Name, input.Text),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<string?> ArmBaseImage = new("arm-base-image", "an image to build the arm64 image on, instead of --base's")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.ManylinuxImage(Architecture.Arm64),
        Parse = input => BaseOptions.ImageReference(input.Name, input.Text),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<ArmBuild> ArmBuild = new("arm-build", "cross (aarch64 wheels built natively by a cross toolchain, only the test under QEMU; default on --base=local on an x86_64 host) or emulated (every step in the aarch64 image under QEMU; default on manylinux2014)")
    {
        PerProject = true,
        Parse = input => BaseOptions.ArmBuild(input.Name, input.Text, input.Get(Base), input.Get(ArmBaseImage) is not null),
        Default = input => BaseOptions.ArmBuild(input.Name, null, input.Get(Base), input.Get(ArmBaseImage) is not null),
    };

    // Source and package-dir locate the project's file, so only the command line or the environment give them.
    public static readonly OptionDeclaration<string> Source = new("source", "the project to build, copied whole into each container; default the bundled sample")
    {
        Parse = input => OptionFolders.ExistingDirectory(input.Name, input.Text, input.Folder),
        Default = input => input.Paths.Sample,
    };

    public static readonly OptionDeclaration<string> PackageDir = new("package-dir", "the Python package's folder inside --source; default .")
    {
        Parse = input => OptionFolders.PackageDirectory(input.Name, input.Text, input.Get(Source)),
        Default = input => OptionFolders.PackageDirectory(input.Name, ".", input.Get(Source)),
    };

    public static readonly OptionDeclaration<string> Output = new("output", "where the wheels and logs/ go; default dist")
    {
        Cibuildwheel = CibuildwheelKey.Spaced("output-dir"),
        Parse = input => OptionFolders.Output(input.Name, input.Text, input.Folder),
        Default = input => OptionFolders.Output(input.Name, "dist", input.Folder),
    };

    public static readonly OptionDeclaration<PlatformSelection?> Plat = new("plat", $"{PlatformSelection.Accepted}; default manylinux2014_<arch>, auto on --base=local")
    {
        PerProject = true,
        Parse = input => PlatformSelection.Parse(input.Text, input.Get(Arch)),
        Default = _ => null,
        Show = plat => plat?.Policy ?? "(the base's)",
        Report = plat => plat?.Policy,
    };

    public static readonly OptionDeclaration<string?> TestCommand = new("test-command", "run against the installed wheel in a clean container, from a fresh folder holding --test-sources; {project} is the source, {package} the package, {wheel} the wheel; \"\" for none; default: the sample's smoke test, none for other sources")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Commands("test-command"),
        Parse = input => CommandOptions.TestCommand(input.Text),
        Default = input => input.Get(Source) == input.Paths.Sample ? BuildOptions.SampleTestCommand : null,
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> TestRequires = new("test-requires", "requirements (PEP 508) installed into the test environment, space-separated (quoted when one has spaces): from the index on manylinux2014, from what the image carries on --base=local (docs/local-bases.md); default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.TestRequires,
        FromWheelsmith = (value, label) => [CommandOptions.ShellWordsOf(value, label)],
        Parse = input => CommandOptions.ShellWords(input.Text) ?? throw OptionException.Rejected(input.Name, input.Text, "requirements separated by spaces, a requirement with spaces in quotes"),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(' ', items),
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> TestExtras = new("test-extras", "extras of the project ([project.optional-dependencies]) whose requirements are installed for the test, comma-separated; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.List("test-extras", ","),
        Parse = input => CommandOptions.Words(input.Text, ','),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(',', items),
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> TestGroups = new("test-groups", "dependency groups of the project (PEP 735 [dependency-groups]) installed for the test, space-separated; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.List("test-groups", " "),
        FromWheelsmith = (value, label) => [string.Join(' ', TomlText.Texts(value, label))],
        Parse = input => CommandOptions.Words(input.Text, ' '),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(' ', items),
    };

    public static readonly OptionDeclaration<string?> ImagemagickPath = new("imagemagick-path", "a prebuilt ImageMagick tree, copied to /tmp/deps (IMAGICK_LIB_PATH)")
    {
        PerProject = true,
        Parse = input => ArchitecturePath.Check(input.Name, input.Text, input.Get(Arch), input.Folder, text => OptionFolders.ExistingDirectory(input.Name, text, input.Folder)),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<bool> FailFast = new("fail-fast", "stop at the first failing cell; default run every cell")
    {
        PerProject = true,
        Parse = input => input.Flag,
        Default = _ => false,
    };

    public static readonly OptionDeclaration<string?> BeforeAll = new("before-all", "a shell command run once per architecture, as root, in a build container holding the source, before its cells; what it leaves is kept as an image for them; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Commands("before-all"),
        Parse = input => CommandOptions.Command(input.Name, input.Text),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<string?> BeforeBuild = new("before-build", "a shell command run in each cell's build container before python -m build, {project} and {package} filled in; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Commands("before-build"),
        Parse = input => CommandOptions.Command(input.Name, input.Text),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<string?> RepairCommand = new("repair-command", "replaces auditwheel repair: a shell command with {wheel} (the built wheel) and {dest_dir} (where repaired wheels go), \"\" for none (the built wheel as it is); default auditwheel repair --plat <plat>")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Commands("repair-wheel-command"),
        Parse = input => CommandOptions.RepairCommand(input.Name, input.Text),
        Default = _ => null,
        Show = command => command switch { null => "(auditwheel repair)", "" => "(none)", _ => command },
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> Env = new("env", "NAME or NAME=VALUE passed into the containers as it is, repeatable (see --environment for cibuildwheel's evaluated assignments); default none")
    {
        PerProject = true,
        FromWheelsmith = CommandOptions.FromWheelsmith,
        Parse = input => CommandOptions.Environment(input.Name, input.Items, input.Environment),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(' ', items),
        // Only the names: values may be secrets.
        Report = items => items.Select(item => item.Split('=', 2)[0]).ToList(),
    };

    public static readonly OptionDeclaration<string> Images = new("images", "the build image's recipe folder (a Dockerfile); default images/build")
    {
        PerProject = true,
        Parse = input => OptionFolders.Images(input.Name, OptionFolders.ExistingDirectory(input.Name, input.Text, input.Folder)),
        Default = input => OptionFolders.Images(input.Name, input.Paths.ImagesDirectory),
    };

    public static readonly OptionDeclaration<int> Jobs = new("jobs", "how many cells run at once, 1 to 64; default one per core")
    {
        Parse = input => int.TryParse(input.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 64
            ? count
            : throw OptionException.Rejected(input.Name, input.Text, "how many cells run at once, a whole number from 1 to 64"),
        Default = _ => Math.Max(1, System.Environment.ProcessorCount),
    };

    public static readonly OptionDeclaration<MatrixFormat> Format = new("format", "how --target=Matrix prints the cells: text (one identifier a line) or json; default text")
    {
        Parse = input => input.Text switch
        {
            "text" => MatrixFormat.Text,
            "json" => MatrixFormat.Json,
            var other => throw OptionException.Rejected(input.Name, other, "text or json"),
        },
        Default = _ => MatrixFormat.Text,
    };

    public static readonly OptionDeclaration<string> Memory = new("memory", "each container's memory limit, as docker's --memory takes it (512m, 4g; at least 64m); default three quarters of this host's memory divided by --jobs")
    {
        PerProject = true,
        Parse = input => ResourceLimits.ParseMemory(input.Text),
        Default = input => ResourceLimits.DefaultMemory(input.Get(Jobs)),
    };

    public static readonly OptionDeclaration<string?> Cpus = new("cpus", "how many CPUs each container may use, as docker's --cpus takes it (1.5), up to this host's cores; default no limit")
    {
        PerProject = true,
        Parse = input => ResourceLimits.ParseCpus(input.Text),
        Default = _ => null,
        Show = cpus => cpus ?? "no limit",
    };

    public static readonly OptionDeclaration<ContainerEngine> Engine = new("engine", $"the container engine's CLI: {ContainerEngine.Accepted}; default docker")
    {
        Cibuildwheel = CibuildwheelKey.ContainerEngine,
        Parse = input => input.FromCibuildwheel ? CellOptions.CibuildwheelEngine(input) : ContainerEngine.Find(input.Text) ?? throw OptionException.Rejected(input.Name, input.Text, ContainerEngine.Accepted),
        Default = _ => ContainerEngine.Docker,
        Show = engine => engine.Name,
        Report = engine => engine.Name,
    };

    public static readonly OptionDeclaration<bool> NoWait = new("no-wait", "when another run is writing to --output, fail at once naming it instead of waiting for it to end")
    {
        Parse = input => input.Flag,
        Default = _ => false,
    };

    public static readonly OptionDeclaration<string> Cache = new("cache", "where the tool keeps what is slow to make (root file systems, image contexts); default $XDG_CACHE_HOME/wheelsmith or ~/.cache/wheelsmith")
    {
        Parse = input => Path.GetFullPath(input.Text.Length > 0 ? input.Text : throw OptionException.Rejected(input.Name, input.Text, "a folder"), input.Folder),
        Default = input => Path.Combine(input.Environment("XDG_CACHE_HOME") ?? Path.Combine(input.Environment("HOME") ?? "/tmp", ".cache"), "wheelsmith"),
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> Build = new("build", "cibuildwheel's build selector: space-separated patterns over the identifiers, with braces and fnmatch's * ? [...] [!...] (cp313-*, cp3{13,14}-*, *-manylinux_aarch64); a cell is built when one matches and no skip pattern does; default *")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Spaced("build"),
        FromWheelsmith = SpacedText,
        Parse = input => Patterns(input) is { Count: > 0 } patterns ? patterns : ["*"],
        Default = _ => ["*"],
        Show = ShowPatterns,
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> Skip = new("skip", "cibuildwheel's skip selector: patterns as --build's; a cell one matches is not built; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Spaced("skip"),
        FromWheelsmith = SpacedText,
        Parse = Patterns,
        Default = _ => [],
        Show = ShowPatterns,
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> TestSkip = new("test-skip", "cibuildwheel's test-skip: patterns as --build's; a cell one matches is built but not tested; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Spaced("test-skip"),
        FromWheelsmith = SpacedText,
        Parse = Patterns,
        Default = _ => [],
        Show = ShowPatterns,
    };

    public static readonly OptionDeclaration<EnableGroups> Enable = new("enable", $"cibuildwheel's enable, with build or skip: {EnableGroups.Accepted}; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Spaced("enable"),
        FromWheelsmith = SpacedText,
        Parse = EnableGroups.Parse,
        Default = _ => EnableGroups.None,
        Report = groups => groups.Groups,
    };

    public static readonly OptionDeclaration<RequiresPython?> RequiresPython = new("requires-python", $"the CPythons the project supports, {Options.RequiresPython.Accepted}; default the project's [project] requires-python (cibuildwheel's CIBW_PROJECT_REQUIRES_PYTHON)")
    {
        Cibuildwheel = CibuildwheelKey.Spaced("project-requires-python"),
        Parse = input => Options.RequiresPython.Parse(input.Name, input.Text),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<bool> AllowEmpty = new("allow-empty", "succeed, building nothing, when the selection leaves no cell (cibuildwheel's --allow-empty); default an error")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Spaced("allow-empty"),
        Parse = input => input.FromCibuildwheel ? CellOptions.CibuildwheelFlag(input) : input.Flag,
        Default = _ => false,
    };

    // Read with the options that locate the project, since it says where its [tool.cibuildwheel] is.
    public static readonly OptionDeclaration<string?> ConfigFile = new("config-file", "a TOML file whose [tool.cibuildwheel] is read in place of the project's (cibuildwheel's --config-file); {package} is the package's folder; default none")
    {
        Parse = input => OptionFolders.ConfigFile(input.Name, input.Text, Path.Combine(input.Get(Source), input.Get(PackageDir)), input.Folder),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<IReadOnlyList<EnvironmentAssignment>> Environment = Assignments("environment", "cibuildwheel's environment: NAME=VALUE assignments evaluated in order by each build container's shell ($PATH, ${VAR}, $(command), quotes); PATH and HOME may be set; default none");

    public static readonly OptionDeclaration<IReadOnlyList<string>> EnvironmentPass = new("environment-pass", "names of this environment's variables passed into the build containers before --environment is evaluated (unset ones skipped); default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.WordList("environment-pass"),
        Parse = input => CommandOptions.PassedNames(input.Name, ShellWords.Split(input.Text, input.Name)),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(' ', items),
    };

    public static readonly OptionDeclaration<IReadOnlyList<EnvironmentAssignment>> TestEnvironment = Assignments("test-environment", "assignments as --environment takes them, evaluated by the test container's shell for before-test and the test; default none");

    public static readonly OptionDeclaration<IReadOnlyList<string>> TestSources = new("test-sources", "files and folders of the project (relative to --source, shell words) copied into the test's fresh folder; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.WordList("test-sources"),
        Parse = input => OptionFolders.TestSources(input.Name, ShellWords.Split(input.Text, input.Name), input.Get(Source)),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(' ', items),
    };

    public static readonly OptionDeclaration<string?> BeforeTest = new("before-test", "a shell command run in the test container before the test, {project} and {package} filled in; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Commands("before-test"),
        Parse = input => CommandOptions.Command(input.Name, input.Text),
        Default = _ => null,
    };

    public static readonly OptionDeclaration<BuildFrontend> BuildFrontend = new("build-frontend", $"{Options.BuildFrontend.Accepted}; default build")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Text("build-frontend"),
        Parse = input => Options.BuildFrontend.Parse(input.Name, input.Text, input.Get(Base)),
        Default = _ => Options.BuildFrontend.Build,
        Report = frontend => frontend.ToString(),
    };

    public static readonly OptionDeclaration<int> BuildVerbosity = new("build-verbosity", "the build frontend's verbosity, -3 to 3: below 0 that many -q, above 0 that many -v for pip and one fewer for build, as cibuildwheel passes them; default 0")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Text("build-verbosity"),
        Parse = input => int.TryParse(input.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level) && level is >= -3 and <= 3
            ? level
            : throw OptionException.Rejected(input.Name, input.Text, "a whole number from -3 (quietest) to 3 (most verbose)"),
        Default = _ => 0,
    };

    public static readonly OptionDeclaration<IReadOnlyList<string>> ConfigSettings = new("config-settings", "KEY=VALUE settings for the build backend (shell words), passed to the frontend as -C; {project} and {package} filled in; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.ConfigSettings,
        FromWheelsmith = CibuildwheelKey.ConfigSettingItems,
        Parse = input => CommandOptions.ConfigSettings(input.Name, ShellWords.Split(input.Text, input.Name)),
        Default = _ => [],
        Show = items => items.Count == 0 ? "-" : string.Join(' ', items),
    };

    public static readonly OptionDeclaration<string?> AuditCommand = new("audit-command", "run in the build container on each repaired wheel: commands joined by ' && ', each naming {wheel} or {abi3_wheel} (abi3 wheels only), \"\" for none; default none")
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Commands("audit-command"),
        Parse = input => CommandOptions.AuditCommand(input.Name, input.Text),
        Default = _ => null,
    };

    /// <summary>Every option, in the order --help, --target=Options and wheels.json list them.</summary>
    public static readonly IReadOnlyList<OptionDeclaration> All =
    [
        Arch, Cpython, Only, Base, X64BaseImage, ArmBaseImage, ArmBuild, Source, PackageDir, Output, Plat, TestCommand, ImagemagickPath,
        FailFast, BeforeAll, BeforeBuild, RepairCommand, Env, Images, Jobs, Format, Memory, Cpus, Engine, NoWait, Cache,
        Build, Skip, TestSkip, Enable, RequiresPython, AllowEmpty, ConfigFile,
        Environment, EnvironmentPass, TestEnvironment, TestSources, BeforeTest, BuildFrontend, BuildVerbosity, ConfigSettings, AuditCommand,
        TestRequires, TestExtras, TestGroups,
    ];

    /// <summary>What the project's file is found from: resolved first, from the command line and the environment alone.</summary>
    public static readonly IReadOnlyList<OptionDeclaration> LocateProject = [Source, PackageDir, ConfigFile];

    /// <summary>wheels.json's options object: every option under its camelCase name, in declaration order.</summary>
    public static OrderedDictionary<string, object?> ReportValues(BuildOptions options) =>
        new(All.Select(option => KeyValuePair.Create(option.ReportName, option.Reported(options))));

    // environment and test-environment: cibuildwheel's assignments under its own key, a table as cibuildwheel writes it; only the names
    // are shown and reported, as the values may be secrets.
    private static OptionDeclaration<IReadOnlyList<EnvironmentAssignment>> Assignments(string name, string takes) => new(name, takes)
    {
        PerProject = true,
        Cibuildwheel = CibuildwheelKey.Assignments(name),
        FromWheelsmith = EnvironmentAssignment.FromToml,
        Parse = input => EnvironmentAssignment.Parse(input.Name, input.Text),
        Default = _ => [],
        Show = assignments => assignments.Count == 0 ? "-" : string.Join(' ', EnvironmentAssignment.Names(assignments)),
        Report = EnvironmentAssignment.Names,
    };

    // Methods, not lambdas, where a parser reads an option declared below it: in a field initializer the compiler takes later fields as unset.
    private static IReadOnlyList<CPythonTag>? ParseCPythons(OptionInput input) => CellOptions.OfBase(input.Name, CellOptions.CPythons(input.Name, input.Text), input.Get(Base), input.Get(Cache));

    private static IReadOnlyList<CellIdentifier> ParseOnly(OptionInput input) => CellOptions.Only(input, input.Get(Base), input.Get(Cache), Arch, Cpython);

    // With --only, the architectures and CPythons are those of its cells (--arch or --cpython given alongside it is --only's error).
    private static IReadOnlyList<Architecture>? ArchitecturesOfOnly(OptionInput input) =>
        input.Get(Only) is { } only ? Architecture.All.Where(a => only.Any(cell => cell.Architecture == a)).ToList() : null;

    // Selector patterns: white space separates them (a comma belongs to a brace group), from every item given.
    private static IReadOnlyList<string> Patterns(OptionInput input) => [.. input.Items.SelectMany(item => SelectorPatterns.Words(item ?? string.Empty))];

    private static string ShowPatterns(IReadOnlyList<string> patterns) => patterns.Count == 0 ? "-" : string.Join(' ', patterns);

    // A [tool.wheelsmith] list of patterns or groups reads as one space-separated text, as cibuildwheel joins them.
    private static IReadOnlyList<string?> SpacedText(object value, string label) => [string.Join(' ', TomlText.Texts(value, label))];

    private static IReadOnlyList<CPythonTag>? CPythonsOfOnly(OptionInput input) =>
        input.Get(Only) is { } only ? [.. only.Select(cell => cell.CPython).Distinct().Order()] : null;
}
