using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan;
using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Tests;

/// <summary>
/// Build and test requirements against what the offline image carries, without Docker: PEP 440
/// versions and specifiers, PEP 508 requirements and markers, test-requires, test-extras and
/// test-groups resolved from the project, the one line for a requirement the image lacks or
/// carries at a version that does not fit, what a cell installs, and the cross files a cross cell
/// is given. The real program says the line before it asks any engine.
/// </summary>
public sealed class OfflineRequirementsTests
{
    private const string Project = """
        [build-system]
        requires = ["setuptools>=61", "Cython>=3.0; python_version >= '3.9'", "oldtool; python_version < '3.9'"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "needs"
        version = "1.0"

        [project.optional-dependencies]
        Test_Tools = ["pytest>=8"]
        numeric = ["numpy>=2"]

        [dependency-groups]
        test = ["pytest", { include-group = "properties" }]
        properties = ["hypothesis>=6; platform_machine == 'x86_64'"]
        loop-a = [{ include-group = "loop-b" }]
        loop-b = [{ include-group = "loop-a" }]

        """;

    private string _project = null!;

    [SetUp]
    public void CreateProject() => _project = Directory.CreateTempSubdirectory("wheelsmith-requirements-").FullName;

    [TearDown]
    public void RemoveProject() => Directory.Delete(_project, recursive: true);

