using System.IO.Compression;

namespace Wheelsmith.Tests;

/// <summary>
/// Build backends offline on --base=local, on the real engine and QEMU: a C extension built with
/// scikit-build-core (CMake, Ninja), one with meson-python (Meson, Ninja), a Cython one with
/// setuptools, a pybind11 C++ one versioned by setuptools-scm, one built by a hatchling build hook
/// and one by a poetry-core build script, each for x86_64 and cross-built for aarch64 (CMake's
/// toolchain file, Meson's cross file), the CMake one in the emulated aarch64 image too, and a
/// pure flit-core package; every wheel is tested with pytest
/// (and the Cython one with hypothesis) installed from what the image carries, through
/// test-requires, test-extras and test-groups, its aarch64 test under QEMU. The extension says
/// which machine it was compiled for, and the test compares that with the machine it runs on.
/// The same backends on local-manylinux_2_31, where CPython 3.9 sees trixie's versions of those that no
/// longer run on it, and CMake is Debian 11's.
/// </summary>
[Order(StartOrder.BuildBackends)]
public sealed class BuildBackendsIntegrationTests : DockerFixture
{
    protected override string Needing => "Build backends offline";

    private readonly SideBySideBuilds _runs = new("wheelsmith-backends-");

    private static string Fixture(string name) => Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", name);

    [OneTimeSetUp]
    public void BuildEachFixtureOnBothArchitectures()
    {
        // The images are the suite's set-up's: each run only runs its cells. The emulated one first, while the fewest
        // runs compete with its QEMU.
        Build("skbuildc", "--arch=arm64", "--arm-build=emulated", "--cpython=cp314");
        Build("skbuildc", "--arch=all", "--cpython=cp313");
        Build("mesonc", "--arch=all", "--cpython=cp313");
        Build("cythonc", "--arch=all");
        Build("pybindcxx", "--arch=all", "--cpython=cp313");
        Build("hatchc", "--arch=all", "--cpython=cp314");
        Build("poetryc", "--arch=all", "--cpython=cp313");
        Build("flitpure", "--arch=x86_64", "--cpython=cp313");

        // cibuildwheel's other common test set-up, from a workflow's variables: the tests copied into the test's folder, a bare pytest.
        Build("skbuildc", TestSourcesWithBarePytest, "--arch=all", "--cpython=cp314");

        // The manylinux_2_31 base: Cython on every CPython of the suite's set-up, the other backends on CPython 3.9 (trixie's
        // versions) and 3.14 (unstable's), aarch64 cross-built on Debian 11, each tested with the pytest that runs on its CPython.
        OnManylinux231("cythonc", Manylinux231IntegrationTests.CPythons);
        OnManylinux231("skbuildc", Manylinux231Pair);
        OnManylinux231("mesonc", Manylinux231Pair);
        OnManylinux231("hatchc", Manylinux231Pair);
        OnManylinux231("poetryc", Manylinux231Pair);

        _runs.Run(TimeSpan.FromMinutes(50));
    }

    private static readonly Dictionary<string, string> TestSourcesWithBarePytest = new() { ["CIBW_TEST_SOURCES"] = "tests", ["CIBW_TEST_COMMAND"] = "pytest" };

    /// <summary>The CPythons of the manylinux_2_31 runs but Cython's, made into images by the suite's set-up.</summary>
    public const string Manylinux231Pair = "--cpython=cp39,cp314";

    private void Build(string fixture, params string[] arguments) => Build(fixture, null, arguments);

    private void OnManylinux231(string fixture, string cpythons) =>
        _runs.Add(fixture + " 2_31", ["--target=Wheels", "--base=local-manylinux_2_31", "--jobs=1", "--arch=all", cpythons, "--source=" + Fixture(fixture)]);

    private void Build(string fixture, Dictionary<string, string>? environment, params string[] arguments)
    {
        var name = environment is not null ? fixture + " test-sources" : arguments.Contains("--arm-build=emulated") ? fixture + " emulated" : fixture;
        _runs.Add(name, ["--target=Wheels", "--base=local", "--jobs=1", "--source=" + Fixture(fixture), .. arguments], environment);
    }

    [OneTimeTearDown]
    public void RemoveOutputs() => _runs.Dispose();

    private string Log(string run, string cell) => File.ReadAllText(Path.Combine(_runs.Output(run), "logs", $"{cell}.log"));

