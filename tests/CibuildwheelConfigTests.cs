using Wheelsmith.Host;
using Wheelsmith.Options;
using Wheelsmith.Plan;
using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Tests;

/// <summary>
/// cibuildwheel's configuration as a project's workflow and pyproject.toml give it, without Docker: the
/// CIBW_* variables and their place in the precedence, the selection (brace patterns, fnmatch sets,
/// requires-python, enable, archs, musllinux, an empty selection), overrides per cell, test-skip,
/// --config-file, and bad cibuildwheel configuration as one line naming file, table and key, or variable.
/// </summary>
public sealed class CibuildwheelConfigTests
{
    private const string Project = ConfigTests.Project;

    private static readonly GitContext Git = new();

    private string _project = null!;

    [SetUp]
    public void CreateProject() => _project = Directory.CreateTempSubdirectory("wheelsmith-cibw-").FullName;

    [TearDown]
    public void RemoveProject() => Directory.Delete(_project, recursive: true);

    private string File => Path.Combine(_project, "pyproject.toml");

    private BuildOptions Parse(string tables, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        System.IO.File.WriteAllText(File, Project + tables);
        environment ??= new Dictionary<string, string>();
        return BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, .. arguments]), OptionsTests.Paths, Environment.CurrentDirectory, environment.GetValueOrDefault, environment.Keys);
    }

    private RunPlan Plan(string tables, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        RunPlan.Make("Wheels", Parse(tables, environment, arguments), OptionsTests.Paths, new InvokingUser(1000, 1000), _ => null, new GitFacts(Git));

    private string[] Selected(string tables, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        [.. Plan(tables, environment, arguments).Cells.Select(cell => cell.Identifier.ToString())];

    // The error of a configuration refused while options or the plan are made, before anything runs.
    private string Refused(string tables, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var error = Assert.Catch(() => Plan(tables, environment, arguments))!;
        Assert.That(error, Is.TypeOf<OptionException>().Or.TypeOf<ConfigException>(), error.ToString());
        Assert.That(error.Message, Does.Not.Contain('\n'), "one line");
        return error.Message;
    }

    private static Dictionary<string, string> Variables(params string[] assignments) =>
        assignments.Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]);

    [Test]
    public void The_command_line_wins_then_WHEELSMITH_then_CIBW_LINUX_then_CIBW_then_tool_wheelsmith_then_tool_cibuildwheel_linux_then_tool_cibuildwheel()
    {
        const string tables = """
            [tool.wheelsmith]
            test-command = "wheelsmith"
            [tool.cibuildwheel]
            test-command = "cibuildwheel"
            before-build = "cibuildwheel"
            [tool.cibuildwheel.linux]
            before-build = "linux"
            """;
        (string?, string) TestCommand(BuildOptions options) => (options.TestCommand, options.Sources["test-command"].Label);
        var all = Variables("WHEELSMITH_TEST_COMMAND=wheelsmith variable", "CIBW_TEST_COMMAND_LINUX=linux variable", "CIBW_TEST_COMMAND=cibw variable");
        Assert.Multiple(() =>
        {
            Assert.That(TestCommand(Parse(tables, all, "--test-command=flag")), Is.EqualTo(("flag", "--test-command")));
            Assert.That(TestCommand(Parse(tables, all)), Is.EqualTo(("wheelsmith variable", "WHEELSMITH_TEST_COMMAND")));
            all.Remove("WHEELSMITH_TEST_COMMAND");
            Assert.That(TestCommand(Parse(tables, all)), Is.EqualTo(("linux variable", "CIBW_TEST_COMMAND_LINUX")));
            all.Remove("CIBW_TEST_COMMAND_LINUX");
            Assert.That(TestCommand(Parse(tables, all)), Is.EqualTo(("cibw variable", "CIBW_TEST_COMMAND")));
            Assert.That(TestCommand(Parse(tables)), Is.EqualTo(("wheelsmith", $"{File} [tool.wheelsmith] test-command")));
            Assert.That(TestCommand(Parse(tables.Replace("[tool.wheelsmith]\ntest-command = \"wheelsmith\"\n", string.Empty, StringComparison.Ordinal))),
                Is.EqualTo(("cibuildwheel", $"{File} [tool.cibuildwheel] test-command")));
            var options = Parse(tables);
            Assert.That((options.BeforeBuild, options.Sources["before-build"].Label), Is.EqualTo(("linux", $"{File} [tool.cibuildwheel.linux] before-build")));
            Assert.That(Parse(tables, Variables("CIBW_BUILD=cp313-*")).Sources["build"].Label, Is.EqualTo("CIBW_BUILD"));
        });
    }

    [Test]
    public void Every_option_with_a_cibuildwheel_key_has_its_variable()
    {
        var options = Parse(string.Empty, Variables(
            "CIBW_ARCHS=aarch64", "CIBW_BEFORE_ALL=make", "CIBW_BEFORE_BUILD=echo b", "CIBW_REPAIR_WHEEL_COMMAND=cp {wheel} {dest_dir}",
            "CIBW_ENVIRONMENT=A=1 B=\"$A-2\"", "CIBW_MANYLINUX_X86_64_IMAGE=manylinux_2_28", "CIBW_OUTPUT_DIR=" + Path.Combine(_project, "wheelhouse"),
            "CIBW_CONTAINER_ENGINE=podman; create_args: --gpus all", "CIBW_SKIP=pp*", "CIBW_TEST_SKIP=*aarch64", "CIBW_ALLOW_EMPTY=yes",
            "CIBW_PROJECT_REQUIRES_PYTHON=>=3.13"));
        Assert.Multiple(() =>
        {
            Assert.That(options.Architectures, Is.EqualTo(new[] { Architecture.Arm64 }));
            Assert.That((options.BeforeAll, options.BeforeBuild, options.RepairCommand), Is.EqualTo(("make", "echo b", "cp {wheel} {dest_dir}")));
            Assert.That(options.EnvironmentAssignments.Select(assignment => assignment.Name), Is.EqualTo(new[] { "A", "B" }), "evaluated later, in the container");
            Assert.That(options.BaseImageOverrides[Architecture.X86_64], Is.EqualTo("quay.io/pypa/manylinux_2_28_x86_64"));
            Assert.That((options.Output, options.Sources["output"].Label), Is.EqualTo((Path.Combine(_project, "wheelhouse"), "CIBW_OUTPUT_DIR")));
            Assert.That(options.Engine.Name, Is.EqualTo("podman"));
            Assert.That(options.Notes, Has.One.EqualTo("container-engine 'podman; create_args: --gpus all' (CIBW_CONTAINER_ENGINE): podman is used; create_args: --gpus all is not acted on by this tool."));
            Assert.That((options.Get(OptionDeclarations.Skip), options.Get(OptionDeclarations.TestSkip), options.Get(OptionDeclarations.AllowEmpty)), Is.EqualTo((new[] { "pp*" }, new[] { "*aarch64" }, true)));
            Assert.That(options.Get(OptionDeclarations.RequiresPython)!.Text, Is.EqualTo(">=3.13"));
            Assert.That(options.Sources.Where(s => s.Value.Kind == OptionSourceKind.CibuildwheelVariable).Select(s => s.Value.Label), Has.All.StartWith("CIBW_"));
        });
    }

    [TestCase("cp3{13,14}-*", "local", "cp313-manylinux_x86_64 cp314-manylinux_x86_64")]
    [TestCase("cp314{,t}-manylinux*", "manylinux2014", "cp314-manylinux_x86_64 cp314t-manylinux_x86_64")]
    [TestCase("cp31[!3]-*", "manylinux2014", "cp310-manylinux_x86_64 cp311-manylinux_x86_64 cp312-manylinux_x86_64 cp314-manylinux_x86_64")]
    [TestCase("cp3?-* cp31{0..1}-*", "manylinux2014", "cp38-manylinux_x86_64 cp39-manylinux_x86_64 cp310-manylinux_x86_64 cp311-manylinux_x86_64")]
    [TestCase("*", "local", "cp313-manylinux_x86_64 cp314-manylinux_x86_64")]
    public void Build_patterns_are_brace_expanded_and_matched_as_fnmatch(string build, string baseKind, string expected) =>
        Assert.That(Selected(string.Empty, Variables("CIBW_BUILD=" + build, "CIBW_ARCHS=x86_64"), "--base=" + baseKind), Is.EqualTo(expected.Split(' ')));

    [Test]
    public void Selector_patterns_expand_nested_braces_and_keep_a_brace_without_alternatives()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SelectorPatterns.Expand("cp3{1{2,3},9}-*"), Is.EqualTo(new[] { "cp312-*", "cp313-*", "cp39-*" }));
            Assert.That(SelectorPatterns.Expand("a{b}c"), Is.EqualTo(new[] { "a{b}c" }));
            Assert.That(SelectorPatterns.Matches(["cp313-*"], "cp313t-manylinux_x86_64"), Is.False, "no t after cp313 in the pattern");
            Assert.That(SelectorPatterns.Matches(["*-manylinux_[xa]*"], "cp313-manylinux_aarch64"), Is.True);
            Assert.That(SelectorPatterns.Matches(["CP313-*"], "cp313-manylinux_x86_64"), Is.False, "case-sensitive, as fnmatch on Linux");
        });
    }

    [Test]
    public void Skip_and_the_file_tables_select_too_and_a_list_is_joined_with_spaces()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Selected("[tool.cibuildwheel]\nbuild = [\"cp3{13,14}-*\"]\nskip = \"*-manylinux_aarch64 pp*\"\n", null, "--base=local"),
                Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64" }));
            Assert.That(Selected("[tool.cibuildwheel]\nskip = \"cp313-*\"\n", Variables("CIBW_SKIP=cp314-*"), "--base=local", "--arch=all"),
                Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp313-manylinux_aarch64" }), "the variable replaces the file's skip");
            Assert.That(Selected(string.Empty, null, "--base=local", "--skip=cp314-* *aarch64"), Is.EqualTo(new[] { "cp313-manylinux_x86_64" }));
        });
    }

    [Test]
    public void A_project_configured_for_cibuildwheel_without_archs_builds_this_host_s_architecture_as_cibuildwheel_s_auto()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Selected("[tool.cibuildwheel]\ntest-command = \"pytest\"\n", null, "--base=local"), Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64" }), "the table");
            Assert.That(Selected(string.Empty, Variables("CIBW_TEST_COMMAND=pytest"), "--base=local"), Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64" }), "a variable");
            Assert.That(Selected(string.Empty, null, "--base=local"), Has.Length.EqualTo(4), "a project not configured for cibuildwheel: this tool's default, both");
            Assert.That(Selected("[tool.cibuildwheel]\ntest-command = \"pytest\"\n", null, "--base=local", "--arch=all"), Has.Length.EqualTo(4), "the flag");
        });
    }

    [Test]
    public void Requires_python_comes_from_the_project_or_CIBW_PROJECT_REQUIRES_PYTHON()
    {
        var file = Project.Replace("version = \"1.0\"", "version = \"1.0\"\nrequires-python = \">=3.14\"", StringComparison.Ordinal);
        System.IO.File.WriteAllText(File, file);
        var fromProject = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--base=local", "--arch=all"]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null);
        Assert.Multiple(() =>
        {
            Assert.That(RunPlan.Make("Wheels", fromProject, OptionsTests.Paths, new InvokingUser(1000, 1000), _ => null, new GitFacts(Git)).Cells.Select(c => c.Identifier.ToString()),
                Is.EqualTo(new[] { "cp314-manylinux_x86_64", "cp314-manylinux_aarch64" }));
            Assert.That(fromProject.Sources["requires-python"].Label, Is.EqualTo($"{File} [project] requires-python"));
            Assert.That(Selected(string.Empty, Variables("CIBW_PROJECT_REQUIRES_PYTHON=<3.14"), "--base=local", "--arch=all"), Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp313-manylinux_aarch64" }));
        });
    }

    [Test]
    public void Requires_python_of_a_setup_cfg_project_counts_when_pyproject_has_none()
    {
        System.IO.File.WriteAllText(Path.Combine(_project, "setup.cfg"), "[metadata]\nname = old\n\n[options]\npython_requires = >=3.14\n");
        System.IO.File.WriteAllText(Path.Combine(_project, "setup.py"), "from setuptools import setup\nsetup()\n");
        var options = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--base=local"]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null);
        Assert.Multiple(() =>
        {
            Assert.That(options.Sources["requires-python"].Label, Is.EqualTo(Path.Combine(_project, "setup.cfg") + " [options] python_requires"));
            Assert.That(RunPlan.Make("Wheels", options, OptionsTests.Paths, new InvokingUser(1000, 1000), _ => null, new GitFacts(Git)).Cells.Select(c => c.CPython.ToString()).Distinct(),
                Is.EqualTo(new[] { "cp314" }));
        });
    }

    [Test]
    public void Requires_python_of_a_setup_py_project_counts_when_neither_file_states_it()
    {
        System.IO.File.WriteAllText(Path.Combine(_project, "setup.py"), "from setuptools import setup\n\nsetup(\n    name='old',\n    python_requires=\">=3.14\",\n)\n");
        var options = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--base=local", "--test-command=python -c 1"]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null);
        var cells = RunPlan.Make("Wheels", options, OptionsTests.Paths, new InvokingUser(1000, 1000), _ => null, new GitFacts(Git)).Cells;
        Assert.Multiple(() =>
        {
            Assert.That(options.Sources["requires-python"].Label, Is.EqualTo(Path.Combine(_project, "setup.py") + " python_requires"));
            Assert.That(cells.Select(c => c.CPython.ToString()).Distinct(), Is.EqualTo(new[] { "cp314" }));
            Assert.DoesNotThrow(() => OfflineRequirements.Check(cells), "no pyproject.toml to read: setuptools, as build assumes, and no dependencies");
        });
    }

    [TestCase(">=3.10", 9, false)]
    [TestCase(">=3.10", 10, true)]
    [TestCase(">=3.10.2", 10, true)]
    [TestCase(">3.10", 10, true)]
    [TestCase(">3.10.99", 10, false)]
    [TestCase("<3.13", 13, false)]
    [TestCase("<=3.13", 13, false)]
    [TestCase("<=3.13.99", 13, true)]
    [TestCase("==3.13.*", 13, true)]
    [TestCase("==3.13.*", 14, false)]
    [TestCase("!=3.13.*", 13, false)]
    [TestCase("~=3.10", 14, true)]
    [TestCase("~=3.10.0", 11, false)]
    [TestCase(">=3.9, !=3.11.*, <3.14", 11, false)]
    [TestCase(">=3.9, !=3.11.*, <3.14", 12, true)]
    [TestCase(">=3.10.0rc1", 10, true)]
    public void Requires_python_is_a_PEP_440_specifier_set_evaluated_at_X_Y_99(string specifier, int minor, bool allowed) =>
        Assert.That(RequiresPython.Parse("requires-python", specifier).Allows(minor), Is.EqualTo(allowed));

    [TestCase("3.10")]
    [TestCase(">=three")]
    [TestCase("~=3")]
    [TestCase(">=3.10.*")]
    public void A_bad_specifier_is_one_line_naming_the_variable(string specifier) =>
        Assert.That(Refused(string.Empty, Variables("CIBW_PROJECT_REQUIRES_PYTHON=" + specifier)),
            Is.EqualTo($"CIBW_PROJECT_REQUIRES_PYTHON: '{specifier}' is not accepted; expected {RequiresPython.Accepted}"));

    [Test]
    public void Enable_gates_the_free_threaded_313_when_cibuildwheels_selectors_are_used_and_CIBW_ENABLE_adds_to_the_files()
    {
        var x86 = Variables("CIBW_ARCHS=x86_64", "CIBW_BUILD=cp313* cp314*");
        Assert.Multiple(() =>
        {
            Assert.That(Selected(string.Empty, x86), Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64", "cp314t-manylinux_x86_64" }),
                "3.14t needs nothing since cibuildwheel 3; 3.13t needs cpython-freethreading");
            Assert.That(Selected(string.Empty, new Dictionary<string, string>(x86) { ["CIBW_ENABLE"] = "cpython-freethreading" }),
                Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp313t-manylinux_x86_64", "cp314-manylinux_x86_64", "cp314t-manylinux_x86_64" }));
            var both = Parse("[tool.cibuildwheel]\nenable = [\"cpython-prerelease\"]\n", Variables("CIBW_ENABLE=cpython-freethreading pypy"));
            Assert.That(both.Get(OptionDeclarations.Enable).Groups, Is.EqualTo(new[] { "cpython-prerelease", "cpython-freethreading", "pypy" }));
            Assert.That(both.Notes, Has.One.EqualTo("enable pypy (CIBW_ENABLE): this tool builds CPython only; those builds are not made here."));
            Assert.That(Selected(string.Empty, Variables("CIBW_ARCHS=x86_64")), Does.Contain("cp313t-manylinux_x86_64"), "without cibuildwheel's selectors, every CPython the base has, as before");
            Assert.That(Refused(string.Empty, Variables("CIBW_ENABLE=cpython-nogil")), Is.EqualTo($"CIBW_ENABLE: 'cpython-nogil' is not accepted; expected {EnableGroups.Accepted}"));
        });
    }

    [Test]
    public void Archs_auto_is_this_hosts_architecture_and_auto_aarch64_adds_the_other()
    {
        var host = Architecture.Host!;
        Assert.Multiple(() =>
        {
            Assert.That(Parse(string.Empty, Variables("CIBW_ARCHS=auto")).Architectures, Is.EqualTo(new[] { host }));
            Assert.That(Parse(string.Empty, Variables("CIBW_ARCHS=native")).Architectures, Is.EqualTo(new[] { host }));
            Assert.That(Parse(string.Empty, Variables("CIBW_ARCHS=auto64")).Architectures, Is.EqualTo(new[] { host }));
            Assert.That(Parse(string.Empty, Variables("CIBW_ARCHS=auto aarch64")).Architectures, Is.EqualTo(Architecture.All.Where(a => a == host || a == Architecture.Arm64)));
            Assert.That(Parse("[tool.cibuildwheel]\narchs = [\"auto\", \"aarch64\"]\n").Architectures, Does.Contain(Architecture.Arm64).And.Contain(host));
            Assert.That(Parse(string.Empty, Variables("CIBW_ARCHS=x86_64", "CIBW_ARCHS_LINUX=aarch64")).Architectures, Is.EqualTo(new[] { Architecture.Arm64 }), "the _LINUX form over the plain one");
            Assert.That(Parse(string.Empty, Variables("CIBW_ARCHS=")).Architectures, Is.EqualTo(Architecture.All), "an empty archs is not given, as cibuildwheel's ignore_empty");
            Assert.That(Parse(string.Empty, null, "--arch=all").Architectures, Is.EqualTo(Architecture.All), "the tool's own --arch as before");
            Assert.That(Parse(string.Empty).Architectures, Is.EqualTo(Architecture.All), "the tool's own default as before");
        });
    }

    [Test]
    public void Archs_this_tool_does_not_build_are_a_note_from_all_or_auto32_and_an_error_when_named()
    {
        var all = Parse(string.Empty, Variables("CIBW_ARCHS=all"));
        Assert.Multiple(() =>
        {
            Assert.That(all.Architectures, Is.EqualTo(Architecture.All));
            Assert.That(all.Notes, Has.One.EqualTo("archs 'all' (CIBW_ARCHS): i686, ppc64le, s390x, armv7l, riscv64 not built by this tool (it builds x86_64 and aarch64); skipped."));
            Assert.That(Refused(string.Empty, Variables("CIBW_ARCHS=x86_64 ppc64le")), Is.EqualTo("CIBW_ARCHS: 'ppc64le' is a Linux architecture this tool does not build; it builds x86_64 and aarch64"));
            Assert.That(Refused("[tool.cibuildwheel.linux]\narchs = \"s390x\"\n"), Is.EqualTo($"{File} [tool.cibuildwheel.linux] archs: 's390x' is a Linux architecture this tool does not build; it builds x86_64 and aarch64"));
            Assert.That(Refused(string.Empty, Variables("CIBW_ARCHS=sparc")), Does.StartWith("CIBW_ARCHS: 'sparc' is not accepted; expected x86_64, aarch64, native, auto"));
            Assert.That(Refused(string.Empty, Variables("CIBW_ARCHS=auto32")), Does.StartWith("No cell selected: build '*' (default), skip '-' (default), archs '' (CIBW_ARCHS)"));
        });
    }

    [Test]
    public void Musllinux_builds_a_pattern_selects_are_one_note_and_named_with_only_an_error()
    {
        var plan = Plan(string.Empty, Variables("CIBW_BUILD=cp313-*", "CIBW_SKIP=*aarch64"), "--base=local");
        Assert.Multiple(() =>
        {
            Assert.That(plan.Cells.Select(c => c.Identifier.ToString()), Is.EqualTo(new[] { "cp313-manylinux_x86_64" }));
            Assert.That(plan.Notes, Has.One.EqualTo("cp313-musllinux_x86_64: selected by build/skip, but this tool builds manylinux wheels only; not built."));
            Assert.That(Plan(string.Empty, Variables("CIBW_SKIP=*musllinux*"), "--base=local").Notes, Is.Empty);
            Assert.That(Refused(string.Empty, null, "--only=cp313-musllinux_x86_64"),
                Is.EqualTo("--only: 'cp313-musllinux_x86_64' is a musllinux build, which this tool does not make; expected a manylinux identifier such as cp313-manylinux_x86_64"));
        });
    }

    [Test]
    public void An_empty_selection_is_an_error_naming_the_selectors_unless_allow_empty()
    {
        var none = Variables("CIBW_BUILD=cp27-*");
        Assert.Multiple(() =>
        {
            Assert.That(Refused(string.Empty, none, "--base=local"), Is.EqualTo(
                "No cell selected: build 'cp27-*' (CIBW_BUILD), skip '-' (default), archs 'x86_64' (default), requires-python '-' (default), enable 'none' (default), "
                + "of the CPythons cp313, cp314 (--base=local); expected selectors that leave at least one cell, or allow-empty (--allow-empty, CIBW_ALLOW_EMPTY=1)"));
            foreach (var allowed in new[] { Plan(string.Empty, new Dictionary<string, string>(none) { ["CIBW_ALLOW_EMPTY"] = "1" }, "--base=local"), Plan(string.Empty, none, "--base=local", "--allow-empty") })
            {
                Assert.That((allowed.Cells, allowed.Images), Is.EqualTo((Array.Empty<WheelCell>(), Array.Empty<PlannedImage>())), "nothing to build, no image to make");
                Assert.That(allowed.NeedsQemu, Is.False);
                Assert.That(allowed.Notes, Has.One.StartWith("No cell selected (build 'cp27-*' (CIBW_BUILD)").And.One.EndWith("allow-empty: nothing is built."));
            }
        });
    }

    [Test]
    public void An_override_changes_exactly_the_cells_it_selects()
    {
        const string tables = """
            [tool.cibuildwheel]
            test-command = "pytest {project}/tests"
            environment = { COMMON = "yes" }
            before-build = "echo base"

            [[tool.cibuildwheel.overrides]]
            select = "cp314-manylinux_aarch64"
            environment = { ONLY_ARM314 = "1" }
            test-command = "python -c 'print(314)'"

            [[tool.cibuildwheel.overrides]]
            select = ["cp313-*"]
            inherit.before-build = "append"
            inherit.environment = "prepend"
            before-build = ["echo one", "echo two"]
            environment = "FIRST=1"
            """;
        var plan = Plan(tables, null, "--base=local", "--arch=all");
        var cells = plan.Cells.ToDictionary(cell => cell.Identifier.ToString());
        Assert.Multiple(() =>
        {
            var arm314 = cells["cp314-manylinux_aarch64"];
            Assert.That(EnvironmentAssignment.Names(arm314.Options.EnvironmentAssignments), Is.EqualTo(new[] { "ONLY_ARM314" }), "an override without inherit replaces");
            Assert.That(arm314.TestCommand([]), Is.EqualTo(new[] { "sh", "-c", "python -c 'print(314)'" }));
            Assert.That(arm314.Options.Sources["test-command"].Label, Is.EqualTo($"{File} [[tool.cibuildwheel.overrides]] #1 (select = \"cp314-manylinux_aarch64\") test-command"));
            var x86314 = cells["cp314-manylinux_x86_64"];
            Assert.That(x86314.Options, Is.SameAs(plan.Options), "no override selects it: the run's options");
            Assert.That(x86314.TestCommand([]), Is.EqualTo(new[] { "sh", "-c", "pytest /project/tests" }));
            Assert.That(EnvironmentAssignment.Names(x86314.Options.EnvironmentAssignments), Is.EqualTo(new[] { "COMMON" }));
            foreach (var cp313 in new[] { cells["cp313-manylinux_x86_64"], cells["cp313-manylinux_aarch64"] })
            {
                Assert.That(cp313.Options.BeforeBuild, Is.EqualTo("echo base && echo one && echo two"), "inherit append");
                Assert.That(EnvironmentAssignment.Names(cp313.Options.EnvironmentAssignments), Is.EqualTo(new[] { "FIRST", "COMMON" }), "inherit prepend");
                Assert.That(cp313.TestCommand([]), Is.EqualTo(new[] { "sh", "-c", "pytest /project/tests" }));
            }

            Assert.That(plan.Options.BeforeBuild, Is.EqualTo("echo base"));
        });
    }

    [Test]
    public void A_variable_or_tool_wheelsmith_wins_over_an_override()
    {
        const string tables = "[tool.cibuildwheel]\n[[tool.cibuildwheel.overrides]]\nselect = \"*\"\ntest-command = \"from the override\"\n";
        Assert.Multiple(() =>
        {
            Assert.That(Plan(tables, null, "--base=local").Cells.Select(c => c.Options.TestCommand).Distinct(), Is.EqualTo(new[] { "from the override" }));
            Assert.That(Plan(tables, Variables("CIBW_TEST_COMMAND=from the variable"), "--base=local").Cells.Select(c => c.Options.TestCommand).Distinct(), Is.EqualTo(new[] { "from the variable" }));
            Assert.That(Plan("[tool.wheelsmith]\ntest-command = \"wheelsmith\"\n" + tables, null, "--base=local").Cells.Select(c => c.Options.TestCommand).Distinct(), Is.EqualTo(new[] { "wheelsmith" }));
        });
    }

    [Test]
    public void An_override_of_what_is_the_runs_not_a_cells_is_named_as_not_acted_on()
    {
        var options = Parse("[tool.cibuildwheel]\n[[tool.cibuildwheel.overrides]]\nselect = \"*aarch64\"\ncontainer-engine = \"podman\"\nmanylinux-aarch64-image = \"manylinux_2_28\"\n", null, "--base=local");
        Assert.Multiple(() =>
        {
            Assert.That(options.ConfigWarnings, Is.EqualTo(new[] { "[[tool.cibuildwheel.overrides]] container-engine", "[[tool.cibuildwheel.overrides]] manylinux-aarch64-image" }));
            Assert.That(options.ForCell(CellIdentifier.TryParse("cp313-manylinux_aarch64")!).Engine.Name, Is.EqualTo("docker"));
        });
    }

    [Test]
    public void Before_all_is_the_architectures_first_cells_so_an_override_may_set_it_per_architecture()
    {
        var plan = Plan("[tool.cibuildwheel]\nbefore-all = \"echo all\"\n[[tool.cibuildwheel.overrides]]\nselect = \"*-manylinux_aarch64\"\nbefore-all = \"echo arm\"\n", null, "--base=local", "--arch=all");
        Assert.That(plan.Images.Where(image => image.Roles.HasFlag(ImageRoles.Build)).Select(image => (image.Architecture.Name, image.BeforeAll)),
            Is.EqualTo(new[] { ("x86_64", "echo all"), ("arm64", "echo arm") }));
    }

    [Test]
    public void Test_skip_builds_the_cells_it_selects_but_does_not_test_them()
    {
        var cells = Plan("[tool.cibuildwheel]\ntest-command = \"pytest\"\ntest-skip = \"*-manylinux_aarch64\"\n", null, "--base=local", "--arch=all").Cells;
        Assert.Multiple(() =>
        {
            Assert.That(cells, Has.Count.EqualTo(4));
            Assert.That(cells.Where(c => c.TestSkipped).Select(c => c.Identifier.ToString()), Is.EqualTo(new[] { "cp313-manylinux_aarch64", "cp314-manylinux_aarch64" }));
            Assert.That(cells.Where(c => c.TestSkipped).Select(c => (c.Tests, c.NotTestedBecause)), Has.All.EqualTo((false, "skipped by test-skip")));
            Assert.That(cells.Where(c => !c.TestSkipped).Select(c => c.NotTestedBecause), Has.All.Null);
            Assert.That(Report.TestOutcomeText.Label(Report.TestOutcome.SkippedByTestSkip), Is.EqualTo("skipped by test-skip"));
        });
    }

    [Test]
    public void Config_file_is_read_in_place_of_the_projects_tool_cibuildwheel()
    {
        Directory.CreateDirectory(Path.Combine(_project, "ci"));
        var config = Path.Combine(_project, "ci", "cibuildwheel.toml");
        System.IO.File.WriteAllText(config, "[tool.cibuildwheel]\ntest-command = \"from the config file\"\n");
        var options = Parse("[tool.cibuildwheel]\ntest-command = \"from pyproject\"\nbefore-build = \"pyproject's\"\n", null, "--config-file={package}/ci/cibuildwheel.toml");
        Assert.Multiple(() =>
        {
            Assert.That((options.TestCommand, options.Sources["test-command"].Label), Is.EqualTo(("from the config file", $"{config} [tool.cibuildwheel] test-command")));
            Assert.That(options.BeforeBuild, Is.Null, "the project's table is not read at all, as in cibuildwheel");
            Assert.That(Refused(string.Empty, null, "--config-file=missing.toml"), Does.StartWith("--config-file: 'missing.toml' does not exist"));
            Assert.That(Refused(string.Empty, Variables("WHEELSMITH_CONFIG_FILE=" + _project)), Does.StartWith($"WHEELSMITH_CONFIG_FILE: '{_project}' is a folder"));
        });
    }

    [TestCase("[tool.cibuildwheel]\nbuild = 5\n", "[tool.cibuildwheel] build: is an integer (5); expected a string or a list of strings")]
    [TestCase("[tool.cibuildwheel]\ntest-command = { run = \"x\" }\n", "[tool.cibuildwheel] test-command: is a table; expected a string or a list of strings")]
    [TestCase("[tool.cibuildwheel]\nskip = [\"pp*\", 3]\n", "[tool.cibuildwheel] skip: holds an integer (3); expected strings in it")]
    [TestCase("[tool.cibuildwheel]\nenvironment = true\n", "[tool.cibuildwheel] environment: is a boolean (true); expected a string or a table")]
    [TestCase("[tool.cibuildwheel]\nbuild-verbosity = \"1\"\n", "[tool.cibuildwheel] build-verbosity: is a string ('1'); expected an integer")]
    [TestCase("[tool.cibuildwheel]\nbulid = \"cp313-*\"\n", "[tool.cibuildwheel] bulid: unknown key (cibuildwheel refuses it too); expected one of build, skip")]
    [TestCase("[tool.cibuildwheel.linux]\ndependency-versions = \"latest\"\n", "[tool.cibuildwheel.linux] dependency-versions: is not allowed there")]
    [TestCase("[tool.cibuildwheel]\nlinux = \"x\"\n", "[tool.cibuildwheel] linux: is a string ('x'); expected a table")]
    [TestCase("[tool.cibuildwheel]\nbuild = \"a\"\nbuild = \"b\"\n", "pyproject.toml: line 10: The key `tool.cibuildwheel.build` is already defined at (9,1) and cannot be redefined; expected valid TOML")]
    [TestCase("[[tool.cibuildwheel.overrides]]\ntest-command = \"x\"\n", "[[tool.cibuildwheel.overrides]] #1: has no select; expected select = ")]
    [TestCase("[[tool.cibuildwheel.overrides]]\nselect = \"*\"\nbuild = \"cp313-*\"\n", "[[tool.cibuildwheel.overrides]] #1 build: is not allowed in an override (cibuildwheel applies it to the whole run)")]
    [TestCase("[[tool.cibuildwheel.overrides]]\nselect = \"*\"\narchs = \"x86_64\"\n", "[[tool.cibuildwheel.overrides]] #1 archs: is not allowed in an override")]
    [TestCase("[[tool.cibuildwheel.overrides]]\nselect = \"*\"\ntest-comand = \"x\"\n", "[[tool.cibuildwheel.overrides]] #1 test-comand: unknown key")]
    [TestCase("[[tool.cibuildwheel.overrides]]\nselect = \"*\"\ninherit.test-command = \"merge\"\n", "[[tool.cibuildwheel.overrides]] #1 inherit.test-command: 'merge' is not accepted; expected none, append or prepend")]
    [TestCase("[[tool.cibuildwheel.overrides]]\nselect = \"*\"\ninherit.container-engine = \"append\"\n", "[[tool.cibuildwheel.overrides]] #1 inherit.container-engine: cibuildwheel cannot join two values of container-engine; expected none")]
    [TestCase("[[tool.cibuildwheel.overrides]]\nselect = 7\n", "[[tool.cibuildwheel.overrides]] #1 select: is an integer (7); expected a string or a list of strings")]
    [TestCase("[tool.cibuildwheel]\noverrides = { select = \"*\" }\n", "[tool.cibuildwheel] overrides: is a table; expected a list of tables")]
    [TestCase("[tool.cibuildwheel]\nenable = \"pypi\"\n", "[tool.cibuildwheel] enable: 'pypi' is not accepted; expected cpython-prerelease")]
    [TestCase("[project]\nrequires-python = 3.9\n", "[project] requires-python: is a float (3.9); expected a string such as \">=3.10\"")]
    public void Bad_cibuildwheel_configuration_is_one_line_naming_the_file_table_and_key(string tables, string said)
    {
        var file = tables.StartsWith("[project]", StringComparison.Ordinal) ? tables.Replace("[project]\n", "[tool.x]\n", StringComparison.Ordinal) : tables;
        var message = tables.StartsWith("[project]", StringComparison.Ordinal) ? RefusedProject(tables) : Refused(file);
        Assert.That(message, Does.StartWith(File).And.Contain(said));
    }

    // A [project] table of its own, in place of the fixture's.
    private string RefusedProject(string project)
    {
        System.IO.File.WriteAllText(File, "[build-system]\nrequires = [\"setuptools\"]\n" + project);
        var error = Assert.Catch(() => BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null))!;
        return error.Message;
    }

    [Test]
    public void A_pyproject_that_is_a_folder_is_one_line()
    {
        System.IO.File.WriteAllText(Path.Combine(_project, "setup.py"), "from setuptools import setup\nsetup()\n");
        Directory.CreateDirectory(File);
        var error = Assert.Catch<ConfigException>(() => BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null))!;
        Assert.That(error.Message, Is.EqualTo($"{File}: is a folder; expected a TOML file"));
    }

    [Test]
    public void CIBW_variables_other_platforms_pass_unknown_ones_are_a_note_and_CIBW_PLATFORM_must_be_linux()
    {
        var options = Parse(string.Empty, Variables("CIBW_TEST_COMMAND_MACOS=x", "CIBW_MUSLLINUX_X86_64_IMAGE=musllinux_1_2", "CIBW_CACHE_PATH=/tmp/c", "CIBW_PLATFORM=linux",
            "CIBW_AUDIT_REQUIRES=abi3audit", "CIBW_FROBNICATE=1", "CIBW_BUILD_LINUX=cp313-*"));
        Assert.Multiple(() =>
        {
            Assert.That(options.Notes, Is.EqualTo(new[]
            {
                "Not acted on by this build: CIBW_AUDIT_REQUIRES.",
                "CIBW_BUILD_LINUX, CIBW_FROBNICATE: not variables cibuildwheel reads; ignored.",
            }));
            Assert.That(options.Get(OptionDeclarations.Build), Is.EqualTo(new[] { "*" }), "build has no _LINUX form in cibuildwheel");
            Assert.That(Refused(string.Empty, Variables("CIBW_PLATFORM=macos")), Is.EqualTo("CIBW_PLATFORM: 'macos' is not accepted; this tool builds Linux wheels; expected linux or auto, or unset it"));
            Assert.That(Refused(string.Empty, Variables("CIBW_ALLOW_EMPTY=maybe")), Is.EqualTo("CIBW_ALLOW_EMPTY: 'maybe' is not accepted; expected 1, true, yes, on, 0, false, no or off"));
            Assert.That(Refused(string.Empty, Variables("CIBW_ENVIRONMENT=A=\"open")), Does.StartWith("CIBW_ENVIRONMENT: 'A=\"open' is not accepted; expected shell w"));
            Assert.That(Refused(string.Empty, Variables("CIBW_CONTAINER_ENGINE=lxc")), Does.StartWith("CIBW_CONTAINER_ENGINE: 'lxc' is not accepted; expected docker or podman"));
        });
    }

    // As real projects' workflows set them (brace patterns, auto aarch64, pp* skipped, an enable, a test command with quotes).
    private static readonly Dictionary<string, string> Workflow = new()
    {
        ["CIBW_BUILD"] = "cp3{13,14}-* cp313t-*",
        ["CIBW_SKIP"] = "pp* *-musllinux_*",
        ["CIBW_ARCHS_LINUX"] = "auto aarch64",
        ["CIBW_ENABLE"] = "cpython-freethreading",
        ["CIBW_TEST_COMMAND"] = "python -c \"import sys; print('ok', sys.version)\"",
        ["CIBW_TEST_SKIP"] = "*t-*",
        ["CIBW_AUDIT_COMMAND"] = "",
    };

    [TestCase("local", "cp313-manylinux_x86_64 cp314-manylinux_x86_64 cp313-manylinux_aarch64 cp314-manylinux_aarch64")]
    [TestCase("manylinux2014", "cp313-manylinux_x86_64 cp313t-manylinux_x86_64 cp314-manylinux_x86_64 cp313-manylinux_aarch64 cp313t-manylinux_aarch64 cp314-manylinux_aarch64")]
    public void A_workflows_CIBW_variables_select_what_cibuildwheel_would(string baseKind, string expected)
    {
        Assume.That(Architecture.Host, Is.EqualTo(Architecture.X86_64), "auto is this host's architecture");
        System.IO.File.WriteAllText(File, Project);
        var matrix = BuildProcess.Run(["--target=Matrix", "--source=" + _project, "--base=" + baseKind], Workflow);
        var plan = Plan(string.Empty, Workflow, "--base=" + baseKind);
        Assert.Multiple(() =>
        {
            Assert.That(matrix.ExitCode, Is.Zero, matrix.ToString());
            Assert.That(matrix.Lines, Is.EqualTo(expected.Split(' ')), "on an x86_64 host auto is x86_64; cp314-* does not match cp314t");
            Assert.That(plan.Cells.Where(c => !c.TestSkipped).Select(c => c.TestCommand([])), Has.All.EqualTo(new[] { "sh", "-c", "python -c \"import sys; print('ok', sys.version)\"" }));
            Assert.That(plan.Cells.Where(c => c.TestSkipped).Select(c => c.CPython.FreeThreaded), Has.All.True);
            Assert.That(plan.Notes, Has.None.Contains("musllinux"), "skipped by the workflow's own skip");
        });
    }

    [Test]
    public void The_options_target_names_a_value_from_CIBW_BUILD_and_an_override_per_cell_and_bad_input_is_one_line()
    {
        System.IO.File.WriteAllText(File, Project + "[[tool.cibuildwheel.overrides]]\nselect = \"cp314-*\"\ntest-command = \"python -V\"\n");
        var shown = BuildProcess.Run(["--target=Options", "--source=" + _project, "--base=local"], Variables("CIBW_BUILD=cp3{13,14}-*", "CIBW_ARCHS=x86_64"));
        var refused = BuildProcess.Run(["--target=Matrix", "--source=" + _project, "--base=local"], Variables("CIBW_BUILD=cp27-*"));
        var allowed = BuildProcess.Run(["--target=Matrix", "--source=" + _project, "--base=local", "--allow-empty"], Variables("CIBW_BUILD=cp27-*"));
        Assert.Multiple(() =>
        {
            Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
            Assert.That(shown.Lines, Has.One.Match(@"^--build\s+cp3\{13,14\}-\*\s+CIBW_BUILD$"), shown.ToString());
            Assert.That(shown.Lines, Has.One.Match(@"^cp314-manylinux_x86_64\s+python -V\s+.*overrides\]\] #1 \(select = ""cp314-\*""\) test-command$"), shown.ToString());
            Assert.That(shown.Lines, Has.One.Match(@"^\(cells\)\s+cp313-manylinux_x86_64, cp314-manylinux_x86_64\s"), shown.ToString());
            Assert.That((refused.ExitCode, refused.Lines.Length), Is.EqualTo((3, 1)), refused.ToString());
            Assert.That(refused.Output, Does.Contain("No cell selected: build 'cp27-*' (CIBW_BUILD)"));
            Assert.That((allowed.ExitCode, allowed.Lines.Where(line => !line.StartsWith("No cell selected", StringComparison.Ordinal))), Is.EqualTo((0, Array.Empty<string>())), allowed.ToString());
        });
    }
}
