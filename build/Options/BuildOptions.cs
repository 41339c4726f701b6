using System.Text.RegularExpressions;
using Cake.Core;

namespace Wheelsmith.Options;

/// <summary>
/// Every option of the build, read once from Cake's arguments and validated before any task runs.
/// </summary>
public sealed partial record BuildOptions
{
    /// <summary>Options the Frosting host consumes itself; they reach the arguments too.</summary>
    private static readonly string[] HostOptions = ["target", "verbosity", "dryrun", "noop", "whatif", "tree", "description", "exclusive", "version", "ver"];

    /// <summary>The build's options and what each takes: the unknown-option error names them, --help lists them.</summary>
    public static readonly IReadOnlyList<OptionDeclaration> Known =
    [
        new("arch", $"{Architecture.Accepted}; default all", true),
        new("cpython", $"{CPythonTag.Accepted}; default all the image has", true),
        new("only", $"cells by identifier, as cibuildwheel names builds: {CellIdentifier.Accepted}; not with --arch or --cpython", true),
        new("base", "manylinux2014 (quay.io/pypa images) or local (Debian bootstrapped here); default manylinux2014", true),
        new("x64-base-image", "an image to build the x86_64 image on, instead of --base's", true),
        new("arm-base-image", "an image to build the arm64 image on, instead of --base's", true),
        new("arm-build", "cross (aarch64 wheels built natively by a cross toolchain, only the test under QEMU; default on --base=local on an x86_64 host) or emulated (every step in the aarch64 image under QEMU; default on manylinux2014)", true),
        new("source", "the project to build, copied whole into each container; default the bundled sample", false),
        new("package-dir", "the Python package's folder inside --source; default .", false),
        new("output", "where the wheels and logs/ go; default dist", false),
        new("plat", $"{PlatformSelection.Accepted}; default manylinux2014_<arch>, auto on --base=local", true),
        new("test-command", "run against the installed wheel in a clean container, {project} is the source; default: the sample's smoke test, none for other sources", true),
        new("imagemagick-path", "a prebuilt ImageMagick tree, copied to /tmp/deps (IMAGICK_LIB_PATH)", true),
        new("fail-fast", "stop at the first failing cell; default run every cell", true),
        new("before-all", "a shell command run once per architecture, as root, in a build container holding the source, before its cells; what it leaves is kept as an image for them; default none", true),
        new("before-build", "a shell command run in each cell's build container before python -m build, {project} and {package} filled in; default none", true),
        new("repair-command", "replaces auditwheel repair: a shell command with {wheel} (the built wheel) and {dest_dir} (where repaired wheels go); default auditwheel repair --plat <plat>", true),
        new("env", "NAME or NAME=VALUE passed into the containers, repeatable; default none", true),
        new("images", "the build image's recipe folder (a Dockerfile); default images/build", true),
        new("jobs", "how many cells run at once, 1 to 64; default one per core", false),
        new("format", "how --target=Matrix prints the cells: text (one identifier a line) or json; default text", false),
        new("memory", "each container's memory limit, as docker's --memory takes it (512m, 4g; at least 64m); default three quarters of this host's memory divided by --jobs", true),
        new("cpus", "how many CPUs each container may use, as docker's --cpus takes it (1.5), up to this host's cores; default no limit", true),
        new("engine", $"the container engine's CLI: {Wheelsmith.Docker.ContainerEngine.Accepted}; default docker", false),
        new("no-wait", "when another run is writing to --output, fail at once naming it instead of waiting for it to end", false),
    ];

    /// <summary>Set by the build in every container; --env cannot change them.</summary>
    public static readonly string[] BuildVariables = ["ARCH", "CPYTHON_VERSION", "ABI_FLAG", "PLAT", "USER_ID", "GROUP_ID", "IMAGICK_LIB_PATH", "HOME", "PATH", "VIRTUAL_ENV", "_PYTHON_HOST_PLATFORM", "_PYTHON_SYSCONFIGDATA_NAME", "WHEELSMITH_TARGET_MACHINE", "SOURCE_DATE_EPOCH", "PYTHONHASHSEED"];

    /// <summary>What --test-command is when the bundled sample is built and none is given.</summary>
    public const string SampleTestCommand = "python {project}/tests/smoke.py";

    public required IReadOnlyList<Architecture> Architectures { get; init; }

    /// <summary>The CPythons asked for; null means every one the image has.</summary>
    public required IReadOnlyList<CPythonTag>? CPythons { get; init; }

    /// <summary>The cells named with --only; null means every architecture x CPython selected.</summary>
    public required IReadOnlyList<CellIdentifier>? Only { get; init; }