    private IReadOnlyList<WheelCell> Cells(string tables, params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), Project + tables);
        string[] local = arguments.Any(a => a.StartsWith("--base=", StringComparison.Ordinal)) ? [] : ["--base=local"];

        // Both architectures unless the case names its cells: a [tool.cibuildwheel] table alone would mean this host's.
        string[] both = arguments.Any(a => a.StartsWith("--arch=", StringComparison.Ordinal) || a.StartsWith("--only=", StringComparison.Ordinal)) ? [] : ["--arch=all"];
        var options = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--test-command=pytest", .. local, .. both, .. arguments]), OptionsTests.Paths,
            Environment.CurrentDirectory, _ => null);
        return WheelPlanTests.CellsOf(options, new InvokingUser(1000, 1000));
    }

    private string Refused(string tables, params string[] arguments)
    {
        var cells = Cells(tables, arguments);
        return Assert.Throws<ConfigException>(() => OfflineRequirements.Check(cells))!.Message;
    }

    [TestCase("1.0", "==1.0.0", true)]
    [TestCase("1.0.post1", ">1.0", false)]
    [TestCase("1.0.post1", ">=1.0", true)]
    [TestCase("1.0a1", "<1.0", false)]
    [TestCase("1.0a1", ">=1.0a1", true)]
    [TestCase("2.4.0", "~=2.1", true)]
    [TestCase("3.0", "~=2.1", false)]
    [TestCase("2.4.0", "~=2.1.0", false)]
    [TestCase("9.1.1", "==9.*", true)]
    [TestCase("9.1.1", "!=9.1.*", false)]
    [TestCase("1.6.0", "<2,>=1.5", true)]
    [TestCase("2026.9.21.13", ">=2024.1", true)]
    [TestCase("1!1.0", ">=2.0", true)]
    [TestCase("1.0+local.7", "==1.0", true)]
    [TestCase("1.0.dev1", "<1.0a1", true)]
    [TestCase("1.0.dev1", "<1.0", false)]
    public void Versions_fit_specifiers_as_PEP_440_says(string version, string specifiers, bool fits) =>
        Assert.That(VersionSpecifier.AllFit(VersionSpecifier.ParseList(specifiers)!, PythonVersion.Parse(version)!), Is.EqualTo(fits));

    [Test]
    public void Pre_and_dev_releases_order_before_their_release_and_post_releases_after() =>
        Assert.That(new[] { "1.0.post1", "1.0", "1.0rc1", "1.0.dev0", "1.0a2", "1.0b1", "0.9" }.Select(v => PythonVersion.Parse(v)!).Order().Select(v => v.ToString()),
            Is.EqualTo(new[] { "0.9", "1.0.dev0", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0.post1" }));

    [TestCase("Pytest_Mock[Extra_One] (>=3,<4) ; python_version >= '3.8' and (sys_platform == 'linux' or os_name == 'nt')", "pytest-mock", true)]
    [TestCase("tomli>=1; python_version < \"3.11\"", "tomli", false)]
    [TestCase("colorama; sys_platform == 'win32'", "colorama", false)]
    [TestCase("only-arm; platform_machine == 'aarch64'", "only-arm", false)]
    [TestCase("old; python_full_version <= '3.12.9'", "old", false)]
    [TestCase("linuxish; 'linux' in sys_platform", "linuxish", true)]
    public void Requirements_and_markers_as_PEP_508_writes_them(string text, string name, bool applies)
    {
        var requirement = Requirement.Parse(text)!;
        var environment = OfflineRequirements.MarkerEnvironment(Cells(string.Empty, "--arch=x86_64", "--cpython=cp313").Single());
        Assert.Multiple(() =>
        {
            Assert.That(requirement.Name, Is.EqualTo(name));
            Assert.That(requirement.AppliesTo(environment), Is.EqualTo(applies));
        });
    }

    [TestCase("pytest>=8 <9")]
    [TestCase("pytest>>8")]
    [TestCase("pytest; python_version <<< '3'")]
    [TestCase("-e .")]
    public void Text_that_is_not_a_requirement_is_not_taken_for_one(string text) => Assert.That(Requirement.Parse(text), Is.Null);

    [TestCase("pytest  hypothesis>=6", new[] { "pytest", "hypothesis>=6" })]
    [TestCase("pytest 'numpy; python_version < \"3.12\"'", new[] { "pytest", "numpy; python_version < \"3.12\"" })]
    [TestCase("\"a b\" c\\ d", new[] { "a b", "c d" })]
    public void Test_requires_is_split_as_shell_words(string text, string[] words) =>
        Assert.That(CommandOptions.ShellWords(text), Is.EqualTo(words));

    [Test]
    public void A_list_of_test_requires_keeps_each_item_one_requirement()
    {
        var cell = Cells("[tool.cibuildwheel]\ntest-requires = [\"pytest>=8\", \"hypothesis; python_version >= '3.9'\", \"it's\"]\n", "--only=cp313-manylinux_x86_64").Single();
        Assert.That(cell.Options.Get(OptionDeclarations.TestRequires), Is.EqualTo(new[] { "pytest>=8", "hypothesis; python_version >= '3.9'", "it's" }));
    }

    private static IEnumerable<TestCaseData> OfflineBases() =>
    [
        new TestCaseData(OfflineCatalogue.Local, DebianBaseRecipe.CPythons.Select(tag => $"3.{tag.Minor}.0").ToArray()).SetArgDisplayNames("local"),
        new TestCaseData(Wheelsmith.Manylinux231.Catalogue.Carried, Wheelsmith.Manylinux231.Catalogue.Served.Select(c => c.Version).ToArray()).SetArgDisplayNames("local-manylinux_2_31"),
    ];

    [TestCaseSource(nameof(OfflineBases))]
    public void The_catalogue_gives_each_CPython_one_version_of_a_name_and_each_requirement_it_states_parses(CarriedCatalogue catalogue, string[] cpythons)
    {
        Assert.Multiple(() =>
        {
            Assert.That(catalogue.Distributions.Select(d => (d.Name, d.Version)), Is.Unique);
            Assert.That(catalogue.Distributions.Select(d => d.Name), Is.EqualTo(catalogue.Distributions.Select(d => CarriedCatalogue.Normalize(d.Name))));
            Assert.That(catalogue.Distributions.SelectMany(d => d.Requires).Where(text => Requirement.Parse(text) is null), Is.Empty);
            Assert.That(catalogue.Distributions.Where(d => PythonVersion.Parse(d.Version) is null || VersionSpecifier.ParseList(d.RequiresPython) is null), Is.Empty);
            Assert.That(cpythons, Is.Not.Empty);
        });
    }

    // What a build with --no-isolation checks (build's dependency check walks every requirement) and what a test imports.
    [TestCaseSource(nameof(OfflineBases))]
    public void Every_distribution_a_CPython_sees_has_what_it_requires_there_at_a_version_that_fits(CarriedCatalogue catalogue, string[] cpythons)
    {
        Assert.Multiple(() =>
        {
            foreach (var cpython in cpythons.Select(version => PythonVersion.Parse(version)!))
            {
                var environment = new Dictionary<string, string>
                {
                    ["python_version"] = $"3.{cpython.Release[1]}", ["python_full_version"] = cpython.ToString(), ["sys_platform"] = "linux", ["os_name"] = "posix",
                };
                foreach (var distribution in catalogue.For(cpython))
                {
                    foreach (var requirement in distribution.Requires.Select(text => Requirement.Parse(text)!).Where(r => r.AppliesTo(environment)))
                    {
                        var found = catalogue.Find(requirement.Name, cpython);
                        Assert.That(found is not null && VersionSpecifier.AllFit(requirement.Specifiers, PythonVersion.Parse(found.Version)!), Is.True,
                            $"CPython {cpython}: {distribution.Name} {distribution.Version} requires {requirement.Text}; the image has {found?.Version ?? "none"}");
                    }
                }
            }
        });
    }

    [Test]
    public void Test_requires_gives_the_test_environment_the_tool_and_what_it_needs_on_every_cell()
    {
        foreach (var cell in Cells("[tool.cibuildwheel]\ntest-requires = [\"pytest>=8\", \"hypothesis\"]\n"))
        {
            Assert.That(OfflineRequirements.TestDistributions(cell).Select(d => d.Name),
                Is.EqualTo(new[] { "packaging", "pytest", "iniconfig", "pluggy", "pygments", "hypothesis", "sortedcontainers" }), cell.Label);
            Assert.That(cell.TestRequirementsCommand, Is.EqualTo(new[]
            {
                cell.Interpreter, "/tmp/wheelsmith/copy-carried.py", $"/tmp/venv/lib/python3.{cell.CPython.Minor}/site-packages", "/tmp/venv/bin", "/tmp/venv/bin/python",
                "/usr/lib/python3/dist-packages", "python3-packaging", "python3-pytest", "python3-iniconfig", "python3-pluggy", "python3-pygments", "python3-hypothesis", "python3-sortedcontainers",
            }), cell.Label);
        }
    }

    [Test]
    public void On_the_manylinux_2_31_base_each_CPython_gets_test_tools_that_run_on_it_from_their_own_folders()
    {
        var cells = Cells("[tool.cibuildwheel]\ntest-requires = [\"pytest>=8\", \"hypothesis\"]\n", "--base=local-manylinux_2_31", "--arch=all", "--cpython=cp39,cp314");
        var versions = (WheelCell cell) => OfflineRequirements.TestDistributions(cell).ToDictionary(d => d.Name, d => d.Version);
        var cp39 = cells.Single(c => c.Identifier.ToString() == "cp39-manylinux_aarch64");
        Assert.Multiple(() =>
        {
            Assert.That(versions(cp39), Does.ContainKey("pytest").WithValue("8.3.5").And.ContainKey("hypothesis").WithValue("6.130.5")
                .And.ContainKey("exceptiongroup").And.ContainKey("tomli").And.ContainKey("attrs"), "trixie's, for CPython 3.9, with what 3.9 lacks");
            Assert.That(versions(cells.Single(c => c.Identifier.ToString() == "cp314-manylinux_x86_64")), Does.ContainKey("pytest").WithValue("9.1.1")
                .And.ContainKey("hypothesis").WithValue("6.155.7").And.Not.ContainKey("exceptiongroup"));
            Assert.That(cp39.TestRequirementsCommand!.Skip(5).Take(2), Is.EqualTo(new[] { "/opt/wheelsmith/carried", "python3-packaging_25.0-1" }));
            Assert.That(cp39.TestRequirementsCommand, Does.Contain("python3-pytest_8.3.5-2"));
            Assert.That(cp39.InstallEnvironment, Does.Contain("PYTHONPATH=/opt/wheelsmith/carried/python3-installer_0.7.0+dfsg1-3/usr/lib/python3/dist-packages"));
            Assert.That(OfflineRequirements.MarkerEnvironment(cp39)["python_full_version"], Is.EqualTo("3.9.2"), "the base knows its CPythons' versions");
            Assert.That(cp39.CrossEnvironment["CMAKE_TOOLCHAIN_FILE"], Is.EqualTo("/usr/local/share/wheelsmith/cross/aarch64-linux-gnu.cmake"));
        });
    }

    [TestCase("test-requires = \"pytest>=9\"", "'pytest>=9' (cp39-manylinux_x86_64): the local-manylinux_2_31 image carries pytest 8.3.5, which does not fit >=9")]
    [TestCase("test-requires = \"auditwheel\"", "'auditwheel' (cp39-manylinux_x86_64): the local-manylinux_2_31 image carries auditwheel 6.7.0+ds1 only for Python >=3.10, not for CPython 3.9.2")]
    [TestCase("test-requires = \"numpy\"", "'numpy' (cp39-manylinux_x86_64): the local-manylinux_2_31 image does not carry numpy")]
    public void On_the_manylinux_2_31_base_a_requirement_is_checked_against_what_the_cells_CPython_sees(string table, string said) =>
        Assert.That(Refused("[tool.cibuildwheel]\n" + table + "\n", "--base=local-manylinux_2_31", "--arch=x86_64", "--cpython=cp39,cp314"), Does.Contain(said).And.Not.Contain("\n"));

    [Test]
    public void Test_extras_and_groups_come_from_the_project_with_included_groups_and_markers()
    {
        var cells = Cells("[tool.cibuildwheel]\ntest-extras = \"test-tools\"\ntest-groups = \"test\"\n");
        Assert.Multiple(() =>
        {
            Assert.That(OfflineRequirements.TestRequirements(cells[0]).Select(r => r.Requirement.Text),
                Is.EqualTo(new[] { "pytest>=8", "pytest", "hypothesis>=6; platform_machine == 'x86_64'" }));
            Assert.That(OfflineRequirements.TestDistributions(cells.First(c => c.Architecture == Architecture.X86_64)).Select(d => d.Name), Does.Contain("hypothesis"));
            Assert.That(OfflineRequirements.TestDistributions(cells.First(c => c.Architecture == Architecture.Arm64)).Select(d => d.Name), Does.Not.Contain("hypothesis"));
        });
    }

    [TestCase("test-requires = \"pytest numpy>=2\"", "[tool.cibuildwheel] test-requires 'numpy>=2' (cp313-manylinux_x86_64): the local image does not carry numpy; docs/local-bases.md lists what the image carries")]
    [TestCase("test-requires = \"pytest<9\"", "[tool.cibuildwheel] test-requires 'pytest<9' (cp313-manylinux_x86_64): the local image carries pytest 9.1.1, which does not fit <9")]
    [TestCase("test-requires = \"cython\"", "'cython' (cp313-manylinux_x86_64): the local image carries cython 3.1.6 compiled for its build machine, for builds only")]
    [TestCase("test-requires = [\"pytest @ https://example.org/pytest.whl\"]", "names a URL (https://example.org/pytest.whl), which nothing can fetch offline")]
    [TestCase("test-requires = \"pytest>>8\"", "[tool.cibuildwheel] test-requires 'pytest>>8': is not a requirement as PEP 508 writes one")]
    [TestCase("test-extras = \"numeric\"", "[project.optional-dependencies] numeric 'numpy>=2' (cp313-manylinux_x86_64): the local image does not carry numpy")]
    [TestCase("test-extras = \"docs\"", "test-extras: the project has no extra 'docs' (")]
    [TestCase("test-groups = \"lint\"", "test-groups: the project has no dependency group 'lint' (")]
    [TestCase("test-groups = \"loop-a\"", "[dependency-groups] loop-a: includes itself (loop-a -> loop-b -> loop-a); PEP 735 forbids a cycle")]
    [TestCase("test-requires = [\"only-arm; platform_machine == 'aarch64'\"]", "'only-arm; platform_machine == 'aarch64'' (cp313-manylinux_aarch64): the local image does not carry only-arm")]
    public void A_test_requirement_the_image_cannot_meet_is_one_line_naming_it(string table, string said) =>
        Assert.That(Refused("[tool.cibuildwheel]\n" + table + "\n"), Does.Contain(said).And.Not.Contain("\n"));

    [Test]
    public void Carried_build_requirements_pass_and_one_whose_marker_excludes_the_cell_is_not_asked_for() =>
        Assert.DoesNotThrow(() => OfflineRequirements.Check(Cells(string.Empty)), "setuptools and Cython are carried; oldtool is for CPythons before 3.9");

    [TestCase("requires = [\"maturin>=1\"]", "[build-system] requires 'maturin>=1' (cp313-manylinux_x86_64): the local image does not carry maturin")]
    [TestCase("requires = [\"scikit-build-core>=0.13\"]", "the local image carries scikit-build-core 0.12.2, which does not fit >=0.13")]
    [TestCase("requires = [\"scikit_build_core\", \"cmake>=3.15\"]", "'cmake>=3.15' (cp313-manylinux_x86_64): the local image carries cmake as Debian's program (cmake 4.3.4-1), not as a Python distribution")]
    [TestCase("requires = [\"setuptools\", \"Cython<3; python_version >= '3.14'\"]", "'Cython<3; python_version >= '3.14'' (cp314-manylinux_x86_64): the local image carries cython 3.1.6, which does not fit <3")]
    public void A_build_requirement_is_checked_for_each_cells_CPython(string requires, string said)
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), $"[build-system]\n{requires}\n[project]\nname = \"x\"\nversion = \"1\"\n");
        var options = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--base=local"]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null);
        var error = Assert.Throws<ConfigException>(() => OfflineRequirements.Check(WheelPlanTests.CellsOf(options, new InvokingUser(1000, 1000))))!;
        Assert.That(error.Message, Does.StartWith(Path.Combine(_project, "pyproject.toml")).And.Contain(said).And.Not.Contain("\n"));
    }

    [TestCase("[\"packaging>=20\"]", null)]
    [TestCase("[\"numpy>=2; python_version >= '3.10'\"]", "[project] dependencies 'numpy>=2; python_version >= '3.10'' (cp313-manylinux_x86_64): the local image does not carry numpy")]
    public void The_wheels_own_dependencies_come_into_the_offline_test_environment_as_pip_would_bring_them(string dependencies, string? said)
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), $"[project]\nname = \"d\"\nversion = \"1\"\ndependencies = {dependencies}\n");
        var options = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--base=local", "--only=cp313-manylinux_x86_64", "--test-command=python -c 1"]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null);
        var cell = WheelPlanTests.CellsOf(options, new InvokingUser(1000, 1000)).Single();
        if (said is null)
        {
            Assert.That(cell.TestRequirementsCommand, Does.Contain("python3-packaging"), "no test-requires, yet the wheel's dependency is copied in");
        }
        else
        {
            Assert.That(Assert.Throws<ConfigException>(() => OfflineRequirements.Check([cell]))!.Message, Does.Contain(said).And.Not.Contain("\n"));
        }
    }

    [Test]
    public void The_registry_base_installs_test_requirements_with_pip_from_the_index()
    {
        var cell = Cells("[tool.cibuildwheel]\ntest-requires = \"pytest numpy>=2\"\ntest-groups = \"test\"\n", "--base=manylinux2014", "--only=cp312-manylinux_x86_64").Single();
        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => OfflineRequirements.Check([cell]), "the index has them; nothing is checked against a catalogue");
            Assert.That(cell.TestRequirementsCommand, Is.EqualTo(new[]
            {
                "/tmp/venv/bin/python", "-m", "pip", "install", "--no-cache-dir", "pytest", "numpy>=2", "pytest", "hypothesis>=6; platform_machine == 'x86_64'",
            }));
        });
    }

    [Test]
    public void No_test_requirement_installs_nothing()
    {
        var cell = Cells(string.Empty, "--only=cp313-manylinux_x86_64").Single();
        Assert.That(cell.TestRequirementsCommand, Is.Null);
    }

    [Test]
    public void A_cross_cell_gets_CMakes_toolchain_file_and_a_mesonpy_project_Mesons_cross_file()
    {
        var setuptools = Cells(string.Empty, "--only=cp313-manylinux_aarch64").Single();
        var (setuptoolsBuild, setuptoolsCross) = (setuptools.BuildCommand, setuptools.CrossEnvironment);
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), "[build-system]\nrequires = [\"meson-python\"]\nbuild-backend = \"mesonpy\"\n[project]\nname = \"m\"\nversion = \"1\"\n");
        var options = BuildOptions.Parse(OptionsTests.Arguments(["--source=" + _project, "--base=local", "--arch=all", "--cpython=cp314"]), OptionsTests.Paths, Environment.CurrentDirectory, _ => null);
        var meson = WheelPlanTests.CellsOf(options, new InvokingUser(1000, 1000));
        Assert.Multiple(() =>
        {
            Assert.That(setuptoolsCross["CMAKE_TOOLCHAIN_FILE"], Is.EqualTo("/usr/local/share/wheelsmith/cross/aarch64-linux-gnu.cmake"));
            Assert.That(setuptoolsBuild, Has.None.StartsWith("-C"));
            Assert.That(meson[1].BuildCommand, Does.Contain("-Csetup-args=--cross-file=/usr/local/share/wheelsmith/cross/aarch64-linux-gnu-cp314.ini"));
            Assert.That(meson[0].BuildCommand, Has.None.StartsWith("-C"), "x86_64 builds natively");
            Assert.That(meson[0].CrossEnvironment, Is.Empty);
        });
    }

    [Test]
    public void The_program_says_the_line_before_it_asks_any_engine()
    {
        File.WriteAllText(Path.Combine(_project, "pyproject.toml"), Project + "[tool.cibuildwheel]\ntest-requires = \"numpy\"\ntest-command = \"pytest\"\n");
        var result = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=x86_64", "--source=" + _project, "--output=" + Path.Combine(_project, "dist")],
            new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), "bad configuration, as cibuildwheel exits");
            Assert.That(result.Output, Does.Contain("[tool.cibuildwheel] test-requires 'numpy' (cp313-manylinux_x86_64): the local image does not carry numpy"));
            Assert.That(result.Output, Does.Not.Contain("nonexistent"), "no engine was asked");
            Assert.That(Directory.Exists(Path.Combine(_project, "dist")), Is.False, "nothing made on disk");
        });
    }
}
