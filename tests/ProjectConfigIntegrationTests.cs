using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// A project configured for cibuildwheel (tests/Fixtures/cibwproject: its pyproject.toml with the
/// sample's sources beside it) builds on both architectures with no flag but --base and --source,
/// honouring its selectors, environment, hooks and test command; the same settings under
/// [tool.wheelsmith]; hooks that fail; and a prebuilt tree per architecture.
/// </summary>
[Order(StartOrder.ProjectConfig)]
public sealed partial class ProjectConfigIntegrationTests : DockerFixture
{
    protected override string Needing => "Projects' configuration";

    private readonly TempFolders _folders = new();

    [TearDown]
    public void RemoveFolders() => _folders.RemoveAll();

    private string Folder(string name) => _folders.New(name);

    /// <summary>The sample's sources with the given pyproject.toml.</summary>
    private string Project(string pyproject)
    {
        var project = Folder("project");
        SourceTree.Copy(OptionsTests.Paths.Sample, project);
        File.WriteAllText(Path.Combine(project, "pyproject.toml"), pyproject);

        // A source no earlier run had, so that before-all runs rather than being reused.
        File.WriteAllText(Path.Combine(project, "this-run"), Guid.NewGuid().ToString());
        return project;
    }

    private static string CibuildwheelProject() =>
        File.ReadAllText(Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "cibwproject", "pyproject.toml"));

    private static void AssertBuiltAsConfigured(BuildProcess.Result run, string output, string message)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Directory.GetFiles(output, "*.whl").Select(Path.GetFileName).Order().ToArray(),
                Has.Length.EqualTo(2).And.All.Contain("-cp313-cp313-manylinux_").And.Some.EndWith("_x86_64.whl").And.Some.EndWith("_aarch64.whl"), "the selectors: cp313 on both architectures");
            foreach (var (arch, machine) in new[] { ("x86_64", "x86_64"), ("arm64", "aarch64") })
            {
                var log = File.ReadAllText(Path.Combine(output, "logs", $"{arch}-cp313.log"));
                Assert.That(File.ReadAllText(Path.Combine(output, "logs", $"before-all-{arch}.log")), Does.Contain($"before-all ran for {arch}"));
                Assert.That(log, Does.Contain("] before-build: ").And.Contain("before-build sees before-all from x86_64"), "before-build ran after before-all, in its image");
                Assert.That(log, Does.Match(@"repairing /tmp/wheelsmith/built/\S+\.whl into /tmp/wheelsmith/repaired"), "the repair command");
                Assert.That(log, Does.Contain($"environment: hello {message}"), "the environment reached the test");
                Assert.That(log, Does.Match($@"magickpng 0\.1\.0 on Python 3\.13\.\d+ \({machine}\)"), "the test command, {package} filled in");
            }
        });
    }

    [Test]
    public void A_project_with_only_a_cibuildwheel_table_builds_with_no_other_flag()
    {
        // No flag but these two: the wheels go to the default dist/ of the folder it runs in.
        var here = Folder("here");
        var run = BuildProcess.Exec("dotnet", [BuildProcess.Program, "--base=local", "--source=" + Project(CibuildwheelProject())],
            new Dictionary<string, string> { ["NO_COLOR"] = "1" }, TimeSpan.FromMinutes(30), here);
        AssertBuiltAsConfigured(run, Path.Combine(here, "dist"), "hello from cibuildwheel");
        Assert.That(run.Output, Does.Contain("not acted on by this build: [tool.cibuildwheel] audit-requires."));
    }

    [Test]
    public void The_same_settings_under_tool_wheelsmith_and_a_flag_overriding_each()
    {
        var tables = Regex.Replace(CibuildwheelProject(), @"\[tool\.cibuildwheel\][\s\S]*", """
            [tool.wheelsmith]
            arch = ["x86_64", "arm64"]
            cpython = "cp313"
            test-command = "python {package}/tests/smoke.py && python -c \"import os; print('environment:', os.environ['GREETING'], os.environ['MESSAGE'])\""
            before-all = "mkdir -p /opt/fixture && uname -m > /opt/fixture/before-all && echo before-all ran for $ARCH"
            before-build = "echo before-build sees before-all from $(cat /opt/fixture/before-all)"
            repair-command = "echo repairing {wheel} into {dest_dir} && auditwheel repair -w {dest_dir} {wheel}"
            env = { GREETING = "hello", MESSAGE = "hello from wheelsmith" }
            """);
        var project = Project(tables);
        var output = Folder("dist");
        AssertBuiltAsConfigured(BuildProcess.Run(["--base=local", "--source=" + project, "--output=" + output], timeout: TimeSpan.FromMinutes(30)), output, "hello from wheelsmith");

        string[] flags = ["--arch=x86_64", "--cpython=cp314", "--test-command=echo flag", "--before-all=echo flag", "--before-build=echo flag", "--repair-command=echo {wheel}", "--env=GREETING=flag"];
        var shown = BuildProcess.Run(["--target=Options", "--base=local", "--source=" + project, .. flags]);
        Assert.Multiple(() =>
        {
            Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
            foreach (var flag in flags)
            {
                var name = flag[2..flag.IndexOf('=')];
                Assert.That(shown.Lines, Has.One.Match($@"^--{Regex.Escape(name)}\s.*\s--{Regex.Escape(name)}$"), $"{flag} wins over the file");
            }

            Assert.That(BuildProcess.Run(["--target=Options", "--base=local", "--source=" + project]).Lines,
                Has.One.Match(@"^--before-build\s+echo before-build .*\[tool\.wheelsmith\] before-build$"), "without the flag, the file's value and its key");
        });
    }

    [TestCase("before-build", "BuildWheel[x86_64,cp313] failed: before-build failed")]
    [TestCase("before-all", "before-all for x86_64 failed")]
    public void A_failing_hook_fails_what_it_runs_for_naming_the_hook(string hook, string said)
    {
        var output = Folder("dist");
        var run = BuildProcess.Run(["--base=local", "--arch=x86_64", "--cpython=cp313", "--output=" + output, $"--{hook}=echo about to fail; exit 3"], timeout: TimeSpan.FromMinutes(10));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain(said));
            Assert.That(Directory.GetFiles(output, "*.whl"), Is.Empty);
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
        });
    }

    [Test]
    public void Each_architecture_gets_its_own_prebuilt_tree()
    {
        var trees = Folder("trees");
        foreach (var machine in new[] { "x86_64", "aarch64" })
        {
            Directory.CreateDirectory(Path.Combine(trees, machine));
            File.WriteAllText(Path.Combine(trees, machine, "which"), $"the {machine} tree\n");
        }

        var output = Folder("dist");
        var run = BuildProcess.Run(["--base=local", "--cpython=cp313", "--output=" + output, "--imagemagick-path=" + Path.Combine(trees, "{machine}"),
            "--source=" + Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "machinecxx"), "--test-command=python {project}/tests/check.py",
            "--before-build=cat $IMAGICK_LIB_PATH/which"], timeout: TimeSpan.FromMinutes(30));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            foreach (var (arch, machine, other) in new[] { ("x86_64", "x86_64", "aarch64"), ("arm64", "aarch64", "x86_64") })
            {
                var log = File.ReadAllText(Path.Combine(output, "logs", $"{arch}-cp313.log"));
                Assert.That(log, Does.Contain($"copy in {Path.Combine(trees, machine)} to /tmp/deps").And.Contain($"the {machine} tree"), arch);
                Assert.That(log, Does.Not.Contain($"the {other} tree"), arch);
            }
        });
    }
}
