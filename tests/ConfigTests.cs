using Wheelsmith.Options;
using Wheelsmith.Host;
using Wheelsmith.Plan;

namespace Wheelsmith.Tests;

/// <summary>
/// Configuration where projects keep it, without Docker: [tool.wheelsmith] and [tool.cibuildwheel]
/// in a project's pyproject.toml, WHEELSMITH_&lt;NAME&gt; variables and flags, their precedence, and
/// bad configuration said in one line naming the file, line or key.
/// </summary>
public sealed class ConfigTests
{
    /// <summary>A minimal project's pyproject.toml, to which a test adds its tables.</summary>
    internal const string Project = """
        [build-system]
        requires = ["setuptools>=77"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "configured"
        version = "1.0"

        """;

    private string _project = null!;

    [SetUp]
    public void CreateProject() => _project = Directory.CreateTempSubdirectory("wheelsmith-config-").FullName;

    [TearDown]
    public void RemoveProject() => Directory.Delete(_project, recursive: true);

    private BuildOptions Parse(string tables, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), Project + tables);
        return BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, .. arguments]), OptionsTests.Paths, Environment.CurrentDirectory,
            name => environment?.GetValueOrDefault(name));
    }

    private string Fails(string tables, params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), Project + tables);
        var error = Assert.Catch(() => BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, .. arguments]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null))!;
        Assert.That(error, Is.TypeOf<OptionException>().Or.TypeOf<ConfigException>());
        return error.Message;
    }

    private const string Both = """
        [tool.wheelsmith]
        test-command = "from wheelsmith"
        cpython = ["cp313", "cp314"]

        [tool.cibuildwheel]
        test-command = "from cibuildwheel"
        archs = "aarch64"
        environment = '''A=1 B="$A-two" C='$A''''
        """;

    [Test]
    public void The_command_line_wins_then_the_environment_then_tool_wheelsmith_then_tool_cibuildwheel_then_the_default()
    {
        var file = Path.Combine(_project, "pyproject.toml");
        var configured = Parse(Both);
        var fromEnvironment = Parse(Both, new Dictionary<string, string> { ["WHEELSMITH_TEST_COMMAND"] = "from the environment" });
        var fromFlag = Parse(Both, new Dictionary<string, string> { ["WHEELSMITH_TEST_COMMAND"] = "from the environment" }, "--test-command=from the flag", "--arch=x86_64");
        Assert.Multiple(() =>
        {
            Assert.That((configured.TestCommand, configured.Sources["test-command"].Label), Is.EqualTo(("from wheelsmith", $"{file} [tool.wheelsmith] test-command")));
            Assert.That((configured.Architectures.Single().Name, configured.Sources["arch"].Label), Is.EqualTo(("arm64", $"{file} [tool.cibuildwheel] archs")));
            Assert.That(configured.CPythons!.Select(c => c.ToString()), Is.EqualTo(new[] { "cp313", "cp314" }), "a TOML list reads as the flag's comma list");
            Assert.That(configured.EnvironmentAssignments.Select(a => (a.Name, a.Shell)), Is.EqualTo(new[] { ("A", "1"), ("B", "\"$A-two\""), ("C", "'$A'") }),
                "cibuildwheel's environment: assignments kept as shell text, for the container's shell to evaluate");
            Assert.That((configured.Jobs, configured.Sources["jobs"].Kind), Is.EqualTo((Math.Max(1, Environment.ProcessorCount), OptionSourceKind.Default)));
            Assert.That((fromEnvironment.TestCommand, fromEnvironment.Sources["test-command"].Label), Is.EqualTo(("from the environment", "WHEELSMITH_TEST_COMMAND")));
            Assert.That((fromFlag.TestCommand, fromFlag.Sources["test-command"].Label), Is.EqualTo(("from the flag", "--test-command")));
            Assert.That(fromFlag.Architectures.Single().Name, Is.EqualTo("x86_64"));
        });
    }

    [Test]
    public void Cibuildwheels_linux_table_overrides_its_main_table_and_selectors_pick_the_cells()
    {
        var options = Parse("""
            [tool.cibuildwheel]
            build = ["cp31*"]
            skip = "cp314-manylinux_aarch64 *-musllinux_*"
            archs = "aarch64"
            audit-requires = ["abi3audit"]
            [tool.cibuildwheel.linux]
            archs = ["x86_64", "aarch64"]
            repair-wheel-command = "auditwheel repair -w {dest_dir} {wheel}"
            before-all = "echo all"
            before-build = ["echo one", "echo two"]
            """, null, "--base=local");
        var cells = WheelPlanTests.CellsOf(options, new InvokingUser(1000, 1000)).Select(c => c.Identifier.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(cells, Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64", "cp313-manylinux_aarch64" }));
            Assert.That(options.ConfigWarnings, Is.EqualTo(new[] { "[tool.cibuildwheel] audit-requires" }), "what is not acted on is named once");
            Assert.That((options.RepairCommand, options.BeforeAll, options.BeforeBuild), Is.EqualTo(("auditwheel repair -w {dest_dir} {wheel}", "echo all", "echo one && echo two")));
            Assert.That(WheelPlanTests.CellsOf(options, new InvokingUser(1000, 1000))[0].RepairCommand("p.whl"),
                Is.EqualTo(new[] { "sh", "-c", "mkdir -p /tmp/wheelsmith/repaired && auditwheel repair -w /tmp/wheelsmith/repaired /tmp/wheelsmith/built/p.whl" }));
        });
    }

    [Test]
    public void Only_on_the_command_line_overrides_arch_and_selectors_from_the_file() =>
        Assert.That(WheelPlanTests.CellsOf(Parse("[tool.wheelsmith]\narch = \"x86_64\"\n[tool.cibuildwheel]\nskip = \"*aarch64\"\n", null, "--base=local", "--only=cp314-manylinux_aarch64"),
            new InvokingUser(1000, 1000)).Select(c => c.Identifier.ToString()), Is.EqualTo(new[] { "cp314-manylinux_aarch64" }));

    [Test]
    public void Per_architecture_paths_are_checked_for_each_architecture_before_anything_runs()
    {
        Directory.CreateDirectory(Path.Combine(_project, "deps", "x86_64"));
        var tables = string.Empty;
        var both = Fails(tables, "--imagemagick-path=" + Path.Combine(_project, "deps", "{machine}"));
        var one = Parse(tables, null, "--arch=x86_64", "--imagemagick-path=" + Path.Combine(_project, "deps", "{machine}"));
        Assert.Multiple(() =>
        {
            Assert.That(both, Is.EqualTo($"--imagemagick-path: for arm64, '{Path.Combine(_project, "deps", "aarch64")}' does not exist; expected a directory"));
            Assert.That(one.ImageMagickPathFor(Architecture.X86_64), Is.EqualTo(Path.Combine(_project, "deps", "x86_64")));
        });
    }

    [Test]
    public void A_path_in_the_project_file_is_relative_to_the_package_folder_and_may_name_the_architecture()
    {
        foreach (var machine in new[] { "x86_64", "aarch64" })
        {
            Directory.CreateDirectory(Path.Combine(_project, "deps", machine));
        }

        var options = Parse("[tool.wheelsmith]\nimagemagick-path = \"deps/{machine}\"\n");
        Assert.Multiple(() =>
        {
            Assert.That(options.ImageMagickPathFor(Architecture.X86_64), Is.EqualTo(Path.Combine(_project, "deps", "x86_64")));
            Assert.That(options.ImageMagickPathFor(Architecture.Arm64), Is.EqualTo(Path.Combine(_project, "deps", "aarch64")));
            Assert.That(Fails("[tool.wheelsmith]\nimagemagick-path = \"missing/{arch}\"\n"),
                Is.EqualTo($"{Path.Combine(_project, "pyproject.toml")} [tool.wheelsmith] imagemagick-path: for x86_64, 'missing/x86_64' does not exist; expected a directory"));
        });
    }

    [TestCase("[tool.wheelsmith]\narch = \n", "pyproject.toml: line 9: Missing value after `=`; expected valid TOML")]
    [TestCase("[tool.wheelsmith]\narchitecture = \"x86_64\"\n", "[tool.wheelsmith] architecture: unknown key; expected one of arch, cpython")]
    [TestCase("[tool.wheelsmith]\noutput = \"dist\"\n", "[tool.wheelsmith] output: is for the command line or the environment (WHEELSMITH_OUTPUT), not a project's file")]
    [TestCase("[tool.wheelsmith]\narch = \"ppc64le\"\n", "[tool.wheelsmith] arch: 'ppc64le' is not accepted; expected x86_64")]
    [TestCase("[tool.wheelsmith]\narch = { x = 1 }\n", "[tool.wheelsmith] arch: is a table; expected a string, a number, true/false or a list of strings")]
    [TestCase("[tool.wheelsmith]\njobs = 3\n", "[tool.wheelsmith] jobs: is for the command line or the environment (WHEELSMITH_JOBS)")]
    [TestCase("[tool.cibuildwheel]\narchs = \"ppc64le\"\n", "[tool.cibuildwheel] archs: 'ppc64le' is a Linux architecture this tool does not build; it builds x86_64 and aarch64")]
    [TestCase("[tool.cibuildwheel]\nenvironment = 'ARCH=\"$PATH:/opt/bin\"'\n", "[tool.cibuildwheel] environment: 'ARCH' is set by the build itself; expected another name (PATH and HOME may be set)")]
    [TestCase("[tool.cibuildwheel]\nenvironment = 'A=\"open'\n", "[tool.cibuildwheel] environment: 'A=\"open' is not accepted; expected shell words whose \" is closed")]
    [TestCase("[tool.cibuildwheel]\nenvironment = 'A=1 just-a-word'\n", "[tool.cibuildwheel] environment: 'just-a-word' is not accepted; expected NAME=VALUE assignments")]
    [TestCase("[tool.cibuildwheel]\ntest-sources = [\"no-such-folder\"]\n", "[tool.cibuildwheel] test-sources: 'no-such-folder' does not exist in")]
    [TestCase("[tool.cibuildwheel]\nbuild-frontend = \"pip\"\n", "[tool.cibuildwheel] build-frontend: 'pip' needs pip in the image, and the local base's CPythons have none; use build")]
    [TestCase("[tool.cibuildwheel]\naudit-command = \"abi3audit --strict\"\n", "[tool.cibuildwheel] audit-command: 'abi3audit --strict' is not accepted; expected commands each naming either {wheel} or {abi3_wheel}")]
    public void Bad_configuration_is_one_line_naming_the_file_and_key(string tables, string said) =>
        Assert.That(Fails(tables, "--base=local"), Does.StartWith(Path.Combine(_project, "pyproject.toml")).And.Contain(said));

    [Test]
    public void A_bad_value_from_the_environment_is_named_by_its_variable()
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), Project);
        var error = Assert.Throws<OptionException>(() => BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project]), OptionsTests.Paths, Environment.CurrentDirectory,
            name => name == "WHEELSMITH_CPYTHON" ? "py311" : null))!;
        Assert.That(error.Message, Does.StartWith("WHEELSMITH_CPYTHON: 'py311' is not accepted; expected cpXY"));
    }
}