    [TestCase("skbuildc", "x86_64-cp313", "x86_64")]
    [TestCase("skbuildc", "arm64-cp313", "aarch64")]
    [TestCase("mesonc", "x86_64-cp313", "x86_64")]
    [TestCase("mesonc", "arm64-cp313", "aarch64")]
    [TestCase("cythonc", "x86_64-cp313", "x86_64")]
    [TestCase("cythonc", "x86_64-cp314", "x86_64")]
    [TestCase("cythonc", "arm64-cp313", "aarch64")]
    [TestCase("cythonc", "arm64-cp314", "aarch64")]
    [TestCase("skbuildc emulated", "arm64-cp314", "aarch64")]
    [TestCase("pybindcxx", "x86_64-cp313", "x86_64")]
    [TestCase("pybindcxx", "arm64-cp313", "aarch64")]
    [TestCase("hatchc", "x86_64-cp314", "x86_64")]
    [TestCase("hatchc", "arm64-cp314", "aarch64")]
    [TestCase("poetryc", "x86_64-cp313", "x86_64")]
    [TestCase("poetryc", "arm64-cp313", "aarch64")]
    [TestCase("skbuildc test-sources", "x86_64-cp314", "x86_64")]
    [TestCase("skbuildc test-sources", "arm64-cp314", "aarch64")]
    public void Each_wheel_holds_an_extension_for_its_machine_and_passes_pytest_there(string run, string cell, string machine)
    {
        var cpython = cell.Split('-')[1];
        var wheel = Directory.GetFiles(_runs.Output(run), $"*-{cpython}-{cpython}-*_{machine}.whl").Single();
        using var zip = ZipFile.OpenRead(wheel);
        var extension = zip.Entries.Single(e => e.Name.StartsWith("_native.", StringComparison.Ordinal) && e.Name.EndsWith($"-{machine}-linux-gnu.so", StringComparison.Ordinal));
        using var elf = extension.Open();
        var header = new byte[20];
        elf.ReadExactly(header);
        var log = Log(run, cell);
        Assert.Multiple(() =>
        {
            Assert.That(BitConverter.ToUInt16(header, 18), Is.EqualTo(machine == "aarch64" ? 0xB7 : 0x3E), "the ELF machine of the extension");
            Assert.That(log, Does.Contain("pytest-9.1.1"), "pytest from the image's Debian package");
            Assert.That(log, Does.Match(@"=+ 2 passed in "), "both tests, the machine check included, passed");
            Assert.That(log, Does.Contain("copied python3-packaging, python3-pytest"), "the test environment got pytest and what it needs from the image");
        });
    }

    [TestCase("x86_64-cp314")]
    [TestCase("arm64-cp314")]
    public void Test_sources_and_a_bare_pytest_run_from_the_tests_own_folder(string cell)
    {
        var log = Log("skbuildc test-sources", cell);
        Assert.Multiple(() =>
        {
            Assert.That(log, Does.Contain("] test: sh -c pytest"), "the workflow's bare command, CIBW_TEST_COMMAND over the file's");
            Assert.That(log, Does.Contain("rootdir: /tmp/wheelsmith/test"), "pytest found the copied tests in the fresh folder it ran from");
        });
    }

    [TestCase("cythonc 2_31", "cp39", "8.3.5")]
    [TestCase("cythonc 2_31", "cp311", "9.1.1")]
    [TestCase("cythonc 2_31", "cp314", "9.1.1")]
    [TestCase("cythonc 2_31", "cp315", "9.1.1")]
    [TestCase("skbuildc 2_31", "cp39", "8.3.5")]
    [TestCase("skbuildc 2_31", "cp314", "9.1.1")]
    [TestCase("mesonc 2_31", "cp39", "8.3.5")]
    [TestCase("mesonc 2_31", "cp314", "9.1.1")]
    [TestCase("hatchc 2_31", "cp39", "8.3.5")]
    [TestCase("hatchc 2_31", "cp314", "9.1.1")]
    [TestCase("poetryc 2_31", "cp39", "8.3.5")]
    [TestCase("poetryc 2_31", "cp314", "9.1.1")]
    public void On_manylinux_2_31_each_backend_builds_for_both_machines_and_passes_pytest_from_the_image(string run, string cpython, string pytest)
    {
        Assert.Multiple(() =>
        {
            foreach (var machine in new[] { "x86_64", "aarch64" })
            {
                var wheel = Directory.GetFiles(_runs.Output(run), $"*-{cpython}-{cpython}-*manylinux_2_31_{machine}*.whl").Single();
                using var zip = ZipFile.OpenRead(wheel);
                Assert.That(zip.Entries.Select(e => e.Name), Has.One.Match($"^_native\\..*-{machine}-linux-gnu\\.so$"), wheel);
                var log = Log(run, $"{(machine == "x86_64" ? "x86_64" : "arm64")}-{cpython}");
                Assert.That(log, Does.Contain($"pytest-{pytest}"), $"{machine} {cpython}: the pytest that runs on it, from its folder in the image");
                Assert.That(log, Does.Contain($"python3-pytest_{pytest}-"), $"{machine} {cpython}: copied from its unpacked folder");
                Assert.That(log, Does.Match(@"=+ 2 passed in "), $"{machine} {cpython}: both tests, the machine check included");
            }
        });
    }

