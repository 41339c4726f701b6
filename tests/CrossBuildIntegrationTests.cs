using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// Cross-built aarch64 wheels against emulated ones, on the real engine and QEMU: the bundled
/// sample (C, ImageMagick) and a C++ fixture whose setup script picks its native folder by
/// platform.machine(). The cross build must look native to the package's build, and give the
/// same wheel, tested the same way under QEMU.
/// </summary>
[Order(StartOrder.CrossBuild)]
public sealed partial class CrossBuildIntegrationTests : DockerFixture
{
    protected override string Needing => "Cross and emulated builds";

    private static readonly string Fixture = Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "machinecxx");
    private const string FixtureTest = "python {project}/tests/check.py";
    private readonly SideBySideBuilds _runs = new("wheelsmith-cross-");

    [OneTimeSetUp]
    public void BuildEachPackageCrossAndEmulated()
    {
        // The images once, first; the five builds then only run their cells, side by side: they share nothing but the images.
        foreach (var images in new[] { new[] { "--arch=all", "--arm-build=cross" }, ["--arch=arm64", "--arm-build=emulated"] })
        {
            var made = BuildProcess.Run(["--target=Images", "--base=local", .. images], timeout: TimeSpan.FromMinutes(60));
            Assert.That(made.ExitCode, Is.Zero, made.ToString());
        }

        Build("sample cross", OptionsTests.Paths.Sample, null, "--arch=arm64", "--arm-build=cross");
        Build("sample emulated", OptionsTests.Paths.Sample, null, "--arch=arm64", "--arm-build=emulated");
        Build("sample emulated again", OptionsTests.Paths.Sample, null, "--arch=arm64", "--arm-build=emulated");
        Build("fixture cross", Fixture, FixtureTest, "--arch=all", "--arm-build=cross");
        Build("fixture emulated", Fixture, FixtureTest, "--arch=arm64", "--arm-build=emulated", "--verbosity=minimal");
        _runs.Run(TimeSpan.FromMinutes(60));
    }

    private void Build(string name, string source, string? test, params string[] arguments)
    {
        string[] testCommand = test is null ? [] : ["--test-command=" + test];
        _runs.Add(name, ["--target=Wheels", "--base=local", "--cpython=cp313", "--source=" + source, .. testCommand, .. arguments]);
    }

    [OneTimeTearDown]
    public void RemoveOutputs() => _runs.Dispose();

    private string Log(string run, string arch = "arm64") => File.ReadAllText(Path.Combine(_runs.Output(run), "logs", $"{arch}-cp313.log"));

    private string Wheel(string run, string machine = "aarch64") =>
        Directory.GetFiles(_runs.Output(run), $"*_{machine}.whl").Single();

    // The setup script runs twice (build asks for the requirements, then builds): the last answer of each counts.
    private Dictionary<string, string> Probe(string run, string arch = "arm64") =>
        ProbeLine().Matches(Log(run, arch)).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Last().Groups[2].Value.TrimEnd());

    [Test]
    public void A_cross_build_looks_native_to_the_packages_own_build()
    {
        var probe = Probe("fixture cross");
        Assert.Multiple(() =>
        {
            Assert.That(probe["platform.machine"], Is.EqualTo("aarch64"), "a setup script asking platform.machine()");
            Assert.That(probe["os.uname.machine"], Is.EqualTo("aarch64"));
            Assert.That(probe["sysconfig.platform"], Is.EqualTo("linux-aarch64"));
            Assert.That(probe["EXT_SUFFIX"], Is.EqualTo(".cpython-313-aarch64-linux-gnu.so"));
            Assert.That(probe["sysconfig.CC"], Is.EqualTo("aarch64-linux-gnu-gcc"));
            Assert.That(probe["sysconfig.LDSHARED"], Does.StartWith("aarch64-linux-gnu-gcc -shared"));
            Assert.That(probe["env.CC"], Is.EqualTo("aarch64-linux-gnu-gcc"));
            Assert.That(probe["env.CXX"], Is.EqualTo("aarch64-linux-gnu-g++"));
            Assert.That(probe["compiler_cxx"], Does.StartWith("aarch64-linux-gnu-g++"), "the C++ compiler setuptools runs");
            Assert.That(probe["linker_so"], Does.StartWith("aarch64-linux-gnu-g"), "the linker setuptools runs");
            Assert.That(probe["pkg-config.libpng.libdir"], Is.EqualTo("/usr/lib/aarch64-linux-gnu"));
            Assert.That((probe["ARCH"], probe["PLAT"], probe["CPYTHON_VERSION"]), Is.EqualTo(("arm64", "auto", "cp313")), "the build's variables as in an emulated cell");
            Assert.That(Log("fixture cross"), Does.Contain("Successfully built machinecxx-0.1.0-cp313-cp313-linux_aarch64.whl"), "tagged linux_aarch64 before repair");
        });
    }

    [Test]
    public void The_emulated_build_sees_the_same_machine_natively()
    {
        var cross = Probe("fixture cross");
        var emulated = Probe("fixture emulated");
        Assert.Multiple(() =>
        {
            foreach (var key in new[] { "platform.machine", "os.uname.machine", "sysconfig.platform", "EXT_SUFFIX", "sysconfig.CC", "pkg-config.libpng.libdir", "ARCH", "PLAT", "CPYTHON_VERSION" })
            {
                Assert.That(cross[key], Is.EqualTo(emulated[key]), key);
            }

            Assert.That(emulated["env.CC"], Is.Empty, "no cross variables in an emulated cell");
            Assert.That((cross["env.QEMU_CPU"], emulated["env.QEMU_CPU"]), Is.EqualTo((string.Empty, Host.EmulatedCpu.Model)),
                "the CPU model the tool gives QEMU where the build runs under QEMU, and only there");
            Assert.That(Log("fixture emulated"), Does.Not.Contain("cross build for"));
        });
    }

    [TestCase("sample")]
    [TestCase("fixture")]
    public void Cross_and_emulated_wheels_have_the_same_name_and_files(string package)
    {
        var cross = Wheel(package + " cross");
        var emulated = Wheel(package + " emulated");
        using var crossZip = ZipFile.OpenRead(cross);
        using var emulatedZip = ZipFile.OpenRead(emulated);
        var crossFiles = Portable(crossZip);
        var emulatedFiles = Portable(emulatedZip);
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(cross), Is.EqualTo(Path.GetFileName(emulated)));
            Assert.That(Path.GetFileName(cross), Does.Match(@"-cp313-cp313-manylinux_\d+_\d+_aarch64\.whl$"));
            Assert.That(crossFiles.Keys, Is.EqualTo(emulatedFiles.Keys), "the files other than native ones");
            foreach (var (name, content) in crossFiles)
            {
                Assert.That(content, Is.EqualTo(emulatedFiles.GetValueOrDefault(name)), name);
            }

            Assert.That(Extensions(crossZip), Is.EqualTo(Extensions(emulatedZip)).And.Not.Empty, "the extension modules");
            Assert.That(Native(crossZip).Count, Is.EqualTo(Native(emulatedZip).Count), "the grafted libraries");
        });
    }

    [Test]
    public void Auditwheel_show_accepts_every_wheel()
    {
        var image = Regex.Match(_runs.Succeeded("fixture cross").Output, @"^Image x86_64: (\S+) \(", RegexOptions.Multiline).Groups[1].Value;
        var container = $"wheelsmith-test-show-{Guid.NewGuid():N}";
        DockerEngine.Output("create", "--name", container, "--network", "none", image, "sleep", "infinity");
        try
        {
            DockerEngine.Output("start", container);
            foreach (var run in new[] { "sample cross", "sample emulated", "fixture cross", "fixture emulated" })
            {
                var wheel = Wheel(run);
                DockerEngine.Output("cp", wheel, $"{container}:/tmp/{Path.GetFileName(wheel)}");
                var show = DockerEngine.Output("exec", container, "auditwheel", "show", "/tmp/" + Path.GetFileName(wheel));
                Assert.That(Regex.Replace(show, @"\s+", " "), Does.Match(@"is consistent with the following platform tag: ""manylinux_\d+_\d+_aarch64"""), run);
            }
        }
        finally
        {
            DockerEngine.Docker("rm", "--force", container);
        }
    }

    [TestCase("sample cross", @"magickpng 0\.1\.0 on Python 3\.13\.\d+ \(aarch64\)")]
    [TestCase("sample emulated", @"magickpng 0\.1\.0 on Python 3\.13\.\d+ \(aarch64\)")]
    [TestCase("fixture cross", @"machinecxx 0\.1\.0 on aarch64 \(uname aarch64\), Python 3\.13\.\d+: compiled for aarch64, folder aarch64, C\+\+ ok")]
    [TestCase("fixture emulated", @"machinecxx 0\.1\.0 on aarch64 \(uname aarch64\), Python 3\.13\.\d+: compiled for aarch64, folder aarch64, C\+\+ ok")]
    public void Each_wheel_passed_its_test_on_aarch64(string run, string said) =>
        Assert.That(Log(run), Does.Match(said).And.Contain("==> ").And.Contain("] test: sh -c"), _runs.Succeeded(run).ToString());

    [Test]
    public void Two_emulated_builds_of_the_same_source_give_byte_identical_wheels() =>
        Assert.That(File.ReadAllBytes(Wheel("sample emulated again")), Is.EqualTo(File.ReadAllBytes(Wheel("sample emulated"))).AsCollection, "same source, same bytes");

    [Test]
    public void Minimal_verbosity_shows_the_steps_but_not_the_tools_output_and_the_log_keeps_both()
    {
        var shown = _runs.Succeeded("fixture emulated").Output;
        Assert.Multiple(() =>
        {
            Assert.That(shown, Does.Match(@"\[arm64 cp313\] ==> \[\s*[\d.]+ s\] build: ").And.Contain("] test: sh -c"), "the steps");
            Assert.That(shown, Does.Not.Contain("Successfully built").And.Not.Contain("machinecxx-probe").And.Not.Contain("Image arm64:"), "no tools' output, no information lines");
            Assert.That(shown, Does.Contain("Wheels in "), "the final table");
            Assert.That(Log("fixture emulated"), Does.Contain("Successfully built").And.Contain("machinecxx-probe").And.Contain("==> "), "the log on disk is whole");
        });
    }

    [Test]
    public void The_cpp_fixture_builds_and_passes_on_x86_64_too() =>
        Assert.That(Log("fixture cross", "x86_64"), Does.Match(@"machinecxx 0\.1\.0 on x86_64 \(uname x86_64\), Python 3\.13\.\d+: compiled for x86_64, folder x86_64, C\+\+ ok"));

    [Test]
    public void Only_the_test_runs_under_QEMU_in_a_cross_cell()
    {
        var cross = _runs.Succeeded("sample cross").Output;
        var builtIn = Regex.Match(cross, @"^Image arm64 cross: (\S+) \(", RegexOptions.Multiline).Groups[1].Value;
        var testedIn = Regex.Match(cross, @"^Image arm64 test: (\S+) \(", RegexOptions.Multiline).Groups[1].Value;
        Assert.Multiple(() =>
        {
            Assert.That(DockerEngine.Output("image", "inspect", "--format", "{{index .Config.Labels \"io.wheelsmith.probe.machine\"}}", builtIn), Is.EqualTo("x86_64"));
            Assert.That(DockerEngine.Output("image", "inspect", "--format", "{{index .Config.Labels \"io.wheelsmith.probe.machine\"}}", testedIn), Is.EqualTo("aarch64"));
            Assert.That(Log("sample cross"), Does.Not.Contain("ensurepip").And.Contain("venv: /opt/python/cp313-cp313/bin/python -m venv --without-pip"));
        });
    }

    // Everything but native code, whose bytes may differ between compilers: the .so files and their RECORD lines, and auditwheel's SBOM of them.
    private static SortedDictionary<string, string> Portable(ZipArchive zip) =>
        new(zip.Entries.Where(e => !IsNative(e.FullName) && !e.FullName.EndsWith(".dist-info/RECORD", StringComparison.Ordinal) && !e.FullName.Contains("/sboms/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, e => { using var reader = new StreamReader(e.Open()); return reader.ReadToEnd(); }), StringComparer.Ordinal);

    private static List<string> Native(ZipArchive zip) => zip.Entries.Select(e => e.FullName).Where(IsNative).Order(StringComparer.Ordinal).ToList();

    private static List<string> Extensions(ZipArchive zip) => Native(zip).Where(name => !name.Contains(".libs/", StringComparison.Ordinal)).ToList();

    private static bool IsNative(string name) => Regex.IsMatch(name, @"\.so(\.[0-9.]+)?$");

    [GeneratedRegex(@"machinecxx-probe ([\w.-]+)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex ProbeLine();
}
