namespace Wheelsmith.Tests;

/// <summary>
/// Failing builds, interruption and isolation on the real engine, each a cell for x86_64 and
/// CPython 3.13 (seconds there): of the sample where auditwheel must refuse what it grafts, of the
/// plain C fixture elsewhere.
/// </summary>
[Order(StartOrder.Hardening)]
public sealed class HardeningIntegrationTests : DockerFixture
{
    protected override string Needing => "The hardening tests";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    private string _scratch = null!;
    private string _output = null!;

    [SetUp]
    public void CreateScratch()
    {
        _scratch = Directory.CreateTempSubdirectory("wheelsmith-hardening-").FullName;
        _output = Path.Combine(_scratch, "dist");
    }

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    private static string[] Cell(params string[] more) => ["--target=Wheels", "--base=local", "--arch=x86_64", "--cpython=cp313", .. more];

    // Where the package does not matter: the plain C fixture, its test given each time.
    private static string[] PlainCell(params string[] more) => Cell(["--source=" + TestProjects.PlainC, .. more]);

    private string[] Wheels() => Directory.Exists(_output) ? Directory.GetFiles(_output, "*.whl").Select(f => Path.GetFileName(f)).ToArray() : [];

    private void AssertNothingLeft()
    {
        Assert.That(Directory.Exists(_output) ? Directory.GetFileSystemEntries(_output, "*.partial*", SearchOption.AllDirectories) : [], Is.Empty, "partial output");
        Assert.That(DockerEngine.LeftContainers(), Is.Empty, "containers left");
    }

    [Test]
    public void Auditwheel_refusing_the_wheel_fails_the_cell_and_delivers_nothing()
    {
        // Debian unstable's glibc is far newer than manylinux2014 allows.
        var run = BuildProcess.Run(Cell("--plat=manylinux2014", "--output=" + _output), timeout: TimeSpan.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("BuildWheel[x86_64,cp313] failed: repair failed"));
            Assert.That(run.Output, Does.Contain("Last lines of " + Path.Combine(_output, "logs", "x86_64-cp313.log")));
            Assert.That(File.ReadAllText(Path.Combine(_output, "logs", "x86_64-cp313.log")), Does.Contain("manylinux2014"));
            Assert.That(Wheels(), Is.Empty);
            AssertNothingLeft();
        });
    }

    [Test]
    public void A_failing_test_command_keeps_the_wheel_out_and_the_old_one_in_place()
    {
        var first = BuildProcess.Run(PlainCell("--output=" + _output, "--test-command=" + TestProjects.PlainCTest), timeout: TimeSpan.FromMinutes(5));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        var wheel = Path.Combine(_output, Wheels().Single());
        var before = File.ReadAllBytes(wheel);
        File.SetLastWriteTimeUtc(wheel, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var failing = BuildProcess.Run(PlainCell("--output=" + _output, "--test-command=python -c 'import sys; print(\"checking\"); sys.exit(3)'"), timeout: TimeSpan.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(failing.ExitCode, Is.EqualTo(1), failing.ToString());
            Assert.That(failing.Output, Does.Contain("test failed (docker container exec failed with exit code 3.)"));
            Assert.That(failing.Output, Does.Match(@"│ -\s+│ x86_64 │ cp313\s+│ -\s+│ -\s+│ \d+\.\d s\s+│ test failed\s+│ FAILED"));
            Assert.That(File.ReadAllBytes(wheel), Is.EqualTo(before));
            Assert.That(File.GetLastWriteTimeUtc(wheel).Year, Is.EqualTo(2020), "the old wheel was touched");
            AssertNothingLeft();
        });

        var again = BuildProcess.Run(PlainCell("--output=" + _output, "--test-command=" + TestProjects.PlainCTest), timeout: TimeSpan.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.ToString());
            Assert.That(again.Output, Does.Contain("│ tested │ ok, replaced the old file"));
            Assert.That(File.GetLastWriteTimeUtc(wheel).Year, Is.Not.EqualTo(2020));
        });
    }

    [TestCase(Signals.SigTerm, 143)]
    [TestCase(Signals.SigInt, 130)]
    public void A_signal_during_a_build_removes_its_containers_and_partial_output(int signal, int exitCode)
    {
        var run = Signals.RunAndSignal(PlainCell("--output=" + _output, "--test-command=sleep 600"), line => line.Contains("==> ") && line.Contains(" test: "), signal, TimeSpan.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
            Assert.That(run.Output, Does.Contain("Interrupted by SIG"));
            Assert.That(Wheels(), Is.Empty);
            AssertNothingLeft();
        });
    }

    [Test]
    public void Values_with_spaces_quotes_and_semicolons_reach_the_containers_intact_and_the_build_runs_as_the_invoking_user()
    {
        var source = Path.Combine(_scratch, "a source with 'single' \"double\" ;semi $(id)");
        SourceTree.Copy(TestProjects.PlainC, source);
        var output = Path.Combine(_scratch, "out put; 'dist'");
        var greeting = "hello \"world\"; $(id) `uname` 'x' \\ end";
        var before = SourceTree.Fingerprint(source);
        var run = BuildProcess.Run(
            Cell("--source=" + source, "--output=" + output, "--env=GREETING=" + greeting, "--env=PASSED_THROUGH",
                "--test-command=python {project}/tests/smoke.py && printenv GREETING && printenv PASSED_THROUGH && id -u && (printenv HOST_ONLY || echo host-only-absent)"),
            new Dictionary<string, string> { ["HOST_ONLY"] = "must not reach a container", ["PASSED_THROUGH"] = "named with --env", ["SUDO_UID"] = "4321", ["SUDO_GID"] = "4322" },
            TimeSpan.FromMinutes(5));
        var log = File.ReadAllLines(Path.Combine(output, "logs", "x86_64-cp313.log"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(log, Does.Contain(greeting));
            Assert.That(log, Does.Contain("named with --env"));
            Assert.That(log, Does.Contain("4321"), "the steps ran as the invoking (sudo) user");
            Assert.That(log, Does.Contain("host-only-absent"));
            Assert.That(log, Does.Not.Contain("must not reach a container"));
            var wheel = Directory.GetFiles(output, "*.whl").Single();
            Assert.That(BuildProcess.Exec("stat", ["-c", "%u:%g", wheel]).Output.Trim(), Is.EqualTo("4321:4322"), "the wheel belongs to the invoking user");
            Assert.That(SourceTree.Fingerprint(source), Is.EqualTo(before));
        });
    }
}