    [Test]
    public void On_manylinux_2_31_CMake_and_Meson_are_Debian_11s_and_Mesons_own_and_cross_compile_with_the_images_files()
    {
        var cmake = Log("skbuildc 2_31", "arm64-cp39");
        var meson = Log("mesonc 2_31", "arm64-cp39");
        Assert.Multiple(() =>
        {
            Assert.That(cmake, Does.Contain("scikit-build-core 0.12.2 using CMake 3.18.4").And.Contain("Building project with Ninja"));
            Assert.That(cmake, Does.Contain("CMAKE_TOOLCHAIN_FILE=/usr/local/share/wheelsmith/cross/aarch64-linux-gnu.cmake"));
            Assert.That(meson, Does.Contain("-Csetup-args=--cross-file=/usr/local/share/wheelsmith/cross/aarch64-linux-gnu-cp39.ini"));
            Assert.That(meson, Does.Contain("Version: 1.12.1").And.Contain("Build type: cross build").And.Contain("Host machine cpu family: aarch64"));
            Assert.That(meson, Does.Contain("Program python found: YES (/opt/python/cp39-cp39/bin/python)"), "the cell's CPython 3.9, not the 3.11 that runs Meson");
        });
    }

    [Test]
    public void Scikit_build_core_runs_the_images_CMake_and_Ninja_and_cross_compiles_with_its_toolchain_file()
    {
        var cross = Log("skbuildc", "arm64-cp313");
        Assert.Multiple(() =>
        {
            Assert.That(Log("skbuildc", "x86_64-cp313"), Does.Contain("scikit-build-core 0.12.2 using CMake 4.3.4").And.Contain("Building project with Ninja"));
            Assert.That(cross, Does.Contain("CMAKE_TOOLCHAIN_FILE=/usr/local/share/wheelsmith/cross/aarch64-linux-gnu.cmake"));
            Assert.That(cross, Does.Contain("aarch64-linux-gnu-gcc"), "CMake found the cross compiler");
            Assert.That(Log("skbuildc emulated", "arm64-cp314"), Does.Contain("scikit-build-core 0.12.2 using CMake 4.3.4").And.Not.Contain("cross build for"),
                "the emulated aarch64 image carries the same backend, CMake and Ninja");
        });
    }

    [Test]
    public void Meson_python_cross_compiles_with_the_images_cross_file_for_the_cells_CPython()
    {
        var cross = Log("mesonc", "arm64-cp313");
        Assert.Multiple(() =>
        {
            Assert.That(cross, Does.Contain("-Csetup-args=--cross-file=/usr/local/share/wheelsmith/cross/aarch64-linux-gnu-cp313.ini"));
            Assert.That(cross, Does.Contain("Build type: cross build").And.Contain("Host machine cpu family: aarch64"));
            Assert.That(cross, Does.Contain("Program python found: YES (/opt/python/cp313-cp313/bin/python)"), "the cell's CPython, not the one running Meson");
            Assert.That(Log("mesonc", "x86_64-cp313"), Does.Contain("Build type: native build"));
        });
    }

    [Test]
    public void Setuptools_scm_gives_the_pybind11_fixture_its_version_and_flit_core_builds_a_pure_wheel()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(_runs.Output("pybindcxx"), "pybindcxx-0.1.0-cp313-cp313-*.whl"), Has.Length.EqualTo(2), "the fallback version setuptools-scm gives a copy without git metadata");
            Assert.That(Directory.GetFiles(_runs.Output("flitpure"), "*.whl").Select(Path.GetFileName), Is.EqualTo(new[] { "flitpure-0.1.0-py3-none-any.whl" }));
            Assert.That(Log("flitpure", "x86_64-cp313"), Does.Match(@"=+ 1 passed in "));
        });
    }

    [Test]
    public void Cython_builds_on_every_CPython_and_the_test_group_brings_hypothesis_to_both_machines()
    {
        Assert.Multiple(() =>
        {
            foreach (var cell in new[] { "x86_64-cp313", "x86_64-cp314", "arm64-cp313", "arm64-cp314" })
            {
                var log = Log("cythonc", cell);
                Assert.That(log, Does.Contain("Cythonizing src/cythonc/_native.pyx").Or.Contain("Compiling src/cythonc/_native.pyx"), cell);
                Assert.That(log, Does.Contain("python3-hypothesis, python3-sortedcontainers"), cell);
                Assert.That(log, Does.Contain("plugins: hypothesis-6.155.7"), cell);
            }
        });
    }
}
