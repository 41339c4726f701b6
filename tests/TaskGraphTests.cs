namespace Wheelsmith.Tests;

/// <summary>
/// The task graph as the real program shows it (--tree, --dryrun), with no Docker: a docker,
/// apt-get or debootstrap placed first on PATH would record any call, and none may happen.
/// </summary>
[Order(StartOrder.TaskGraph)]
public sealed class TaskGraphTests
{
    private string _fakeBin = null!;
    private string _calls = null!;

    [SetUp]
    public void CreateTrapPrograms()
    {
        _fakeBin = Directory.CreateTempSubdirectory("wheelsmith-trap-").FullName;
        _calls = Path.Combine(_fakeBin, "calls.log");
        foreach (var program in new[] { "docker", "apt-get", "debootstrap", "update-binfmts", "mount", "tar", "start-stop-daemon" })
        {
            var path = Path.Combine(_fakeBin, program);
            File.WriteAllText(path, $"#!/bin/sh\necho {program} \"$@\" >> '{_calls}'\nexit 1\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TearDown]
    public void RemoveTrapPrograms() => Directory.Delete(_fakeBin, recursive: true);

    private BuildProcess.Result Run(params string[] arguments) =>
        BuildProcess.Run(arguments, new Dictionary<string, string> { ["PATH"] = _fakeBin + ":" + Environment.GetEnvironmentVariable("PATH") });

    // The numbered lines of a dry run, with PrepareHost left out: it is listed only on a host that lacks something.
    private string[] DryRun(params string[] arguments)
    {
        var result = Run([.. arguments, "--dryrun"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(_calls), Is.False, () => "a dry run started a process: " + File.ReadAllText(_calls));
        return result.Tasks.Where(t => t != "PrepareHost").ToArray();
    }

    [Test]
    public void Matrix_prints_only_the_identifiers_and_starts_nothing()
    {
        var result = Run("--target=Matrix", "--base=local");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Is.EqualTo("cp313-manylinux_x86_64\ncp314-manylinux_x86_64\ncp313-manylinux_aarch64\ncp314-manylinux_aarch64\n"), "standard output holds the identifiers and nothing else");
            Assert.That(File.Exists(_calls), Is.False, () => "Matrix started a process: " + File.ReadAllText(_calls));
        });
    }

    [Test]
    public void Matrix_as_json_is_an_array_a_ci_matrix_takes_as_it_is()
    {
        var result = Run("--target=Matrix", "--format=json", "--only=cp313t-manylinux_x86_64,cp311-manylinux_aarch64");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var cells = System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string>>>(result.Output)!;
        Assert.That(cells.Select(c => (c["identifier"], c["arch"], c["cpython"])), Is.EqualTo(new[] { ("cp313t-manylinux_x86_64", "x86_64", "cp313t"), ("cp311-manylinux_aarch64", "arm64", "cp311") }));
        Assert.That(File.Exists(_calls), Is.False);
    }

    [Test]
    public void Only_runs_exactly_its_cell_and_the_images_it_needs() =>
        Assert.That(DryRun("--base=local", "--only=cp313-manylinux_aarch64"),
            Is.EqualTo(new[] { "PrepareQemu", "BuildArmImage", "BuildCrossImage", "BuildWheel[arm64,cp313]", "Wheels", "Default" }));

    [Test]
    public void Tree_shows_the_whole_graph()
    {
        var result = Run("--tree");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var tree = string.Join('\n', result.Lines);
        Assert.Multiple(() =>
        {
            Assert.That(tree, Does.Contain("Images\n├─BuildX64Image\n│ └─PrepareHost\n├─BuildArmImage\n│ └─PrepareQemu\n│    └─PrepareHost\n└─BuildCrossImage\n└─PrepareHost"));
            Assert.That(tree, Does.Contain("└─BuildWheel[arm64,cp314t]\n├─BuildX64Image\n│ └─PrepareHost\n└─BuildArmImage\n└─PrepareQemu\n└─PrepareHost"), "emulated: no cross image on manylinux2014");
            Assert.That(tree, Does.StartWith("Default\n└─Wheels\n├─BuildWheel[x86_64,cp39]\n"), "the sample's requires-python >=3.9 leaves cp38 out");
            Assert.That(tree, Does.Contain("└─BuildWheel[arm64,cp314t]\n"));
        });
    }

    [Test]
    public void Tree_shows_the_cross_image_under_each_arm64_cell_of_a_cross_build()
    {
        var result = Run("--tree", "--base=local");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(string.Join('\n', result.Lines), Does.Contain("└─BuildWheel[arm64,cp314]\n├─BuildX64Image\n│ └─PrepareHost\n├─BuildArmImage\n│ └─PrepareQemu\n│    └─PrepareHost\n└─BuildCrossImage\n└─PrepareHost"));
    }

    [TestCase("BuildArmImage", "all", "PrepareQemu,BuildArmImage")]
    [TestCase("BuildX64Image", "all", "BuildX64Image")]
    [TestCase("Images", "all", "BuildX64Image,PrepareQemu,BuildArmImage,Images")]
    [TestCase("Images --base=local", "all", "BuildX64Image,PrepareQemu,BuildArmImage,BuildCrossImage,Images")]
    [TestCase("Images", "x86_64", "BuildX64Image,Images")]
    [TestCase("Images", "arm64", "PrepareQemu,BuildArmImage,Images")]
    [TestCase("Wheels --cpython=cp313 --base=local", "arm64", "PrepareQemu,BuildArmImage,BuildCrossImage,BuildWheel[arm64,cp313],Wheels")]
    [TestCase("Wheels --cpython=cp313 --base=local --arm-build=emulated", "arm64", "PrepareQemu,BuildArmImage,BuildWheel[arm64,cp313],Wheels")]
    [TestCase("Wheels --cpython=cp313,cp314", "x86_64", "BuildX64Image,BuildWheel[x86_64,cp313],BuildWheel[x86_64,cp314],Wheels")]
    [TestCase("Default --base=local", "all", "BuildX64Image,PrepareQemu,BuildArmImage,BuildCrossImage,BuildWheel[x86_64,cp313],BuildWheel[x86_64,cp314],BuildWheel[arm64,cp313],BuildWheel[arm64,cp314],Wheels,Default")]
    [TestCase("PrepareQemu", "all", "PrepareQemu")]
    public void Dry_run_lists_the_tasks_of_a_target_in_order(string target, string arch, string expected) =>
        Assert.That(string.Join(',', DryRun([.. ("--target=" + target).Split(' '), "--arch=" + arch])), Is.EqualTo(expected));

    [Test]
    public void Exclusive_runs_the_target_alone() =>
        Assert.That(DryRun("--target=Images", "--exclusive"), Is.EqualTo(new[] { "Images" }));

    [Test]
    public void Default_target_is_Default() =>
        Assert.That(DryRun("--arch=x86_64").Last(), Is.EqualTo("Default"));

    [TestCase("--arch=ppc64le", "--arch: 'ppc64le' is not accepted")]
    [TestCase("--cpython=cp3.11", "--cpython: 'cp3.11' is not accepted")]
    [TestCase("--arch=", "--arch: '' is not accepted")]
    [TestCase("--base=foo", "--base: 'foo' is not accepted")]
    [TestCase("--frobnicate", "--frobnicate: unknown option")]
    [TestCase("--arm-build=cross", "--arm-build: 'cross' needs --base=local")]
    public void Bad_input_is_one_line_and_a_non_zero_exit_before_any_process(string argument, string message)
    {
        var result = Run(argument, "--target=Images");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Lines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain(message));
            Assert.That(File.Exists(_calls), Is.False, "a process was started");
        });
    }

    [TestCase(new[] { "Wheels" }, "Unknown command 'Wheels'. Every argument is an option written --name=value (the task: --target=NAME)")]
    [TestCase(new[] { "--target" }, "no value has been provided. Every argument is an option")]
    [TestCase(new[] { "--target=Nope" }, "--target: 'Nope' is not a task; expected one of")]
    public void Arguments_the_host_cannot_read_are_one_line_and_exit_2_as_argparse_and_cibuildwheel_give(string[] arguments, string message)
    {
        var result = Run(arguments);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Lines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain(message));
            Assert.That(File.Exists(_calls), Is.False, "a process was started");
        });
    }

    [Test]
    public void Help_lists_the_host_options_then_the_build_options()
    {
        // Each build option and what it takes: OptionDeclarationTests.
        var result = Run("--help");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("--target <TARGET>").And.Contain("--dryrun").And.Contain("BUILD OPTIONS:"));
    }
}
