using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Plan;

/// <summary>
/// One architecture x CPython of the build matrix, planned from the options: what runs in its
/// containers, where, and with which environment. Nothing here touches Docker. Whether it is
/// cross-built and its SOURCE_DATE_EPOCH are the run plan's, decided once for every cell.
/// </summary>
public sealed record WheelCell(Architecture Architecture, CPythonTag CPython, BuildOptions Options, BasePolicy Policy, InvokingUser User, bool CrossBuild, SourceEpoch SourceDate)
{
    public const string ProjectPath = "/project";
    public const string DepsPath = "/tmp/deps";
    /// <summary>The tool's folder in a container: a staged host folder copied here brings its repaired/ and test/ at once.</summary>
    public const string WorkPath = "/tmp/wheelsmith";
    public const string BuiltPath = WorkPath + "/built";

    /// <summary>Where the repaired wheels are, in the build container and (copied there) in the test container.</summary>
    public const string RepairedPath = WorkPath + "/repaired";
    public const string VenvPath = "/tmp/venv";

    /// <summary>The test's fresh folder in the test container: the test command runs there, holding the test sources.</summary>
    public const string TestPath = WorkPath + "/test";

    public string Name => $"BuildWheel[{Architecture},{CPython}]";

    /// <summary>What the project's pyproject.toml requires for the build and the test, read when first asked.</summary>
    public ProjectRequirements Project { get; init; } = ProjectRequirements.Of(Options);

    /// <summary>cibuildwheel's name for the cell, as --only and --target=Matrix use it.</summary>
    public CellIdentifier Identifier => new(Architecture, CPython);

    public string Label => $"{Architecture} {CPython}";

    public string LogFile => Path.Combine(Options.Output, "logs", $"{Architecture}-{CPython}.log");

    public string Interpreter => $"/opt/python/{CPython.Identifier}/bin/python";

    public string Platform => (Options.Platform ?? Policy.DefaultPlatform).For(Architecture);

    public string PackagePath => Options.PackageDirectory == "." ? ProjectPath : $"{ProjectPath}/{Options.PackageDirectory}";

    /// <summary>What the original tooling passed into its container, and the same names.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>
            {
                ["ARCH"] = Architecture.Name,
                ["CPYTHON_VERSION"] = $"cp3{CPython.Minor}",
                ["ABI_FLAG"] = CPython.AbiFlag,
                ["PLAT"] = Platform,
                ["USER_ID"] = User.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["GROUP_ID"] = User.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture),

                // The same source gives the same wheel: zip times from the source's date, and a fixed hash seed
                // (auditwheel's SBOM lists the grafted libraries in set order).
                ["SOURCE_DATE_EPOCH"] = SourceDate.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PYTHONHASHSEED"] = "0",

