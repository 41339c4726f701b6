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
    public const string BuiltPath = "/tmp/wheelsmith/built";
    public const string RepairedPath = "/tmp/wheelsmith/repaired";
    public const string VenvPath = "/tmp/venv";

    /// <summary>Where Debian's installer lives in the build image; the test environment has no pip to install with.</summary>
    public const string InstallerPath = "/usr/lib/python3/dist-packages";

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

    // The local base's cross image has CMake's toolchain file and Meson's cross files (the manylinux_2_31 one does not yet).
    private bool CarriesToolchainFiles => CrossBuild && Options.Base == BaseKind.Local;

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

    /// <summary>The build step's variables (the cross ones included), then the --env ones, as docker's --env takes them.</summary>
    public IReadOnlyList<string> BuildEnvironment => ForDocker(new Dictionary<string, string>(Environment).Concat(CrossEnvironment));

    /// <summary>Every other step's in the build container: the test environment and the install are made as on any x86_64 or aarch64 host.</summary>
    public IReadOnlyList<string> StepEnvironment => ForDocker(Environment);

    /// <summary>
    /// The repair's: auditwheel picks its policies by platform.machine(), so a cross cell's is told the target
    /// (through the start-up hook), or a policy named for aarch64 is not one it offers.
    /// </summary>
    public IReadOnlyList<string> RepairEnvironment =>
        CrossBuild ? ForDocker(new Dictionary<string, string>(Environment) { ["WHEELSMITH_TARGET_MACHINE"] = Architecture.Machine }) : StepEnvironment;

    /// <summary>The installer runs in the new environment, finding itself in Debian's folder (last, so that no --env replaces it).</summary>
    public IReadOnlyList<string> InstallEnvironment => Policy.InstallWithPip ? StepEnvironment : [.. StepEnvironment, $"PYTHONPATH={InstallerPath}"];

    public IReadOnlyList<string> TestEnvironment => ForDocker(new Dictionary<string, string>(Environment)
    {
        ["VIRTUAL_ENV"] = VenvPath,
        ["PATH"] = $"{VenvPath}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    });

    /// <summary>Host folders copied into the build container, and where.</summary>
    public IReadOnlyList<(string Host, string Container)> BuildInputs =>
        Options.ImageMagickPathFor(Architecture) is { } imagemagick ? [(Options.Source, ProjectPath), (imagemagick, DepsPath)] : [(Options.Source, ProjectPath)];

    public IReadOnlyList<string> BuildCommand =>
        [Interpreter, "-m", "build", "--wheel", .. Policy.BuildIsolation ? Array.Empty<string>() : ["--no-isolation"], .. CrossConfigSettings, "--outdir", BuiltPath, "."];

    public IReadOnlyList<string> RepairCommand(string wheel) =>
        Options.RepairCommand is { } command
            ? ["sh", "-c", Placeholders(command).Replace("{wheel}", $"{BuiltPath}/{wheel}", StringComparison.Ordinal).Replace("{dest_dir}", RepairedPath, StringComparison.Ordinal)]
            : ["auditwheel", "repair", "--plat", Platform, "--wheel-dir", RepairedPath, $"{BuiltPath}/{wheel}"];

    /// <summary>cibuildwheel's before-build: in the build container, before the build, as the build runs; null when there is none.</summary>
    public IReadOnlyList<string>? BeforeBuildCommand => Options.BeforeBuild is { } command ? ["sh", "-c", Placeholders(command)] : null;

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
                ? [Interpreter, CarriedCopy.ContainerPath, VenvSitePackages, $"{VenvPath}/bin", $"{VenvPath}/bin/python", OfflineCatalogue.DistPackages, .. carried.Select(d => d.DebianPackage).Distinct()]
                : null;

    /// <summary>The user's test command, run by the container's shell with {project} filled in; null when there is none.</summary>
    public IReadOnlyList<string>? TestCommand =>
        Options.TestCommand is { } command ? ["sh", "-c", Placeholders(command)] : null;

    // {project} is the copy of --source in the container, {package} the package's folder in it, as in cibuildwheel.
    private string Placeholders(string command) =>
        command.Replace("{project}", ProjectPath, StringComparison.Ordinal).Replace("{package}", PackagePath, StringComparison.Ordinal);

    // A user other than root has no writable home in the image; /tmp is.
    private IReadOnlyList<string> ForDocker(IEnumerable<KeyValuePair<string, string>> variables) =>
        [.. variables.Select(kv => $"{kv.Key}={kv.Value}"), .. User.Uid == 0 ? [] : new[] { "HOME=/tmp" }, .. Options.Environment];
}
