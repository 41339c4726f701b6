using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// The real program in a CI system's environment, on the real engine: the provider's variables
/// point at files in a temporary folder, and the tests read what the run wrote there and printed.
/// GitHub Actions: a cell that builds and one that cannot compile; Azure Pipelines: one cell, quiet.
/// </summary>
public sealed partial class CiIntegrationTests : DockerFixture
{
    protected override string Needing => "The CI integration";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    private string _folder = null!;
    private string _source = null!;
    private BuildProcess.Result _gitHub = null!;
    private BuildProcess.Result _matrix = null!;
    private BuildProcess.Result _azure = null!;

    private string GitHubOutput => Path.Combine(_folder, "github-output");

    private string StepSummary => Path.Combine(_folder, "step-summary.md");

    private string MatrixOutput => Path.Combine(_folder, "github-output-matrix");

    private string Dist(string name) => Path.Combine(_folder, name);

    [OneTimeSetUp]
    public void RunInEachProvidersEnvironment()
    {
        _folder = Directory.CreateTempSubdirectory("wheelsmith-ci-").FullName;
        _source = Path.Combine(_folder, "source");
        SourceTree.Copy(OptionsTests.Paths.Sample, _source);
        var extension = Path.Combine(_source, "src", "magickpng", "_render.c");
        File.WriteAllText(extension, File.ReadAllText(extension).Replace("#include <Python.h>\n",
            "#include <Python.h>\n#if PY_MINOR_VERSION == 14\n#error deliberately broken for CPython 3.14\n#endif\n", StringComparison.Ordinal));

        _gitHub = BuildProcess.Run(["--base=local", "--arch=x86_64", "--cpython=cp313,cp314", "--source=" + _source, "--output=" + Dist("github"),
            "--test-command=python {project}/tests/smoke.py"], GitHub(GitHubOutput), TimeSpan.FromMinutes(20));
        _matrix = BuildProcess.Run(["--target=Matrix", "--base=local"], GitHub(MatrixOutput));
        _azure = BuildProcess.Run(["--base=local", "--arch=x86_64", "--cpython=cp313", "--output=" + Dist("azure"), "--verbosity=quiet"],
            new Dictionary<string, string> { ["TF_BUILD"] = "True", ["AGENT_NAME"] = "wheelsmith-test", ["GITHUB_ACTIONS"] = string.Empty }, TimeSpan.FromMinutes(20));
    }

