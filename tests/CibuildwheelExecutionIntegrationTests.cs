using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// Execution as cibuildwheel's Linux path does it, on the real engine and QEMU with --base=local, both
/// architectures (aarch64 cross-built, tested under QEMU): the environment evaluated by the build
/// container's shell ($PATH, $(uname -m), the cell's python first, CIBUILDWHEEL=1, a passed host
/// variable that never reaches a log or the report), the frontend's arguments and config-settings,
/// the test from a fresh folder with its test-sources, before-test, test-environment and {wheel},
/// the audit command; before-all's {project}, environment and image key; and an abi3 wheel built
/// once per architecture and tested on each later CPython, also where a project is abi3 only from a
/// later CPython (on the manylinux_2_31 base, whose CPythons go back to 3.9).
/// </summary>
[Order(StartOrder.CibuildwheelExecution)]
public sealed class CibuildwheelExecutionIntegrationTests : DockerFixture
{
    private const string Secret = "s3cr3t-from-the-host";

    private static readonly string Abi3Fixture = Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "abi3ext");

    private readonly TempFolders _folders = new();

    protected override string Needing => "cibuildwheel's execution";

    [TearDown]
    public void RemoveFolders() => _folders.RemoveAll();

    private static readonly (string Arch, string Machine)[] Architectures = [("x86_64", "x86_64"), ("arm64", "aarch64")];

    [Test]
    public void The_environment_is_evaluated_in_the_build_container_and_the_test_runs_as_cibuildwheel_runs_it()
    {
        var project = _folders.New("project");
        SourceTree.Copy(TestProjects.PlainC, project);

        // The build itself says what it sees: setup.py runs in the build step.
        File.WriteAllText(Path.Combine(project, "setup.py"), """
            import os, platform
            print("build sees STAMP=%s CIBUILDWHEEL=%s PATH=%s machine=%s" % (os.environ.get("STAMP"), os.environ.get("CIBUILDWHEEL"), os.environ["PATH"], platform.machine()))
            """ + "\n" + File.ReadAllText(Path.Combine(TestProjects.PlainC, "setup.py")));
        File.AppendAllText(Path.Combine(project, "pyproject.toml"), $$"""

            [tool.cibuildwheel]
            archs = ["auto", "aarch64"]
            environment = { PATH = "$PATH:/opt/tool/bin", STAMP = "$(uname -m)", TARGET = "$(python -c 'import platform; print(platform.machine())')" }
            environment-pass = ["WHEELSMITH_TEST_SECRET"]
            before-build = "echo before-build PATH=$PATH STAMP=$STAMP TARGET=$TARGET CIBUILDWHEEL=$CIBUILDWHEEL python=$(command -v python)"
            audit-command = "echo auditing {wheel}"
            build-frontend = "build; args: --verbose"
            config-settings = { "editable_mode" = "compat" }
            test-sources = ["tests"]
            test-environment = 'T="$STAMP-test"'
            before-test = "echo before-test in $(pwd) {package} T=$T"
            test-command = [
                "echo test in $(pwd) holding $(ls)",
                "python tests/smoke.py",
                "python -c \"import os; print('test sees', os.environ['CIBUILDWHEEL'], os.environ['STAMP'], os.environ['T'], os.environ['WHEELSMITH_TEST_SECRET'][::-1])\"",
                "echo the wheel is {wheel} && test -f {wheel}",
            ]
            """);
        var output = _folders.New("dist");
        var run = BuildProcess.Run(["--base=local", "--cpython=cp313", "--source=" + project, "--output=" + output],
            new Dictionary<string, string> { ["WHEELSMITH_TEST_SECRET"] = Secret }, TimeSpan.FromMinutes(30));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            foreach (var (arch, machine) in Architectures)
            {
                var log = File.ReadAllText(Path.Combine(output, "logs", $"{arch}-cp313.log"));

                // The cross-built aarch64 cell's build container is x86_64: uname -m asks its kernel; the cell's python is told the target.
                Assert.That(log, Does.Match(@"before-build PATH=/opt/python/cp313-cp313/bin:\S*:/opt/tool/bin STAMP=x86_64 TARGET=" + machine + " CIBUILDWHEEL=1 python=/opt/python/cp313-cp313/bin/python"), arch);
                Assert.That(log, Does.Contain("] build: /opt/python/cp313-cp313/bin/python -m build --wheel --no-isolation --outdir /tmp/wheelsmith/built . -Ceditable_mode=compat --verbose"),
                    "the frontend's arguments and the config settings, as cibuildwheel passes them");
                Assert.That(log, Does.Match(@"build sees STAMP=x86_64 CIBUILDWHEEL=1 PATH=/opt/python/cp313-cp313/bin:\S*:/opt/tool/bin machine=" + machine), arch);
                Assert.That(log, Does.Contain("] environment: PATH WHEELSMITH_TEST_SECRET STAMP TARGET evaluated by the container's shell"), "only the names are logged");
                Assert.That(log, Does.Match(@"auditing /tmp/wheelsmith/repaired/plainc-0\.1\.0-cp313-cp313-manylinux\S*_" + machine + @"\.whl"), arch);
                Assert.That(log, Does.Contain("before-test in /project /project T=x86_64-test"), arch);
                Assert.That(log, Does.Contain("test in /tmp/wheelsmith/test holding tests"), "the fresh folder, holding the test sources only");
                Assert.That(log, Does.Match(TestProjects.PlainCTested(machine)), arch);
                Assert.That(log, Does.Contain("test sees 1 x86_64 x86_64-test " + new string(Secret.Reverse().ToArray())), "CIBUILDWHEEL, the build's environment, test-environment and the passed variable reach the test");
                Assert.That(log, Does.Match(@"the wheel is /tmp/wheelsmith/repaired/plainc-0\.1\.0-cp313-cp313-manylinux\S*_" + machine + @"\.whl"), arch);
                Assert.That(log, Does.Not.Contain(Secret), "a passed value never reaches the log");
            }

            Assert.That(run.Output, Does.Not.Contain(Secret));
            var report = File.ReadAllText(Path.Combine(output, "wheels.json"));
            using var json = JsonDocument.Parse(report);
            var options = json.RootElement.GetProperty("options");
            Assert.That(report, Does.Not.Contain(Secret));
            Assert.That(options.GetProperty("environment").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "PATH", "STAMP", "TARGET" }), "names only");
            Assert.That(options.GetProperty("environmentPass").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "WHEELSMITH_TEST_SECRET" }));
        });
    }

    [Test]
    public void Before_all_gets_project_and_its_cached_image_is_keyed_by_the_environment_it_ran_with()
    {
        var project = _folders.New("project");
        SourceTree.Copy(TestProjects.PlainC, project);

        // A source no earlier run had, so that the first run's before-all runs rather than being reused.
        File.WriteAllText(Path.Combine(project, "this-run"), Guid.NewGuid().ToString());
        var output = _folders.New("dist");
        BuildProcess.Result Run(string stamp) => BuildProcess.Run(["--base=local", "--arch=x86_64", "--cpython=cp313", "--source=" + project, "--output=" + output,
            "--before-all=echo before-all sees STAMP=$STAMP CIBUILDWHEEL=$CIBUILDWHEEL in {project}", "--environment=STAMP=$(echo " + stamp + ")"], timeout: TimeSpan.FromMinutes(10));
        string BeforeAllLog() => File.ReadAllText(Path.Combine(output, "logs", "before-all-x86_64.log"));
        var first = Run("one");
        var firstLog = BeforeAllLog();
        var changed = Run("two");
        var changedLog = BeforeAllLog();
        var again = Run("two");
        const string Reused = "before-all for x86_64: .* is up to date \\(same image, command, environment and source\\)";
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(firstLog, Does.Contain("before-all sees STAMP=one CIBUILDWHEEL=1 in /project"), "{project} filled in, the environment evaluated first");
            Assert.That(changed.ExitCode, Is.Zero, changed.ToString());
            Assert.That(changed.Output, Does.Not.Match(Reused), "a changed environment runs before-all again");
            Assert.That(changedLog, Does.Contain("before-all sees STAMP=two CIBUILDWHEEL=1 in /project"));
            Assert.That(again.ExitCode, Is.Zero, again.ToString());
            Assert.That(again.Output, Does.Match(Reused), "the same environment reuses its image");
        });
    }

    [Test]
    public void An_abi3_wheel_is_built_once_per_architecture_and_tested_on_each_later_cpython()
    {
        var output = _folders.New("dist");
        var run = BuildProcess.Run(["--base=local", "--cpython=cp313,cp314", "--jobs=2", "--source=" + Abi3Fixture, "--output=" + output], timeout: TimeSpan.FromMinutes(30));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "wheels.json")));
        var cells = report.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(cell => cell.GetProperty("identifier").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(output, "*.whl").Select(Path.GetFileName).Order().ToArray(),
                Has.Length.EqualTo(2).And.All.StartWith("abi3ext-0.1.0-cp311-abi3-manylinux").And.Some.EndWith("_x86_64.whl").And.Some.EndWith("_aarch64.whl"), "two wheels, one per architecture");
            Assert.That(run.Output, Does.Not.Contain("replaced"));
            Assert.That(Regex.Matches(run.Output, "built once on cp313, not again on").Count, Is.EqualTo(2), run.Output);
            foreach (var (arch, machine) in Architectures)
            {
                var built = File.ReadAllText(Path.Combine(output, "logs", $"{arch}-cp313.log"));
                var reused = File.ReadAllText(Path.Combine(output, "logs", $"{arch}-cp314.log"));
                Assert.That(built, Does.Contain("] build: ").And.Match(@"abi3ext _native\.abi3\.so on Python 3\.13\.\d+ \(" + machine + @"\): 42"), arch);
                Assert.That(reused, Does.Not.Contain("] build: ").And.Not.Contain("] repair: ").And.Contain("is accepted by cp314: not built again, installed and tested on cp314"), arch);
                Assert.That(reused, Does.Match(@"abi3ext _native\.abi3\.so on Python 3\.14\.\d+ \(" + machine + @"\): 42"), "the same wheel passes its test on cp314");

                var identifier = $"cp313-manylinux_{machine}";
                var wheel = cells[identifier].GetProperty("wheels").EnumerateArray().Single();
                Assert.That(wheel.GetProperty("testedOn").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "cp313", "cp314" }), identifier);
                var later = cells[$"cp314-manylinux_{machine}"];
                Assert.That(later.GetProperty("wheels").GetArrayLength(), Is.Zero, "the later cell delivers nothing of its own");
                Assert.That(later.GetProperty("reused").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { wheel.GetProperty("file").GetString() }));
                Assert.That(later.GetProperty("test").GetString(), Is.EqualTo("tested"));
            }
        });
    }

    [Test]
    public void A_project_abi3_from_a_later_cpython_builds_that_wheel_in_that_cell_and_the_cells_after_it_test_it()
    {
        var (run, output, cells, abi3) = Abi3FromCPython311(jobs: 1);
        Assert.Multiple(() =>
        {
            Assert.That(Wheels(output), Has.Length.EqualTo(2).And.Some.StartsWith("abi3ext-0.1.0-cp39-cp39-manylinux"), "3.9's own wheel and one abi3 wheel");
            Assert.That(run.Output, Does.Not.Contain("replaced"));
            Assert.That(TestedOn(cells["cp311-manylinux_x86_64"]), Is.EqualTo(new[] { "cp311", "cp314", "cp315" }));
            foreach (var later in new[] { "cp314", "cp315" })
            {
                var log = File.ReadAllText(Path.Combine(output, "logs", $"x86_64-{later}.log"));
                Assert.That(log, Does.Contain($"{abi3} from cp311-manylinux_x86_64 is accepted by {later}: not built again").And.Not.Contain("] build: "), later);
                Assert.That(cells[$"{later}-manylinux_x86_64"].GetProperty("builtToo").GetBoolean(), Is.False, later);
                Assert.That(log, Does.Match(@"abi3ext _native\.abi3\.so on Python 3\.1[45]\.\d+ \(x86_64\): 42"), later);
            }

            Assert.That(File.ReadAllText(Path.Combine(output, "logs", "x86_64-cp39.log")), Does.Contain("_native.cpython-39-x86_64-linux-gnu.so on Python 3.9.2 (x86_64): 42"), "3.9's own wheel");
        });
    }

    [Test]
    public void Cells_that_built_the_same_abi3_wheel_side_by_side_test_and_deliver_the_one_published_first()
    {
        // Three workers: once cp39 has published (nothing reusable), cp311 and cp314 start at once and both build the cp311-abi3 wheel.
        var (run, output, cells, abi3) = Abi3FromCPython311(jobs: 3);
        var later = new[] { "cp311", "cp314", "cp315" }.Select(cpython => cells[$"{cpython}-manylinux_x86_64"]).ToList();
        var publisher = later.Single(cell => cell.GetProperty("wheels").GetArrayLength() == 1);
        var builtToo = later.Where(cell => cell.GetProperty("builtToo").GetBoolean()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Wheels(output), Has.Length.EqualTo(2), "3.9's own wheel and the abi3 wheel, delivered once");
            Assert.That(run.Output, Does.Not.Contain("replaced"));
            Assert.That(TestedOn(publisher), Is.EquivalentTo(new[] { "cp311", "cp314", "cp315" }), "the delivered wheel, tested on every CPython that takes it");
            Assert.That(builtToo, Is.Not.Empty, "cp311 and cp314 started side by side");
            foreach (var cell in later.Where(cell => !cell.Equals(publisher)))
            {
                Assert.That(cell.GetProperty("reused").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { abi3 }), cell.GetProperty("identifier").GetString());
                Assert.That(cell.GetProperty("wheels").GetArrayLength(), Is.Zero);
            }

            foreach (var cell in builtToo)
            {
                var log = File.ReadAllText(Path.Combine(output, cell.GetProperty("log").GetString()!));
                Assert.That(log, Does.Contain("] build: ").And.Contain($"{abi3} was built here too: {publisher.GetProperty("identifier").GetString()}, started beside this cell, published it first"));
            }

        });
    }

    // The abi3 fixture on the manylinux_2_31 base, whose CPythons go back to 3.9, for x86_64: the run, its output, its report's cells and the abi3 wheel.
    private (BuildProcess.Result Run, string Output, Dictionary<string, JsonElement> Cells, string Abi3) Abi3FromCPython311(int jobs)
    {
        var output = _folders.New("dist");
        var run = BuildProcess.Run(["--base=local-manylinux_2_31", "--arch=x86_64", "--cpython=cp39,cp311,cp314,cp315", $"--jobs={jobs}", "--source=" + Abi3Fixture, "--output=" + output],
            timeout: TimeSpan.FromMinutes(15));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "wheels.json")));
        var cells = report.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(cell => cell.GetProperty("identifier").GetString()!, cell => cell.Clone());
        return (run, output, cells, Wheels(output).Single(wheel => wheel.StartsWith("abi3ext-0.1.0-cp311-abi3-manylinux", StringComparison.Ordinal)));
    }

    private static string[] Wheels(string output) => [.. Directory.GetFiles(output, "*.whl").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    private static IEnumerable<string?> TestedOn(JsonElement cell) =>
        cell.GetProperty("wheels").EnumerateArray().Single().GetProperty("testedOn").EnumerateArray().Select(e => e.GetString());
}
