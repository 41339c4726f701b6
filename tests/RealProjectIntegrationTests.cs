using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// Real open-source C-extension projects, their sources unchanged, built with nothing but the CIBW_*
/// variables their own workflows set (plus --base and --source): the identifiers cibuildwheel would
/// select among the base's CPythons, the tests their workflows run, and an abi3 wheel built once per
/// architecture and tested on every later CPython. One more configuration is written as workflows
/// write them (brace patterns, auto and aarch64, CIBW_SKIP: pp*, CIBW_ENABLE, a quoted test command,
/// CIBW_AUDIT_COMMAND: "").
/// </summary>
[Order(StartOrder.RealProject)]
public sealed class RealProjectIntegrationTests : DockerFixture
{
    protected override string Needing => "Real projects configured by CIBW_* variables";

    /// <summary>crc32c's build_and_release.yml, the step's env of its Linux aarch64 job (matrix.arch: aarch64), unchanged.</summary>
    private static readonly Dictionary<string, string> Crc32cAarch64Job = new()
    {
        ["CIBW_ARCHS_LINUX"] = "aarch64",
        ["CIBW_TEST_REQUIRES"] = "pytest",
        ["CIBW_TEST_COMMAND"] = "python -u {project}/run-tests.py",
        ["CIBW_ARCHS_MACOS"] = "x86_64 arm64 universal2",
        ["CIBW_TEST_SKIP"] = "*macosx_arm64 *universal2:arm64",
        ["CIBW_BUILD_VERBOSITY"] = "1",
        ["CIBW_ENABLE"] = "pypy cpython-freethreading",
    };

    /// <summary>The same job's x86_64 entry (matrix.arch: auto).</summary>
    private static Dictionary<string, string> Crc32cAutoJob => new(Crc32cAarch64Job) { ["CIBW_ARCHS_LINUX"] = "auto" };

    /// <summary>A configuration as many workflows write theirs, on the same project.</summary>
    private static readonly Dictionary<string, string> WrittenLikeAWorkflow = new()
    {
        ["CIBW_BUILD"] = "cp3{13,14}-*",
        ["CIBW_ARCHS_LINUX"] = "auto aarch64",
        ["CIBW_SKIP"] = "pp*",
        ["CIBW_ENABLE"] = "cpython-freethreading",
        ["CIBW_AUDIT_COMMAND"] = "",
        ["CIBW_TEST_COMMAND"] = """python -c "import crc32c, platform; assert crc32c.crc32c(b'123456789') == 0xE3069283; print('crc32c ok on', platform.machine())" """,
    };

    /// <summary>pycryptodome's wheels.yml at v3.20.0, the step's env of its Linux job (ubuntu-20.04, so archs auto), unchanged.</summary>
    private static readonly Dictionary<string, string> PycryptodomeJob = new()
    {
        ["CIBW_BUILD"] = "cp36-* cp37-* cp38-* cp39-* cp310-* cp311-* cp312-* pp39-* pp310-*",
        ["CIBW_MANYLINUX_X86_64_IMAGE"] = "manylinux2014",
        ["CIBW_MANYLINUX_I686_IMAGE"] = "manylinux2014",
        ["CIBW_MANYLINUX_PYPY_X86_64_IMAGE"] = "manylinux2014",
        ["CIBW_MANYLINUX_PYPY_I686_IMAGE"] = "manylinux2014",
        ["CIBW_BEFORE_TEST_LINUX"] = "(ldd /bin/ls | grep -q musl && apk add gmp) || true",
        ["CIBW_TEST_COMMAND"] = "python -m Crypto.SelfTest --skip-slow-tests",
    };

    private readonly TempFolders _folders = new();
    private readonly Dictionary<string, (BuildProcess.Result Run, string Output)> _runs = [];
    private string _crc32c = null!;
    private string _pycryptodome = null!;

    [OneTimeSetUp]
    public void BuildEachAsItsWorkflowDoes()
    {
        _crc32c = UpstreamProject.Crc32c.UnpackInto(_folders.New("crc32c"));
        _pycryptodome = UpstreamProject.Pycryptodome.UnpackInto(_folders.New("pycryptodome"));
        foreach (var (name, source, environment, baseName) in new[]
        {
            ("crc32c aarch64 job", _crc32c, Crc32cAarch64Job, "local"),
            ("written like a workflow", _crc32c, WrittenLikeAWorkflow, "local"),
            ("pycryptodome job", _pycryptodome, PycryptodomeJob, "local-manylinux_2_31"),
        })
        {
            var output = _folders.New("output");
            var run = BuildProcess.Run(["--base=" + baseName, "--source=" + source, "--output=" + output], environment, TimeSpan.FromMinutes(60));
            _runs[name] = (run, output);
            Assert.That(run.ExitCode, Is.Zero, $"{name}: {run}");
        }
    }