    /// <summary>How the Matrix target prints the cells.</summary>
    public required MatrixFormat Format { get; init; }

    public required BaseKind Base { get; init; }

    /// <summary>How the arm64 cells build: cross-compiled on this x86_64 host, or in the aarch64 image under QEMU.</summary>
    public required ArmBuild ArmBuild { get; init; }

    /// <summary>Base images named with --x64-base-image / --arm-base-image, by architecture.</summary>
    public required IReadOnlyDictionary<Architecture, string> BaseImageOverrides { get; init; }

    /// <summary>The project to build, an absolute path; the whole tree is copied into each build container.</summary>
    public required string Source { get; init; }

    /// <summary>The Python package's folder inside <see cref="Source"/>, relative, with '/' separators.</summary>
    public required string PackageDirectory { get; init; }

    /// <summary>What the cells build and repair with as SOURCE_DATE_EPOCH; see <see cref="SourceDate"/>.</summary>
    public long SourceDateEpoch => SourceDate.Value;

    /// <summary>Found when first needed; see <see cref="Options.SourceDate.Deferred"/>.</summary>
    public required Lazy<long> SourceDate { get; init; }

    /// <summary>Where the wheels (and the cells' logs) go, an absolute path.</summary>
    public required string Output { get; init; }

    /// <summary>The --plat value; null means the base's default.</summary>
    public required PlatformSelection? Platform { get; init; }

    /// <summary>Run in the clean test container, {project} standing for the copy of the source; null: not tested.</summary>
    public required string? TestCommand { get; init; }

    /// <summary>Run once per architecture before its cells (cibuildwheel's before-all); null: none.</summary>
    public string? BeforeAll { get; init; }

    /// <summary>Run in each build container before the build (cibuildwheel's before-build); null: none.</summary>
    public string? BeforeBuild { get; init; }

    /// <summary>Instead of auditwheel repair, with {wheel} and {dest_dir}; null: auditwheel.</summary>
    public string? RepairCommand { get; init; }

    /// <summary>A prebuilt ImageMagick tree copied to /tmp/deps in each build container.</summary>
    public required string? ImageMagickPath { get; init; }

    /// <summary>The prebuilt ImageMagick tree of one architecture: --imagemagick-path with {arch} and {machine} filled in.</summary>
    public string? ImageMagickPathFor(Architecture architecture) => ImageMagickPath is { } template ? ArchitecturePath.Expand(template, architecture) : null;

    public required bool FailFast { get; init; }

    /// <summary>How many cells run at once.</summary>
    public required int Jobs { get; init; }

    /// <summary>Each cell container's memory limit, as docker's --memory takes it.</summary>
    public required string Memory { get; init; }

    /// <summary>Each cell container's CPU limit, as docker's --cpus takes it; null: none.</summary>
    public required string? Cpus { get; init; }

    /// <summary>The container engine every verb goes through.</summary>
    public Wheelsmith.Docker.ContainerEngine Engine { get; init; } = Wheelsmith.Docker.ContainerEngine.Docker;

    /// <summary>Fail at once, rather than wait, when another run holds --output.</summary>
    public required bool NoWait { get; init; }

    /// <summary>The host variables passed into the containers, as docker's --env takes them: NAME (the host's value) or NAME=VALUE.</summary>
    public required IReadOnlyList<string> Environment { get; init; }

    /// <summary>The build image's recipe folder (a Dockerfile and its context).</summary>
    public required string Images { get; init; }

    /// <summary>cibuildwheel's build/skip selectors from the project's file; null: every cell of --arch x --cpython.</summary>
    public CellSelectors? Selectors { get; init; }

    /// <summary>The project's pyproject.toml, when it has one.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Keys of the project's file that this build does not act on, said once.</summary>
    public IReadOnlyList<string> ConfigWarnings { get; init; } = [];

    /// <summary>Where each option's value came from, by name.</summary>
    public IReadOnlyDictionary<string, OptionSource> Sources { get; init; } = new Dictionary<string, OptionSource>();

    public bool Builds(Architecture architecture) => Architectures.Contains(architecture);

