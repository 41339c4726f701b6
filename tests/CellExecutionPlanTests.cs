using System.Diagnostics;
using Wheelsmith.Host;
using Wheelsmith.Options;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Tests;

/// <summary>
/// What a cell's containers run, planned without an engine: the environment's evaluation (its script run by this host's
/// sh, as a container's would run it), the test's folder and commands, the build frontend, the repair and audit, and
/// which cells test an earlier cell's abi3 wheel instead of building one, and how the report shows that wheel.
/// </summary>
public sealed class CellExecutionPlanTests
{
    private static readonly InvokingUser User = new(1000, 1001);

    private static IReadOnlyList<WheelCell> Cells(params string[] arguments) => WheelPlanTests.CellsOf(OptionsTests.Parse(arguments), User);

    private static WheelCell Cell(params string[] arguments) => Cells(["--base=local", "--arch=x86_64", "--cpython=cp313", .. arguments]).Single();

    // The script run as a container's shell runs it, with a folder holding a `python` as the cell's python folder.
    private static (IReadOnlyList<KeyValuePair<string, string>> Values, List<string> Logged, int ExitCode) Evaluate(EnvironmentScript script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in script.Command.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        var values = new List<KeyValuePair<string, string>>();
        var logged = new List<string>();
        var read = EnvironmentScript.Reader(values, logged.Add);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            read(line);
        }

