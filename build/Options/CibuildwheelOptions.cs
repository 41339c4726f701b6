namespace Wheelsmith.Options;

/// <summary>
/// cibuildwheel 4.2's options (its resources/defaults.toml and schema, and the variables its command
/// line reads), whether this build acts on them or not: what [tool.cibuildwheel], its overrides and
/// the CIBW_* variables are checked against. Which ones this build acts on is the option
/// declarations' business (<see cref="OptionDeclaration.Cibuildwheel"/>).
/// </summary>
public static class CibuildwheelOptions
{
    /// <summary>The platform tables of [tool.cibuildwheel]; only linux is read.</summary>
    public static readonly string[] Platforms = ["linux", "macos", "windows", "ios", "android", "pyodide"];

    /// <summary>The suffixes of the other platforms' variables (CIBW_TEST_COMMAND_MACOS), read without a word.</summary>
    public static readonly string[] OtherPlatformSuffixes = ["_MACOS", "_WINDOWS", "_IOS", "_ANDROID", "_PYODIDE"];

    private const string Commands = " && ";
    private const string Words = " ";

    // Architectures cibuildwheel builds on Linux beyond this tool's two, with their manylinux/musllinux images.
    private static readonly string[] OtherManylinux = ["i686", "ppc64le", "s390x", "armv7l", "riscv64", "pypy_x86_64", "pypy_i686", "pypy_aarch64"];
    private static readonly string[] Musllinux = ["x86_64", "i686", "aarch64", "ppc64le", "s390x", "armv7l", "riscv64"];

    public static readonly IReadOnlyList<CibuildwheelOption> All =
    [
        new("build", TomlShapes.StringOrList, Words) { PlatformVariable = false, InOverrides = false },
        new("skip", TomlShapes.StringOrList, Words) { PlatformVariable = false, InOverrides = false },
        new("test-skip", TomlShapes.StringOrList, Words) { PlatformVariable = false, InOverrides = false },
        new("enable", TomlShapes.StringOrList, Words) { PlatformVariable = false, InOverrides = false, VariableAppends = true },
        new("archs", TomlShapes.StringOrList, Words) { InOverrides = false, IgnoreEmpty = true },
        new("audit-requires", TomlShapes.StringOrList, Words),
        new("audit-command", TomlShapes.StringOrList, Commands),
        new("build-frontend", TomlShapes.StringOrTable) { PlatformVariable = false },
        new("config-settings", TomlShapes.StringOrTable, Words),
        new("dependency-versions", TomlShapes.StringOrTable) { Elsewhere = true },
        new("environment", TomlShapes.StringOrTable, Words),
        new("environment-pass", TomlShapes.StringOrList, Words),
        new("build-verbosity", TomlShapes.Integer),
        new("before-all", TomlShapes.StringOrList, Commands),
        new("before-build", TomlShapes.StringOrList, Commands),
        new("xbuild-tools", TomlShapes.StringOrList, Words) { Elsewhere = true },
        new("xbuild-files", TomlShapes.StringOrTable) { Elsewhere = true },
        new("repair-wheel-command", TomlShapes.StringOrList, Commands),
        new("test-command", TomlShapes.StringOrList, Commands),
        new("before-test", TomlShapes.StringOrList, Commands),
        new("test-sources", TomlShapes.StringOrList, Words),
        new("test-requires", TomlShapes.StringOrList, Words),
        new("test-extras", TomlShapes.StringOrList, ","),
        new("test-groups", TomlShapes.StringOrList, Words),
        new("test-environment", TomlShapes.StringOrTable, Words),
        new("test-runtime", TomlShapes.StringOrTable) { Elsewhere = true },
        new("container-engine", TomlShapes.StringOrTable),
        new("pyodide-version", TomlShapes.String) { PlatformVariable = false, Elsewhere = true },
        new("manylinux-x86_64-image", TomlShapes.String) { IgnoreEmpty = true },
        new("manylinux-aarch64-image", TomlShapes.String) { IgnoreEmpty = true },
        .. OtherManylinux.Select(arch => new CibuildwheelOption($"manylinux-{arch}-image", TomlShapes.String) { IgnoreEmpty = true, Elsewhere = true }),
        .. Musllinux.Select(arch => new CibuildwheelOption($"musllinux-{arch}-image", TomlShapes.String) { IgnoreEmpty = true, Elsewhere = true }),

        // The command line's, read from variables only.
        new("output-dir", TomlShapes.String) { InTable = false, PlatformVariable = false },
        new("allow-empty", TomlShapes.String) { InTable = false, PlatformVariable = false },
        new("project-requires-python", TomlShapes.String) { InTable = false, PlatformVariable = false },
        new("platform", TomlShapes.String) { InTable = false, PlatformVariable = false },
        new("debug-traceback", TomlShapes.String) { InTable = false, PlatformVariable = false, Elsewhere = true },
        new("debug-keep-container", TomlShapes.String) { InTable = false, PlatformVariable = false, Elsewhere = true },
        new("cache-path", TomlShapes.String) { InTable = false, PlatformVariable = false, Elsewhere = true },
    ];

    public static CibuildwheelOption? Find(string key) => All.FirstOrDefault(option => option.Key == key && option.InTable);

    /// <summary>The option a CIBW_* variable sets (CIBW_ARCHS_LINUX: archs), or null when cibuildwheel reads no such variable.</summary>
    public static CibuildwheelOption? OfVariable(string name) =>
        All.FirstOrDefault(option => option.Variable == name || option.LinuxVariable == name || (option.PlatformVariable && OtherPlatformSuffixes.Any(suffix => option.Variable + suffix == name)));

    /// <summary>The table keys, for the unknown-key error.</summary>
    public static string TableKeys => string.Join(", ", All.Where(option => option.InTable && !option.Key.Contains("-image", StringComparison.Ordinal)).Select(option => option.Key)) + ", manylinux-<arch>-image, musllinux-<arch>-image";
}
