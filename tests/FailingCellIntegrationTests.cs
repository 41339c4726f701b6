namespace Wheelsmith.Tests;

/// <summary>A cell that cannot compile: its run fails, and nothing it half-made is left behind.</summary>
[Order(StartOrder.FailingCell)]
public sealed class FailingCellIntegrationTests : DockerFixture
{
    protected override string Needing => "A failing cell";

    private string _source = null!;
    private string _output = null!;

    [SetUp]
    public void CreateFolders()
    {
        _source = Directory.CreateTempSubdirectory("wheelsmith-broken-").FullName;
        _output = Directory.CreateTempSubdirectory("wheelsmith-broken-dist-").FullName;
        SourceTree.Copy(OptionsTests.Paths.Sample, _source);
    }

    [TearDown]
    public void RemoveFolders()
    {
        Directory.Delete(_source, recursive: true);
        Directory.Delete(_output, recursive: true);
    }

    private static string[] Wheels(string folder) => Directory.GetFiles(folder, "*.whl").Select(Path.GetFileName).Order().ToArray()!;

    /// <summary>Makes the copy of the sample fail to compile for one CPython 3 minor version.</summary>
    private void BreakFor(int minor)
    {
        var extension = Path.Combine(_source, "src", "magickpng", "_render.c");
        File.WriteAllText(extension, File.ReadAllText(extension).Replace("#include <Python.h>\n",
            $"#include <Python.h>\n#if PY_MINOR_VERSION == {minor}\n#error deliberately broken for CPython 3.{minor}\n#endif\n", StringComparison.Ordinal));
    }

    [Test]
    public void A_cross_build_that_cannot_compile_fails_its_cell_like_any_other()
    {
        var extension = Path.Combine(_source, "src", "magickpng", "_render.c");
        File.WriteAllText(extension, File.ReadAllText(extension).Replace("#include <Python.h>\n",
            "#include <Python.h>\n#ifdef __aarch64__\n#error deliberately broken for aarch64\n#endif\n", StringComparison.Ordinal));

        var run = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=all", "--cpython=cp313", "--source=" + _source, "--output=" + _output,
            "--test-command=python {project}/tests/smoke.py"], timeout: TimeSpan.FromMinutes(30));

        var log = File.ReadAllText(Path.Combine(_output, "logs", "arm64-cp313.log"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("1 of 2 cells failed: BuildWheel[arm64,cp313] (build failed"));
            Assert.That(run.Output, Does.Contain("BuildWheel[arm64,cp313] failed: build failed").And.Contain("Last lines of " + Path.Combine(_output, "logs", "arm64-cp313.log")));
            Assert.That(log, Does.Contain("cross build for aarch64").And.Contain("aarch64-linux-gnu-gcc").And.Contain("deliberately broken for aarch64"));
            Assert.That(Wheels(_output), Is.EqualTo(new[] { Wheels(_output).Single(w => w.EndsWith("_x86_64.whl", StringComparison.Ordinal)) }), "the x86_64 cell still delivers");
            Assert.That(Directory.GetFileSystemEntries(_output, "*.partial*", SearchOption.AllDirectories), Is.Empty);
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
        });
    }

    [Test]
    public void A_cell_whose_compile_fails_fails_the_run_and_leaves_the_other_wheels()
    {
        BreakFor(14);
        var (source, output) = (_source, _output);
        var before = SourceTree.Fingerprint(source);

        var run = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=x86_64", "--cpython=cp313,cp314", "--source=" + source, "--output=" + output,
            "--test-command=python {project}/tests/smoke.py"], timeout: TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Output, Does.Contain("1 of 2 cells failed: BuildWheel[x86_64,cp314]"));
            Assert.That(run.Output, Does.Contain("Last lines of " + Path.Combine(output, "logs", "x86_64-cp314.log")), "the tail of the failing cell's log is shown");
            Assert.That(run.Output, Does.Contain("    FAILED: build failed"));
            Assert.That(Wheels(output), Has.Length.EqualTo(1).And.All.Contain("-cp313-cp313-"), run.ToString());
            Assert.That(File.ReadAllText(Path.Combine(output, "logs", "x86_64-cp314.log")), Does.Contain("deliberately broken for CPython 3.14"));
            Assert.That(Directory.GetFileSystemEntries(output, "*.partial*", SearchOption.AllDirectories), Is.Empty);
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
            Assert.That(SourceTree.Fingerprint(source), Is.EqualTo(before), "the build wrote into --source");
        });
    }

    [Test]
    public void A_repair_that_writes_no_wheel_fails_its_cell_naming_the_folder()
    {
        var run = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=x86_64", "--cpython=cp313", "--output=" + _output,
            "--repair-command=echo repaired nothing of {wheel}", .. TestProjects.PlainCArguments], timeout: TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("BuildWheel[x86_64,cp313] failed: repair made no wheel in /tmp/wheelsmith/repaired"));
            Assert.That(run.Output, Does.Not.Contain("==> test"), "a cell with no wheel was tested");
            Assert.That(Wheels(_output), Is.Empty);
            Assert.That(Directory.GetDirectories(_output, ".*.partial"), Is.Empty, "its staging folder is gone");
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
        });
    }

    [Test]
    public void Fail_fast_starts_no_cell_after_the_first_failure()
    {
        BreakFor(13);
        var (source, output) = (_source, _output);

        var run = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=x86_64", "--cpython=cp313,cp314", "--source=" + source, "--output=" + output,
            "--fail-fast", "--jobs=1"], timeout: TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain("BuildWheel[x86_64,cp313] failed: build failed"));
            Assert.That(run.Output, Does.Not.Contain("[x86_64 cp314] ==>"), "a cell started after the failure");
            Assert.That(run.Output, Does.Not.Contain("Executing task: Wheels"));
            Assert.That(Wheels(output), Is.Empty);
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
        });
    }
}