    public static BuildOptions Parse(ICakeArguments arguments, BuildPaths paths, string workingDirectory, Func<string, string?> environment)
    {
        var commandLine = arguments.GetArguments();
        var unknown = commandLine.Keys.FirstOrDefault(k => k.Length > 0 && !Known.Any(option => string.Equals(option.Name, k, StringComparison.OrdinalIgnoreCase)) && !HostOptions.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new OptionException(unknown, $"unknown option; the build's options are {string.Join(", ", Known.Select(option => "--" + option.Name))}; --help describes them");
        }

        // The project's file is found from --source and --package-dir, which only the command line or the environment give.
        var values = new OptionValues(commandLine, environment, null, Known);
        string? Single(string name)
        {
            var given = values.Given(name);
            if (given.Count == 0)
            {
                return null;
            }

            var distinct = given.Distinct().ToList();
            if (distinct.Count > 1)
            {
                throw new OptionException(name, $"given twice with different values ('{string.Join("', '", distinct)}'); give it once");
            }

            return distinct[0] ?? throw new OptionException(name, $"needs a value (--{name}=VALUE)");
        }

        try
        {
            return Parse(paths, workingDirectory, environment, commandLine, Single, ref values);
        }
        catch (OptionException exception) when (values.SourceOf(exception.Option) is { Kind: not OptionSourceKind.CommandLine and not OptionSourceKind.Default } source)
        {
            // A bad value from the environment or the project's file is named where it was written.
            throw exception.From(source);
        }
    }