                // As cibuildwheel sets it, for a build script or test that asks whether it runs under such a tool.
                ["CIBUILDWHEEL"] = "1",
            };
            if (Options.ImageMagickPath is not null)
            {
                environment["IMAGICK_LIB_PATH"] = DepsPath;
            }

            return environment;
        }
    }

    /// <summary>
    /// What makes a build on x86_64 produce, and believe it produces, an aarch64 wheel: the target's
    /// sysconfig data (extension suffix, compiler names, flags) and platform tag, its compilers and
    /// pkg-config's arm64 files, and the target's name from os.uname() and platform.machine().
    /// Set for the build step only: pip, build and auditwheel read the platform variable too.
    /// </summary>
    public IReadOnlyDictionary<string, string> CrossEnvironment
    {
        get
        {
            var triplet = $"{Architecture.Machine}-linux-gnu";
            return CrossBuild
                ? new Dictionary<string, string>
                {
                    ["_PYTHON_HOST_PLATFORM"] = $"linux-{Architecture.Machine}",
                    ["_PYTHON_SYSCONFIGDATA_NAME"] = $"_sysconfigdata_{CPython.AbiFlag}_linux_{triplet}",
                    ["WHEELSMITH_TARGET_MACHINE"] = Architecture.Machine,
                    ["CC"] = $"{triplet}-gcc",
                    ["CXX"] = $"{triplet}-g++",
                    ["AR"] = $"{triplet}-gcc-ar",
                    ["PKG_CONFIG"] = $"{triplet}-pkg-config",
                    ["PKG_CONFIG_LIBDIR"] = $"/usr/lib/{triplet}/pkgconfig:/usr/share/pkgconfig",
                }.Concat(CarriesToolchainFiles ? [KeyValuePair.Create("CMAKE_TOOLCHAIN_FILE", CrossToolchainFiles.CMakePath(Architecture))] : []).ToDictionary()
                : new Dictionary<string, string>();
        }
    }

    // The offline bases' cross images have CMake's toolchain file and Meson's cross files.
    private bool CarriesToolchainFiles => CrossBuild && Options.Base is BaseKind.Local or BaseKind.LocalManylinux231;

    /// <summary>
    /// meson-python reads no cross file from the environment: a cross cell of a mesonpy project passes the
    /// image's for its CPython through the config setting meson-python documents for it.
    /// </summary>
    private IReadOnlyList<string> CrossConfigSettings =>
        CarriesToolchainFiles && Project.BuildBackend == "mesonpy" ? [$"-Csetup-args=--cross-file={CrossToolchainFiles.MesonPath(Architecture, CPython)}"] : [];

    /// <summary>The machine the build container runs as: x86_64 for a cross build (the cross image), else the cell's own.</summary>
    public Architecture BuildMachine => CrossBuild ? Architecture.X86_64 : Architecture;

    /// <summary>docker's --user for the steps: the invoking user's uid:gid; null for root.</summary>
    public string? DockerUser => User.Uid == 0 ? null : $"{User.Uid}:{User.Gid}";

    /// <summary>
    /// What evaluates cibuildwheel's environment in the build container: the cell's python (and pip, where the
    /// image has it, beside it) first on PATH, the passed host variables, then the assignments.
    /// </summary>
    public EnvironmentScript BuildEnvironmentScript => new($"/opt/python/{CPython.Identifier}/bin", Options.EnvironmentPass, Options.EnvironmentAssignments);

    /// <summary>test-environment's, evaluated in the test container over the test's variables.</summary>
    public EnvironmentScript TestEnvironmentScript => new(null, [], Options.TestEnvironment);

    /// <summary>The evaluation step's variables: the build step's, and the passed names, which docker takes from this process's environment.</summary>
    public IReadOnlyList<string> EvaluationEnvironment => [.. BuildEnvironment([]), .. Options.EnvironmentPass];

    /// <summary>The build step's variables (the cross ones included), then the evaluated environment, then the --env ones, as docker's --env takes them.</summary>
    public IReadOnlyList<string> BuildEnvironment(IReadOnlyList<KeyValuePair<string, string>> evaluated) =>
        ForDocker(new Dictionary<string, string>(Environment).Concat(CrossEnvironment), evaluated);

    /// <summary>Every other step's in the build container: the test environment and the install are made as on any x86_64 or aarch64 host.</summary>
    public IReadOnlyList<string> StepEnvironment => ForDocker(Environment, []);

    /// <summary>
    /// The repair's and the audit's, with the evaluated environment: auditwheel picks its policies by platform.machine(), so a cross
    /// cell's is told the target (through the start-up hook), or a policy named for aarch64 is not one it offers.
    /// </summary>
    public IReadOnlyList<string> RepairEnvironment(IReadOnlyList<KeyValuePair<string, string>> evaluated) =>
        ForDocker(CrossBuild ? new Dictionary<string, string>(Environment) { ["WHEELSMITH_TARGET_MACHINE"] = Architecture.Machine } : Environment, evaluated);

    /// <summary>The installer runs in the new environment, finding itself in Debian's folder (last, so that no --env replaces it).</summary>
    public IReadOnlyList<string> InstallEnvironment => Policy.InstallWithPip ? StepEnvironment : [.. StepEnvironment, $"PYTHONPATH={InstallerPath}"];

    /// <summary>
    /// Where the offline build image keeps installer (the test environment has no pip to install with): the folder the
    /// base unpacked it into, or Debian's shared one.
    /// </summary>
    public string InstallerPath =>
        OfflineRequirements.CatalogueOf(this)?.Find("installer", OfflineRequirements.CPythonVersion(this))?.SitePackages ?? CarriedCatalogue.DistPackages;

    /// <summary>
    /// The test's, as cibuildwheel gives it: the build's evaluated environment with the test environment's
    /// folder first on its PATH, then what test-environment evaluated to (<paramref name="test"/>).
    /// </summary>
    public IReadOnlyList<string> TestEnvironment(IReadOnlyList<KeyValuePair<string, string>> build, IReadOnlyList<KeyValuePair<string, string>> test)
    {
        var path = build.LastOrDefault(kv => kv.Key == "PATH").Value ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        return ForDocker(new Dictionary<string, string>(Environment) { ["VIRTUAL_ENV"] = VenvPath, ["PATH"] = $"{VenvPath}/bin:{path}" },
            [.. build.Where(kv => kv.Key != "PATH"), .. test]);
    }

    /// <summary>Host folders copied into the build container, and where.</summary>
    public IReadOnlyList<(string Host, string Container)> BuildInputs =>
        Options.ImageMagickPathFor(Architecture) is { } imagemagick ? [(Options.Source, ProjectPath), (imagemagick, DepsPath)] : [(Options.Source, ProjectPath)];

    /// <summary>
    /// The build-frontend's command, run in the package's folder: python -m build (--no-isolation on a base with no index) or
    /// pip wheel, with config-settings as -C items, the frontend's own arguments and build-verbosity, as cibuildwheel passes them.
    /// </summary>
    public IReadOnlyList<string> BuildCommand
    {
        get
        {
            IReadOnlyList<string> extra =
                [.. Options.ConfigSettings.Select(setting => "-C" + Placeholders(setting)), .. Options.BuildFrontend.Args, .. Options.BuildFrontend.VerbosityFlags(Options.BuildVerbosity)];
            return Options.BuildFrontend.IsPip
                ? [Interpreter, "-m", "pip", "wheel", ".", $"--wheel-dir={BuiltPath}", "--no-deps", .. extra]
                : [Interpreter, "-m", "build", "--wheel", .. Policy.BuildIsolation ? Array.Empty<string>() : ["--no-isolation"], .. CrossConfigSettings, "--outdir", BuiltPath, ".", .. extra];
        }
    }

    /// <summary>The repair: --repair-command with its placeholders, auditwheel by default, or with "" the built wheel moved as it is.</summary>
    public IReadOnlyList<string> RepairCommand(string wheel) => Options.RepairCommand switch
    {
        null => ["auditwheel", "repair", "--plat", Platform, "--wheel-dir", RepairedPath, $"{BuiltPath}/{wheel}"],
        "" => ["sh", "-c", $"mkdir -p {RepairedPath} && mv {BuiltPath}/{wheel} {RepairedPath}/"],
        // As cibuildwheel, the folder is there for the command: a project's "cp {wheel} {dest_dir}" works unchanged.
        var command => ["sh", "-c", $"mkdir -p {RepairedPath} && " + Placeholders(command).Replace("{wheel}", $"{BuiltPath}/{wheel}", StringComparison.Ordinal).Replace("{dest_dir}", RepairedPath, StringComparison.Ordinal)],
    };

    /// <summary>
    /// cibuildwheel's audit-command on one repaired wheel, each of its commands on its own: one naming {abi3_wheel} runs only for an
    /// abi3 wheel. Run in the build container, where the cell's python is: none when there is no audit.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> AuditCommands(string wheel) =>
        Options.AuditCommand is { } audit
            ? [.. CommandOptions.AuditCommands(audit)
                .Where(command => !command.Contains("{abi3_wheel}", StringComparison.Ordinal) || WheelTags.IsAbi3(wheel))
                .Select(command => new[] { "sh", "-c", Placeholders(command).Replace("{wheel}", $"{RepairedPath}/{wheel}", StringComparison.Ordinal).Replace("{abi3_wheel}", $"{RepairedPath}/{wheel}", StringComparison.Ordinal) })]
            : [];

    /// <summary>cibuildwheel's before-build: in the build container, before the build, as the build runs; null when there is none.</summary>
    public IReadOnlyList<string>? BeforeBuildCommand => Options.BeforeBuild is { } command ? ["sh", "-c", Placeholders(command)] : null;

    /// <summary>cibuildwheel's before-test: in the test container, before the test, with the test's environment; null when there is none.</summary>
    public IReadOnlyList<string>? BeforeTestCommand => Options.BeforeTest is { } command ? ["sh", "-c", Placeholders(command)] : null;

    /// <summary>The test environment, made in the build container natively (x86_64 and cross cells) and copied into the clean test container.</summary>
    public IReadOnlyList<string> VenvCommand => Policy.InstallWithPip ? [Interpreter, "-m", "venv", VenvPath] : [Interpreter, "-m", "venv", "--without-pip", VenvPath];

    /// <summary>
    /// Installs a repaired wheel into the test environment. Debian's installer unpacks and byte-compiles it
    /// without pip (whose set-up, ensurepip, took 92 s under QEMU); it does not care which machine the wheel
    /// is for, so a cross cell installs natively. On a base that reaches an index, pip also fetches dependencies.
    /// </summary>
    public IReadOnlyList<string> InstallCommand(string wheel) =>
        Policy.InstallWithPip
            ? [$"{VenvPath}/bin/python", "-m", "pip", "install", "--no-cache-dir", $"{RepairedPath}/{wheel}"]
            : [$"{VenvPath}/bin/python", "-m", "installer", "--compile-bytecode", "0", $"{RepairedPath}/{wheel}"];

    /// <summary>cibuildwheel's test-skip selects the cell: it is built but not tested.</summary>
    public bool TestSkipped => SelectorPatterns.Matches(Options.Get(OptionDeclarations.TestSkip), Identifier.ToString());

    /// <summary>Whether the cell's wheel is tested: it has a test command and test-skip does not select it.</summary>
    public bool Tests => !TestSkipped && Options.TestCommand is not null;

    /// <summary>Why the cell is not tested, as its log and the report say it; null when it is.</summary>
    public string? NotTestedBecause => TestSkipped ? "skipped by test-skip" : Tests ? null : "no test command";

    /// <summary>
    /// The user's test command, run by the test container's shell from <see cref="TestPath"/>, with {project}, {package} and
    /// {wheel} (the wheels tested, copied into the test container where the build container had them) filled in.
    /// </summary>
    public IReadOnlyList<string> TestCommand(IReadOnlyList<string> wheels) =>
        ["sh", "-c", Placeholders(Options.TestCommand ?? throw new InvalidOperationException($"{Name} has no test command"))
            .Replace("{wheel}", string.Join(' ', wheels.Select(wheel => $"{RepairedPath}/{wheel}")), StringComparison.Ordinal)];

    /// <summary>The before-all command of the cell's architecture, as this cell's options give it, {project} and {package} filled in; null: none.</summary>
    public string? BeforeAllCommand => Options.BeforeAll is { } command ? Placeholders(command) : null;

    /// <summary>The test environment's site-packages, where the offline copy puts the carried distributions.</summary>
    public string VenvSitePackages => $"{VenvPath}/lib/python3.{CPython.Minor}{CPython.AbiFlag}/site-packages";

    /// <summary>
    /// Installs the test requirements (test-requires, test-extras, test-groups) after the wheel: with pip from the index
    /// on a base that reaches one, else by copying the carried distributions they need (checked before any container,
    /// see <see cref="OfflineRequirements"/>). Null when the test needs nothing.
    /// </summary>
    public IReadOnlyList<string>? TestRequirementsCommand =>
        Policy.InstallWithPip
            ? OfflineRequirements.TestRequirements(this) is { Count: > 0 } requirements
                ? [$"{VenvPath}/bin/python", "-m", "pip", "install", "--no-cache-dir", .. requirements.Select(r => r.Requirement.Text)]
                : null
            : OfflineRequirements.TestDistributions(this) is { Count: > 0 } carried
                ? [Interpreter, CarriedCopy.ContainerPath, VenvSitePackages, $"{VenvPath}/bin", $"{VenvPath}/bin/python", OfflineRequirements.CatalogueOf(this)!.CopyRoot, .. carried.Select(d => d.CopyItem).Distinct()]
                : null;

    // {project} is the copy of --source in the container, {package} the package's folder in it, as in cibuildwheel.
    private string Placeholders(string command) =>
        command.Replace("{project}", ProjectPath, StringComparison.Ordinal).Replace("{package}", PackagePath, StringComparison.Ordinal);

    // A user other than root has no writable home in the image; /tmp is (an evaluated HOME, after it, wins). The --env items come last:
    // docker takes the last of a name, and the tool's own option is the literal one.
    private IReadOnlyList<string> ForDocker(IEnumerable<KeyValuePair<string, string>> variables, IEnumerable<KeyValuePair<string, string>> evaluated) =>
        [.. variables.Select(kv => $"{kv.Key}={kv.Value}"), .. User.Uid == 0 ? [] : new[] { "HOME=/tmp" }, .. evaluated.Select(kv => $"{kv.Key}={kv.Value}"), .. Options.Environment];
}