    private Dictionary<string, string> GitHub(string output) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_OUTPUT"] = output,
        ["GITHUB_STEP_SUMMARY"] = StepSummary,
        ["GITHUB_ENV"] = Path.Combine(_folder, "github-env"),
        ["GITHUB_PATH"] = Path.Combine(_folder, "github-path"),
        ["TF_BUILD"] = string.Empty,
    };

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>The outputs a step set, from GitHub's file format (name=value, or name&lt;&lt;DELIMITER lines DELIMITER).</summary>
    private static Dictionary<string, string> Outputs(string file)
    {
        var outputs = new Dictionary<string, string>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            if (HeredocStart().Match(lines[i]) is { Success: true } heredoc)
            {
                var end = Array.IndexOf(lines, heredoc.Groups[2].Value, i + 1);
                outputs[heredoc.Groups[1].Value] = string.Join('\n', lines[(i + 1)..end]);
                i = end;
            }
            else if (lines[i].Split('=', 2) is [var name, var value])
            {
                outputs[name] = value;
            }
        }

        return outputs;
    }

    [Test]
    public void GitHub_gets_the_wheel_table_with_sha256_in_the_step_summary()
    {
        var wheel = Directory.GetFiles(Dist("github"), "*.whl").Single();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(wheel)));
        var summary = File.ReadAllText(StepSummary);
        Assert.Multiple(() =>
        {
            Assert.That(_gitHub.ExitCode, Is.EqualTo(1), _gitHub.ToString());
            Assert.That(summary, Does.Contain("| Wheel | Arch | CPython | Platform | Size | Duration | Tested | Result | SHA-256 |"));
            Assert.That(summary, Does.Match($@"\| {Regex.Escape(Path.GetFileName(wheel))} \| x86_64 \| cp313 \| manylinux_\d+_\d+_x86_64 \| [\d.]+ MB \| [\d.]+ s \| tested \| ok \| `{sha256}` \|"));
            Assert.That(summary, Does.Match(@"\| - \| x86_64 \| cp314 \| - \| - \| [\d.]+ s \| not reached \| FAILED \| - \|"));
            Assert.That(summary, Does.Contain("**Failed:** BuildWheel[x86_64,cp314]: build failed"));
        });
    }

    [Test]
    public void GitHub_gets_the_reports_path_as_an_output()
    {
        var report = Outputs(GitHubOutput)["report"];
        Assert.That(report, Is.EqualTo(Path.Combine(Dist("github"), "wheels.json")));
        Assert.That(File.Exists(report), Is.True);
    }

    [Test]
    public void GitHub_shows_each_cells_whole_log_in_a_group_and_annotates_the_failed_one()
    {
        var lines = _gitHub.Lines;
        var failedLog = Path.Combine(Dist("github"), "logs", "x86_64-cp314.log");
        Assert.Multiple(() =>
        {
            var groups = lines.Where(line => line.StartsWith("::group::", StringComparison.Ordinal)).ToList();
            Assert.That(groups, Has.Count.EqualTo(2), _gitHub.ToString());
            Assert.That(groups, Has.One.Match(@"^::group::cp313-manylinux_x86_64: ok in [\d.]+ s").And.One.Match(@"^::group::cp314-manylinux_x86_64: FAILED in [\d.]+ s"));
            Assert.That(lines.Count(line => line == "::endgroup::"), Is.EqualTo(2));

            // The group holds the log as on disk: its first and last lines between the group's markers.
            var start = Array.FindIndex(lines, line => line.StartsWith("::group::cp314-", StringComparison.Ordinal));
            var end = Array.IndexOf(lines, "::endgroup::", start);
            var log = File.ReadAllLines(failedLog).Where(line => line.Trim().Length > 0).Select(line => line.Trim()).ToArray();
            Assert.That(lines[(start + 1)..end], Is.EqualTo(log));

            // GitHub escapes a colon in a property as %3A.
            Assert.That(lines, Has.One.Match($@"^::error title=Wheelsmith%3A cp314-manylinux_x86_64 failed::cp314-manylinux_x86_64 failed: build failed.*Its log: {Regex.Escape(failedLog)}$"));
            Assert.That(lines, Has.None.Match("^::error.*cp313"));
        });
    }

    [Test]
    public void GitHub_gets_the_matrix_as_an_output_and_standard_output_holds_only_the_identifiers()
    {
        var matrix = JsonSerializer.Deserialize<List<Dictionary<string, string>>>(Outputs(MatrixOutput)["matrix"])!;
        Assert.Multiple(() =>
        {
            Assert.That(_matrix.ExitCode, Is.Zero, _matrix.ToString());
            Assert.That(matrix.Select(cell => cell["identifier"]), Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64", "cp313-manylinux_aarch64", "cp314-manylinux_aarch64" }));
            Assert.That(_matrix.Lines, Is.EqualTo(matrix.Select(cell => cell["identifier"])));
        });
    }

    [Test]
    public void Azure_gets_the_table_as_a_task_summary_and_quiet_prints_only_the_table()
    {
        var summary = Path.Combine(Dist("azure"), "wheels.md");
        Assert.Multiple(() =>
        {
            Assert.That(_azure.ExitCode, Is.Zero, _azure.ToString());
            Assert.That(_azure.Lines, Has.One.EqualTo($"##vso[task.uploadsummary]{summary}"));
            Assert.That(File.ReadAllText(summary), Does.Contain("| Wheel | Arch | CPython |").And.Contain("| x86_64 | cp313 |"));
            Assert.That(_azure.Output, Does.Contain("Wheels in " + Dist("azure")), "the final table");
            Assert.That(_azure.Output, Does.Not.Contain("==>").And.Not.Contain("Successfully built").And.Not.Contain("Image ").And.Not.Contain("Task                          Duration"),
                "quiet: no steps, no tools' output, no task summary");
            Assert.That(File.ReadAllText(Path.Combine(Dist("azure"), "logs", "x86_64-cp313.log")), Does.Contain("==>").And.Contain("Successfully built"), "the log on disk is complete");
        });
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_-]*)<<(.+)$")]
    private static partial Regex HeredocStart();
}