        return (values, logged, process.ExitCode);
    }

    private static string PythonFolder()
    {
        var folder = Directory.CreateTempSubdirectory("wheelsmith-python-").FullName;
        File.WriteAllText(Path.Combine(folder, "python"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(folder, "python"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    [Test]
    public void The_environment_is_evaluated_in_order_by_the_shell_with_the_cells_python_first_on_PATH()
    {
        var options = OptionsTests.Parse("--base=local", "--arch=x86_64", "--cpython=cp313",
            "--environment=PATH=\"$PATH:/opt/tool/bin\" STAMP=$(echo stamped $HOME) B=\"${A}-two\" A=1 C='$A literal' D=\"$A quoted\" E=a\\ b",
            "--environment-pass=WHEELSMITH_TEST_PASSED WHEELSMITH_TEST_UNSET");
        var python = PythonFolder();
        try
        {
            var script = new EnvironmentScript(python, options.EnvironmentPass, options.EnvironmentAssignments);
            var (values, logged, exitCode) = Evaluate(script, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = "/home/builder", ["WHEELSMITH_TEST_PASSED"] = "from the host" });
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, string.Join('\n', logged));
                Assert.That(values, Is.EqualTo(new Dictionary<string, string>
                {
                    ["PATH"] = $"{python}:/usr/bin:/bin:/opt/tool/bin",
                    ["WHEELSMITH_TEST_PASSED"] = "from the host",
                    ["STAMP"] = "stamped /home/builder",
                    ["B"] = "-two",
                    ["A"] = "1",
                    ["C"] = "$A literal",
                    ["D"] = "1 quoted",
                    ["E"] = "a b",
                }), "in order: B sees no A yet; an unset passed variable stays unset");
                Assert.That(script.Names, Is.EqualTo(new[] { "PATH", "WHEELSMITH_TEST_PASSED", "WHEELSMITH_TEST_UNSET", "STAMP", "B", "A", "C", "D", "E" }));
                Assert.That(logged, Is.Empty, "the values never reach the log");
            });
        }
        finally
        {
            Directory.Delete(python, recursive: true);
        }
    }

    [TestCase("PATH=/opt/tool/bin", "python on PATH is none, not")]
    [TestCase("FAILS=$(exit 3)", "")]
    public void An_environment_that_loses_the_cells_python_or_whose_command_fails_fails_its_step(string assignment, string said)
    {
        var python = PythonFolder();
        try
        {
            var script = new EnvironmentScript(python, [], EnvironmentAssignment.Parse("environment", assignment));
            var (_, logged, exitCode) = Evaluate(script, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(string.Join('\n', logged), Does.Contain(said));
        }
        finally
        {
            Directory.Delete(python, recursive: true);
        }
    }

    [Test]
    public void A_table_environment_is_written_as_cibuildwheel_writes_it_and_only_names_are_shown_or_reported()
    {
        var table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>("e = { PATH = \"$PATH:/opt/tool/bin\", STAMP = \"$(uname -m)\", TOKEN = \"secret\" }")!["e"];
        var text = EnvironmentAssignment.FromToml(table, "label").Single()!;
        var options = OptionsTests.Parse("--environment=" + text);
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("PATH=\"$PATH:/opt/tool/bin\" STAMP=\"$(uname -m)\" TOKEN=\"secret\""));
            Assert.That(options.EnvironmentAssignments.Select(a => a.Shell), Is.EqualTo(new[] { "\"$PATH:/opt/tool/bin\"", "\"$(uname -m)\"", "\"secret\"" }));
            Assert.That(OptionDeclarations.Environment.Shown(options), Is.EqualTo("PATH STAMP TOKEN"));
            Assert.That(OptionDeclarations.Environment.Reported(options), Is.EqualTo(new[] { "PATH", "STAMP", "TOKEN" }));
        });
    }

    [Test]
    public void Every_step_has_CIBUILDWHEEL_and_the_evaluated_values_after_the_build_variables_and_before_env()
    {
        var cell = Cell("--env=LITERAL=$PATH");
        IReadOnlyList<KeyValuePair<string, string>> evaluated = [new("PATH", "/opt/python/cp313-cp313/bin:/usr/bin:/opt/tool/bin"), new("HOME", "/home/x")];
        var build = cell.BuildEnvironment(evaluated);
        Assert.Multiple(() =>
        {
            foreach (var step in new[] { build, cell.RepairEnvironment(evaluated), cell.StepEnvironment, cell.InstallEnvironment, cell.TestEnvironment(evaluated, []), cell.EvaluationEnvironment })
            {
                Assert.That(step, Has.Member("CIBUILDWHEEL=1"));
            }

            Assert.That(build.SkipWhile(v => v != "HOME=/tmp").ToArray(), Is.EqualTo(new[] { "HOME=/tmp", "PATH=/opt/python/cp313-cp313/bin:/usr/bin:/opt/tool/bin", "HOME=/home/x", "LITERAL=$PATH" }),
                "docker takes the last of a name: the evaluated HOME over the default, --env (literal) last");
            Assert.That(cell.BuildEnvironmentScript.PythonBin, Is.EqualTo("/opt/python/cp313-cp313/bin"));
            Assert.That(cell.TestEnvironment(evaluated, [new("T", "1")]), Has.Member("PATH=/tmp/venv/bin:/opt/python/cp313-cp313/bin:/usr/bin:/opt/tool/bin").And.Member("T=1").And.Member("HOME=/home/x"),
                "the test's PATH is the build's with the test environment first");
        });
    }

    [Test]
    public void The_test_runs_from_its_fresh_folder_with_its_sources_before_test_and_the_wheel()
    {
        var cell = Cell("--test-command=pytest {project}/tests {wheel}", "--test-sources=tests", "--before-test=echo {package}", "--test-environment=T=\"$VIRTUAL_ENV/x\"");
        Assert.Multiple(() =>
        {
            Assert.That(cell.Options.TestSources, Is.EqualTo(new[] { "tests" }));
            Assert.That(cell.TestCommand(["p-1-cp313-abi3-manylinux_2_39_x86_64.whl"]), Is.EqualTo(new[] { "sh", "-c", "pytest /project/tests /tmp/wheelsmith/repaired/p-1-cp313-abi3-manylinux_2_39_x86_64.whl" }));
            Assert.That(WheelCell.TestPath, Is.EqualTo("/tmp/wheelsmith/test"));
            Assert.That(cell.BeforeTestCommand, Is.EqualTo(new[] { "sh", "-c", "echo /project" }));
            Assert.That(cell.TestEnvironmentScript.Names, Is.EqualTo(new[] { "T" }), "no python put on the test's PATH: the test environment's is first");
        });
    }

    [TestCase("--test-command=", false)]
    [TestCase("--test-command=  ", false)]
    [TestCase("--test-command=pytest", true)]
    public void An_empty_test_command_means_none(string flag, bool tests) => Assert.That(Cell(flag).Tests, Is.EqualTo(tests));

    [Test]
    public void The_build_frontend_and_config_settings_make_the_build_command()
    {
        var build = Cell("--config-settings=--build-option=--x 'setup-args=-Dflag={package}'", "--build-frontend=build; args: --verbose");
        var manylinuxPip = Cells("--arch=x86_64", "--cpython=cp313", "--build-frontend=pip; args: --no-clean", "--config-settings=a=1").Single();
        Assert.Multiple(() =>
        {
            Assert.That(build.BuildCommand, Is.EqualTo(new[]
            {
                "/opt/python/cp313-cp313/bin/python", "-m", "build", "--wheel", "--no-isolation", "--outdir", "/tmp/wheelsmith/built", ".",
                "-C--build-option=--x", "-Csetup-args=-Dflag=/project", "--verbose",
            }));
            Assert.That(manylinuxPip.BuildCommand, Is.EqualTo(new[]
            {
                "/opt/python/cp313-cp313/bin/python", "-m", "pip", "wheel", ".", "--wheel-dir=/tmp/wheelsmith/built", "--no-deps", "-Ca=1", "--no-clean",
            }));
            Assert.That(Cell("--build-frontend=build[uv]").Options.BuildFrontend.Name, Is.EqualTo("build"));
            Assert.That(Cell("--build-frontend=uv").Options.BuildFrontend.Note, Is.EqualTo("build-frontend uv: uv is in no offline image and reached from no index here; python -m build is used instead"));
            Assert.That(Cell().Options.BuildFrontend.Note, Is.Null);
        });
    }

    [TestCase("build", "0", new string[0])]
    [TestCase("build", "1", new string[0])]
    [TestCase("build", "2", new[] { "-v" })]
    [TestCase("build", "3", new[] { "-vv" })]
    [TestCase("build", "-2", new[] { "-qq" })]
    [TestCase("pip", "1", new[] { "-v" })]
    [TestCase("pip", "-3", new[] { "-qqq" })]
    public void Build_verbosity_reaches_the_frontend_as_cibuildwheel_passes_it(string frontend, string level, string[] flags)
    {
        var command = Cells("--arch=x86_64", "--cpython=cp313", "--build-frontend=" + frontend + "; args: --x", "--build-verbosity=" + level).Single().BuildCommand;
        Assert.That(command.SkipWhile(word => word != "--x").Skip(1), Is.EqualTo(flags), string.Join(' ', command));
    }

    [Test]
    public void Config_settings_from_a_table_repeat_a_key_for_a_list()
    {
        var table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>("c = { \"setup-args\" = [\"-Da=1\", \"-Db=two words\"], k = \"v\" }")!["c"];
        var text = CibuildwheelKey.ConfigSettingItems(table, "label").Single()!;
        Assert.That(CommandOptions.ConfigSettings("config-settings", ShellWords.Split(text, "config-settings")), Is.EqualTo(new[] { "setup-args=-Da=1", "setup-args=-Db=two words", "k=v" }));
    }

    [Test]
    public void An_empty_repair_command_keeps_the_built_wheel_and_the_audit_runs_each_command_on_the_wheels_it_names()
    {
        var cell = Cell("--repair-command=", "--audit-command=check {wheel} && abi3check {abi3_wheel} {package}");
        Assert.Multiple(() =>
        {
            Assert.That(cell.RepairCommand("p-1-cp313-cp313-linux_x86_64.whl"), Is.EqualTo(new[] { "sh", "-c", "mkdir -p /tmp/wheelsmith/repaired && mv /tmp/wheelsmith/built/p-1-cp313-cp313-linux_x86_64.whl /tmp/wheelsmith/repaired/" }));
            Assert.That(cell.AuditCommands("p-1-cp313-cp313-manylinux_2_39_x86_64.whl"), Is.EqualTo(new[] { new[] { "sh", "-c", "check /tmp/wheelsmith/repaired/p-1-cp313-cp313-manylinux_2_39_x86_64.whl" } }));
            Assert.That(cell.AuditCommands("p-1-cp38-abi3-manylinux_2_39_x86_64.whl"), Has.Count.EqualTo(2));
            Assert.That(cell.AuditCommands("p-1-cp38-abi3-manylinux_2_39_x86_64.whl")[1], Is.EqualTo(new[] { "sh", "-c", "abi3check /tmp/wheelsmith/repaired/p-1-cp38-abi3-manylinux_2_39_x86_64.whl /project" }));
            Assert.That(Cell().AuditCommands("p-1-cp38-abi3-manylinux_2_39_x86_64.whl"), Is.Empty, "no audit by default");
        });
    }

    [TestCase("p-1-cp38-abi3-manylinux_2_39_x86_64.whl", "cp314", true)]
    [TestCase("p-1-cp313-abi3-manylinux_2_39_x86_64.whl", "cp313", true)]
    [TestCase("p-1-cp314-abi3-manylinux_2_39_x86_64.whl", "cp313", false)]
    [TestCase("p-1-cp38-abi3-manylinux_2_39_x86_64.whl", "cp314t", false)]
    [TestCase("p-1-cp313-cp313-manylinux_2_39_x86_64.whl", "cp314", false)]
    [TestCase("p-1-py3-none-manylinux_2_39_x86_64.whl", "cp314", true)]
    [TestCase("p-1-cp37.cp38-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "cp313", true)]
    public void A_later_cpython_takes_an_abi3_or_python_3_wheel(string wheel, string cpython, bool accepted)
    {
        Assert.That(WheelTags.AcceptedBy(wheel, CPythonTag.TryParse(cpython)!), Is.EqualTo(accepted));
        Assert.That(WheelTags.IsReusable(wheel), Is.EqualTo(!wheel.Contains("-cp313-cp313-", StringComparison.Ordinal)), "what a first cell publishes");
    }

    [Test]
    public void Later_cells_of_an_architecture_wait_for_its_first_cell_whose_wheel_they_may_reuse()
    {
        var plan = RunPlan.Make("Wheels", OptionsTests.Parse("--base=local"), OptionsTests.Paths, User, Environment.GetEnvironmentVariable, new GitFacts(new GitContext()));
        Assert.That(plan.Cells.Select(c => $"{c.Identifier} <- {plan.WaitsFor(c)?.Identifier.ToString() ?? "-"}"), Is.EqualTo(new[]
        {
            "cp313-manylinux_x86_64 <- -", "cp314-manylinux_x86_64 <- cp313-manylinux_x86_64", "cp313-manylinux_aarch64 <- -", "cp314-manylinux_aarch64 <- cp313-manylinux_aarch64",
        }));
    }

    [Test]
    public void Before_all_gets_project_and_package_and_the_first_cells_environment()
    {
        var plan = RunPlan.Make("Wheels", OptionsTests.Parse("--base=local", "--arch=x86_64", "--before-all=ls {project} {package}", "--environment=A=1", "--environment-pass=WHEELSMITH_X"),
            OptionsTests.Paths, User, Environment.GetEnvironmentVariable, new GitFacts(new GitContext()));
        var image = plan.Images.Single();
        Assert.Multiple(() =>
        {
            Assert.That(image.BeforeAll, Is.EqualTo("ls /project /project"));
            Assert.That(image.BeforeAllScript!.Names, Is.EqualTo(new[] { "PATH", "WHEELSMITH_X", "A" }));
            Assert.That(image.BeforeAllEnvironment, Has.Member("WHEELSMITH_X"), "the passed name, for docker to take from this environment");
        });
    }

    [Test]
    public void The_report_shows_an_abi3_wheel_once_with_the_cpythons_it_was_tested_on()
    {
        var cells = Cells("--base=local", "--cpython=cp313,cp314");
        var wheel = new BuiltWheel("p-1-cp38-abi3-manylinux_2_39_x86_64.whl", "manylinux_2_39_x86_64", 2048, "ab", false);
        var arm = new BuiltWheel("p-1-cp38-abi3-manylinux_2_39_aarch64.whl", "manylinux_2_39_aarch64", 2048, "cd", false);
        IReadOnlyList<WheelResult> results =
        [
            new(cells[0], [wheel], TimeSpan.FromSeconds(10), TestOutcome.Passed, null, "x.log", []),
            new(cells[1], [], TimeSpan.FromSeconds(5), TestOutcome.Passed, null, "y.log", [wheel.File]),
            new(cells[2], [arm], TimeSpan.FromSeconds(10), TestOutcome.Passed, null, "z.log", []),
            new(cells[3], [], TimeSpan.FromSeconds(5), TestOutcome.Failed, "test failed (exit 1)", "w.log", [arm.File]),
        ];
        var markdown = WheelReport.Markdown(results, "dist");
        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain($"| {wheel.File} | x86_64 | cp313, cp314 | manylinux_2_39_x86_64 | 0.0 MB | 10.0 s | tested on cp313, cp314 | ok, built once on cp313, not again on cp314 | `ab` |"));
            Assert.That(markdown, Does.Contain($"| {arm.File} | arm64 | cp313 | manylinux_2_39_aarch64 | 0.0 MB | 10.0 s | tested | ok | `cd` |"));
            Assert.That(markdown, Does.Contain($"| {arm.File} (of another cell) | arm64 | cp314 | - | - | 5.0 s | test failed | FAILED | - |"));
            Assert.That(markdown.Split('\n').Count(line => line.Contains(wheel.File, StringComparison.Ordinal)), Is.EqualTo(1), "the x86_64 wheel once");
            Assert.That(results[0].TestedOn(results, wheel), Is.EqualTo(new[] { "cp313", "cp314" }));
            Assert.That(results[2].TestedOn(results, arm), Is.EqualTo(new[] { "cp313" }));
        });
    }

    [Test]
    public void A_cell_that_built_the_same_abi3_wheel_beside_its_publisher_is_named_as_having_built_it_too()
    {
        var cells = Cells("--base=local", "--cpython=cp313,cp314", "--arch=x86_64");
        var wheel = new BuiltWheel("p-1-cp313-abi3-manylinux_2_39_x86_64.whl", "manylinux_2_39_x86_64", 2048, "ab", false);
        IReadOnlyList<WheelResult> results =
        [
            new(cells[0], [], TimeSpan.FromSeconds(9), TestOutcome.Passed, null, "x.log", [wheel.File], BuiltToo: true),
            new(cells[1], [wheel], TimeSpan.FromSeconds(8), TestOutcome.Passed, null, "y.log", []),
        ];
        var markdown = WheelReport.Markdown(results, "dist");
        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain($"| {wheel.File} | x86_64 | cp314, cp313 | manylinux_2_39_x86_64 | 0.0 MB | 8.0 s | tested on cp314, cp313 | ok, built on cp314, also on cp313 (started beside it; tested this one) | `ab` |"));
            Assert.That(markdown.Split('\n').Count(line => line.Contains(wheel.File, StringComparison.Ordinal)), Is.EqualTo(1), "the wheel once, delivered by the cell that published it first");
        });
    }
}