    private static BuildOptions Parse(BuildPaths paths, string workingDirectory, Func<string, string?> environment, IDictionary<string, ICollection<string>> commandLine,
        Func<string, string?> Single, ref OptionValues values)
    {
        var source = Single("source") is { } given ? ExistingDirectory("source", given, workingDirectory) : paths.Sample;
        var packageDirectory = ParsePackageDirectory(Single("package-dir") ?? ".", source);
        var project = ProjectConfig.Load(Path.GetFullPath(Path.Combine(source, packageDirectory, "pyproject.toml")), Known);
        values = new OptionValues(commandLine, environment, project, Known);

        var overrides = new Dictionary<Architecture, string>();
        foreach (var (option, architecture) in new[] { ("x64-base-image", Architecture.X86_64), ("arm-base-image", Architecture.Arm64) })
        {
            if (Single(option) is { } image)
            {
                overrides[architecture] = ImageReferencePattern().IsMatch(image)
                    ? image
                    : throw OptionException.Rejected(option, image, "a Docker image reference such as quay.io/pypa/manylinux2014_x86_64 or name:tag");
            }
        }

        var baseKind = ParseBase(Single("base") ?? "manylinux2014");
        if (project?.TestRequires is { } testRequires && baseKind == BaseKind.Local)
        {
            throw new ConfigException($"{testRequires.Label}: the local base reaches no package index, so nothing can be installed for the test; remove it, or build with --base=manylinux2014");
        }

        var only = ParseOnly(values, baseKind);
        var resolved = values;

        // A path the project's file gives is relative to that file's folder (the package's), as the file is read there.
        string RelativeTo(string option) =>
            resolved.SourceOf(option).Kind is OptionSourceKind.Wheelsmith or OptionSourceKind.Cibuildwheel && project is not null
                ? Path.GetDirectoryName(project.File)!
                : workingDirectory;
        var architectures = only is null ? ParseArchitectures(Single("arch") ?? "all") : Architecture.All.Where(a => only.Any(cell => cell.Architecture == a)).ToList();
        var testCommand = Single("test-command");
        var jobs = Single("jobs") is { } jobsText
            ? int.TryParse(jobsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 64
                ? count
                : throw OptionException.Rejected("jobs", jobsText, "how many cells run at once, a whole number from 1 to 64")
            : Math.Max(1, System.Environment.ProcessorCount);
        return new BuildOptions
        {
            Architectures = architectures,
            CPythons = only is null ? ParseCPythons(Single("cpython") ?? "all") : [.. only.Select(cell => cell.CPython).Distinct().Order()],
            Only = only,
            Format = Single("format") switch
            {
                null or "text" => MatrixFormat.Text,
                "json" => MatrixFormat.Json,
                var other => throw OptionException.Rejected("format", other, "text or json"),
            },
            Base = baseKind,
            ArmBuild = ParseArmBuild(Single("arm-build"), baseKind, overrides.ContainsKey(Architecture.Arm64)),
            BaseImageOverrides = overrides,
            Source = source,
            PackageDirectory = packageDirectory,
            SourceDate = Options.SourceDate.Deferred(source, environment),
            Output = ParseOutput(Single("output") ?? "dist", workingDirectory),
            Platform = Single("plat") is { } plat ? PlatformSelection.Parse(plat, architectures) : null,
            TestCommand = testCommand is null
                ? source == paths.Sample ? SampleTestCommand : null
                : testCommand.Trim().Length > 0 ? testCommand : throw OptionException.Rejected("test-command", testCommand, "a command to run, such as \"python {project}/tests/smoke.py\""),
            ImageMagickPath = Single("imagemagick-path") is { } imagemagick
                ? ArchitecturePath.Check("imagemagick-path", imagemagick, architectures, RelativeTo("imagemagick-path"), text => ExistingDirectory("imagemagick-path", text, RelativeTo("imagemagick-path")))
                : null,
            FailFast = ParseFlag("fail-fast", values),
            BeforeAll = Command("before-all", Single("before-all")),
            BeforeBuild = Command("before-build", Single("before-build")),
            RepairCommand = Command("repair-command", Single("repair-command")) is { } repair && !repair.Contains("{wheel}", StringComparison.Ordinal)
                ? throw OptionException.Rejected("repair-command", repair, "a command naming {wheel}, such as \"auditwheel repair -w {dest_dir} {wheel}\"")
                : Single("repair-command"),
            Selectors = only is null ? project?.Selectors : null,
            ConfigFile = project?.File,
            ConfigWarnings = project?.Ignored ?? [],
            Sources = Known.ToDictionary(option => option.Name, option => resolved.SourceOf(option.Name)),
            Jobs = jobs,
            Memory = Single("memory") is { } memory ? ResourceLimits.ParseMemory(memory) : ResourceLimits.DefaultMemory(jobs),
            Cpus = Single("cpus") is { } cpus ? ResourceLimits.ParseCpus(cpus) : null,
            NoWait = ParseFlag("no-wait", values),
            Engine = Single("engine") is { } engine
                ? Wheelsmith.Docker.ContainerEngine.Find(engine) ?? throw OptionException.Rejected("engine", engine, Wheelsmith.Docker.ContainerEngine.Accepted)
                : Wheelsmith.Docker.ContainerEngine.Docker,
            Environment = ParseEnvironment(values, environment),
            Images = ParseImages(Single("images"), paths, RelativeTo("images")),
        };
    }

    private static string? Command(string option, string? text) =>
        text is null ? null : text.Trim().Length > 0 ? text : throw OptionException.Rejected(option, text, "a shell command");

    private static string ParseImages(string? text, BuildPaths paths, string workingDirectory)
    {
        var folder = text is null ? paths.ImagesDirectory : ExistingDirectory("images", text, workingDirectory);
        return File.Exists(Path.Combine(folder, "Dockerfile"))
            ? folder
            : throw new OptionException("images", $"'{folder}' has no Dockerfile; expected the build image's recipe (this repository's images/build folder)");
    }

    private static IReadOnlyList<string> ParseEnvironment(OptionValues values, Func<string, string?> environment)
    {
        var given = values.Given("env");
        return given.Select(item =>
        {
            var name = (item ?? string.Empty).Split('=', 2)[0];
            if (!EnvironmentNamePattern().IsMatch(name))
            {
                throw OptionException.Rejected("env", item ?? string.Empty, "NAME (passes this environment's value) or NAME=VALUE, NAME of letters, digits and _");
            }

            if (BuildVariables.Contains(name))
            {
                throw new OptionException("env", $"'{name}' is set by the build itself; expected another name");
            }

            return item!.Contains('=') || environment(name) is not null
                ? item
                : throw new OptionException("env", $"'{name}' is not set in this environment; expected NAME=VALUE or an exported NAME");
        }).ToList();
    }

    private static string ExistingDirectory(string option, string text, string workingDirectory)
    {
        var path = Path.GetFullPath(text.Length == 0 ? "." : text, workingDirectory);
        return Directory.Exists(path) ? Path.TrimEndingDirectorySeparator(path)
            : File.Exists(path) ? throw new OptionException(option, $"'{text}' is a file; expected a directory")
            : throw new OptionException(option, $"'{text}' does not exist; expected a directory");
    }

    private static string ParsePackageDirectory(string text, string source)
    {
        if (Path.IsPathRooted(text))
        {
            throw new OptionException("package-dir", $"'{text}' is absolute; expected a folder relative to --source, such as python-package");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text, source));
        if (full != source && !full.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new OptionException("package-dir", $"'{text}' leaves --source ({source}); expected a folder inside it");
        }

        if (!File.Exists(Path.Combine(full, "pyproject.toml")) && !File.Exists(Path.Combine(full, "setup.py")))
        {
            throw new OptionException("package-dir", $"'{text}' in {source} has no pyproject.toml or setup.py; expected the Python package's folder");
        }

        return full == source ? "." : Path.GetRelativePath(source, full).Replace('\\', '/');
    }

    private static string ParseOutput(string text, string workingDirectory)
    {
        var path = Path.GetFullPath(text.Length == 0 ? throw OptionException.Rejected("output", text, "a directory for the wheels") : text, workingDirectory);
        if (File.Exists(path))
        {
            throw new OptionException("output", $"'{text}' is a file; expected a directory for the wheels");
        }

        // The folder is made only when a cell runs; what must be writable now is the nearest existing one.
        var existing = path;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }

