using Wheelsmith.Options;

namespace Wheelsmith.Wheels;

/// <summary>
/// One architecture x CPython of the build matrix, planned from the options: what runs in its
/// containers, where, and with which environment. Nothing here touches Docker.
/// </summary>
public sealed record WheelCell(Architecture Architecture, CPythonTag CPython, BuildOptions Options, BasePolicy Policy, InvokingUser User)
{
    public const string ProjectPath = "/project";
    public const string DepsPath = "/tmp/deps";
    public const string BuiltPath = "/tmp/wheelsmith/built";
    public const string RepairedPath = "/tmp/wheelsmith/repaired";

    // docker cp needs the parent of what it copies in to exist.
    public const string WheelhousePath = "/tmp/wheelhouse";
    public const string VenvPath = "/tmp/venv";

    public string Name => $"BuildWheel[{Architecture},{CPython}]";

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
            };
            if (Options.ImageMagickPath is not null)
            {
                environment["IMAGICK_LIB_PATH"] = DepsPath;
            }

            return environment;
        }
    }

    /// <summary>docker's --user for the steps: the invoking user's uid:gid; null for root.</summary>
    public string? DockerUser => User.Uid == 0 ? null : $"{User.Uid}:{User.Gid}";

    /// <summary>The build's variables, then the --env ones, as docker's --env takes them.</summary>
    public IReadOnlyList<string> BuildEnvironment => ForDocker(Environment);

    public IReadOnlyList<string> TestEnvironment => ForDocker(new Dictionary<string, string>(Environment)
    {
        ["VIRTUAL_ENV"] = VenvPath,
        ["PATH"] = $"{VenvPath}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    });

    /// <summary>Host folders copied into the build container, and where.</summary>
    public IReadOnlyList<(string Host, string Container)> BuildInputs =>
        Options.ImageMagickPath is { } imagemagick ? [(Options.Source, ProjectPath), (imagemagick, DepsPath)] : [(Options.Source, ProjectPath)];

    public IReadOnlyList<string> BuildCommand =>
        [Interpreter, "-m", "build", "--wheel", .. Policy.BuildIsolation ? Array.Empty<string>() : ["--no-isolation"], "--outdir", BuiltPath, "."];

    public IReadOnlyList<string> RepairCommand(string wheel) =>
        ["auditwheel", "repair", "--plat", Platform, "--wheel-dir", RepairedPath, $"{BuiltPath}/{wheel}"];

    public IReadOnlyList<string> VenvCommand => [Interpreter, "-m", "venv", VenvPath];

    public IReadOnlyList<string> InstallCommand(string wheel) =>
        [$"{VenvPath}/bin/python", "-m", "pip", "install", "--no-cache-dir", .. Policy.Network == "none" ? new[] { "--no-index" } : [], $"{WheelhousePath}/{wheel}"];

    /// <summary>The user's test command, run by the container's shell with {project} filled in; null when there is none.</summary>
    public IReadOnlyList<string>? TestCommand =>
        Options.TestCommand is { } command ? ["sh", "-c", command.Replace("{project}", ProjectPath, StringComparison.Ordinal)] : null;

    // A user other than root has no writable home in the image; /tmp is.
    private IReadOnlyList<string> ForDocker(IReadOnlyDictionary<string, string> variables) =>
        [.. variables.Select(kv => $"{kv.Key}={kv.Value}"), .. User.Uid == 0 ? [] : new[] { "HOME=/tmp" }, .. Options.Environment];
}