    [OneTimeTearDown]
    public void RemoveFolders() => _folders.RemoveAll();

    private static string[] Wheels(string output) => [.. Directory.GetFiles(output, "*.whl").Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal)];

    private static string Log(string output, string arch, string cpython) => File.ReadAllText(Path.Combine(output, "logs", $"{arch}-{cpython}.log"));

    [Test]
    public void Crc32c_s_aarch64_job_selects_what_cibuildwheel_would_and_runs_its_pytest_suite_in_each_mode()
    {
        var (run, output) = _runs["crc32c aarch64 job"];
        Assert.Multiple(() =>
        {
            Assert.That(Wheels(output), Has.Length.EqualTo(2).And.Some.Match(@"^crc32c-2\.7\.1-cp313-cp313-manylinux[\w.]+_aarch64\.whl$")
                .And.Some.Match(@"^crc32c-2\.7\.1-cp314-cp314-manylinux[\w.]+_aarch64\.whl$"));
            foreach (var cpython in new[] { "cp313", "cp314" })
            {
                var log = Log(output, "arm64", cpython);
                Assert.That(Regex.Matches(log, @"# Tests for CRC32C_SW_MODE: (auto|force|none) #").Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "auto", "force", "none" }),
                    "run-tests.py ran pytest in each of its three modes");
                Assert.That(Regex.Matches(log, @"=+ \d+ passed").Count, Is.EqualTo(3), "pytest, from test-requires, passed each time");
                Assert.That(log, Does.Match(@"platform linux -- Python 3\.1[34]\.\d+"), "pytest ran on the cell's CPython");
            }

            // What cibuildwheel would also select there, said once rather than silently dropped.
            Assert.That(run.Output, Does.Contain("pypy").IgnoreCase, "the enable group this tool does not build");
            Assert.That(run.Output, Does.Contain("musllinux"), "the musllinux identifiers the patterns select");
        });
    }

    [Test]
    public void Crc32c_s_x86_64_job_plans_the_native_cells_only()
    {
        var matrix = BuildProcess.Run(["--target=Matrix", "--base=local", "--source=" + _crc32c], Crc32cAutoJob);
        Assert.Multiple(() =>
        {
            Assert.That(matrix.ExitCode, Is.Zero, matrix.ToString());
            Assert.That(matrix.Lines.Where(line => line.StartsWith("cp", StringComparison.Ordinal)), Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64" }),
                "auto means this x86_64 host's architecture, as in cibuildwheel 3 and later");
        });
    }

    [Test]
    public void A_configuration_written_like_a_workflow_builds_both_architectures_and_runs_its_quoted_test()
    {
        var (_, output) = _runs["written like a workflow"];
        Assert.Multiple(() =>
        {
            Assert.That(Wheels(output), Has.Length.EqualTo(4), "cp3{13,14}-* on auto (x86_64) and aarch64");
            foreach (var (arch, machine) in new[] { ("x86_64", "x86_64"), ("arm64", "aarch64") })
            {
                foreach (var cpython in new[] { "cp313", "cp314" })
                {
                    var log = Log(output, arch, cpython);
                    Assert.That(log, Does.Contain($"crc32c ok on {machine}"), $"{arch} {cpython}: the quoted test command");
                    Assert.That(log, Does.Not.Contain("abi3audit"), "CIBW_AUDIT_COMMAND: \"\" means no audit");
                }
            }
        });
    }

    [Test]
    public void Pycryptodome_s_abi3_wheel_is_built_once_and_tested_on_each_later_cpython()
    {
        var (run, output) = _runs["pycryptodome job"];
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "wheels.json"))).RootElement;
        Assert.Multiple(() =>
        {
            // cp36-* … cp312-* among the base's CPythons: cp39 and cp311; auto on this host is x86_64.
            Assert.That(Wheels(output), Has.Length.EqualTo(1).And.All.Match(@"^pycryptodome-3\.20\.0-cp35-abi3-manylinux[\w.]+_x86_64\.whl$"), "one abi3 wheel");
            Assert.That(run.Output, Does.Not.Contain("replaced"), "no file replaced");
            foreach (var cpython in new[] { "cp39", "cp311" })
            {
                Assert.That(Log(output, "x86_64", cpython), Does.Match(@"Ran \d+ tests in [\d.]+s\s+OK"), $"the SelfTest passed on {cpython}");
            }

            Assert.That(report.ToString(), Does.Contain("cp39").And.Contain("cp311"), "the report names the CPythons the wheel was tested on");
        });
    }
}