        return Writable.Check(existing)
            ? Path.TrimEndingDirectorySeparator(path)
            : throw new OptionException("output", $"'{text}' is not writable ({existing} refuses writes); expected a directory this user can write");
    }

    private static bool ParseFlag(string name, OptionValues values)
    {
        return values.Given(name).Distinct().ToList() switch
        {
            [] => false,
            [null] or ["true"] or [""] => true,
            ["false"] => false,
            var other => throw OptionException.Rejected(name, string.Join(", ", other), "no value, true or false"),
        };
    }

    // As in cibuildwheel, --only names the cells itself: together with --arch or --cpython one of them would be ignored.
    private static IReadOnlyList<CellIdentifier>? ParseOnly(OptionValues values, BaseKind baseKind)
    {
        var given = values.Given("only");
        if (given.Count == 0)
        {
            return null;
        }

        var clash = new[] { "arch", "cpython" }.FirstOrDefault(name => values.SourceOf(name).Kind <= values.SourceOf("only").Kind);
        if (clash is not null)
        {
            throw new OptionException("only", $"cannot be combined with --{clash}; --only names the cells by itself (cp313-manylinux_aarch64), as in cibuildwheel");
        }

        var declared = BasePolicy.For(baseKind).CPythons;
        return given.SelectMany(text => Items("only", text ?? string.Empty, CellIdentifier.Accepted)).Select(item =>
        {
            var cell = CellIdentifier.TryParse(item) ?? throw OptionException.Rejected("only", item, CellIdentifier.Accepted);
            return declared.Contains(cell.CPython)
                ? cell
                : throw new OptionException("only", $"'{item}' is not a cell of --base={baseKind.ToString().ToLowerInvariant()}; its CPythons are {string.Join(", ", declared)}");
        }).Distinct().ToList();
    }

    private static IReadOnlyList<Architecture> ParseArchitectures(string text)
    {
        if (text == "all")
        {
            return Architecture.All;
        }

        var picked = Items("arch", text, Architecture.Accepted).Select(item => Architecture.Find(item) ?? throw OptionException.Rejected("arch", item, Architecture.Accepted));
        return Architecture.All.Where(picked.ToHashSet().Contains).ToList();
    }

    private static IReadOnlyList<CPythonTag>? ParseCPythons(string text) =>
        text == "all"
            ? null
            : Items("cpython", text, CPythonTag.Accepted)
                .Select(item => CPythonTag.TryParse(item) ?? throw OptionException.Rejected("cpython", item, CPythonTag.Accepted))
                .Distinct().Order().ToList();

    // Cross needs the local cross image; manylinux2014 images carry no aarch64 cross toolchain.
    private static ArmBuild ParseArmBuild(string? text, BaseKind baseKind, bool armBaseImage)
    {
        var crossPossible = baseKind == BaseKind.Local && !armBaseImage && Architecture.Host != Architecture.Arm64;
        return text switch
        {
            null => crossPossible ? ArmBuild.Cross : ArmBuild.Emulated,
            "emulated" => ArmBuild.Emulated,
            "cross" when crossPossible => ArmBuild.Cross,
            "cross" when baseKind != BaseKind.Local => throw new OptionException("arm-build", "'cross' needs --base=local (the manylinux2014 images carry no aarch64 cross toolchain); expected emulated, or --base=local"),
            "cross" when armBaseImage => throw new OptionException("arm-build", "'cross' builds in the local cross image, but --arm-base-image names an image to build in under emulation; expected emulated, or no --arm-base-image"),
            "cross" => throw new OptionException("arm-build", "'cross' is for an x86_64 host; this aarch64 host builds arm64 natively; expected emulated"),
            _ => throw OptionException.Rejected("arm-build", text, "cross or emulated"),
        };
    }

    private static BaseKind ParseBase(string text) => text switch
    {
        "manylinux2014" => BaseKind.Manylinux2014,
        "local" => BaseKind.Local,
        _ => throw OptionException.Rejected("base", text, "manylinux2014 (quay.io/pypa images) or local (Debian bootstrapped here)"),
    };

    private static string[] Items(string option, string text, string accepted)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Length == 0 || items.Any(string.IsNullOrEmpty) ? throw OptionException.Rejected(option, text, accepted) : items;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();

    // registry[:port]/path[:tag][@digest], lower case path as Docker requires.
    [GeneratedRegex(@"^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReferencePattern();
}
