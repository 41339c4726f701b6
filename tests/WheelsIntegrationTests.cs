using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// The main job on the real engine with --base=local: the bundled sample for x86_64 and arm64 x
/// cp313 and cp314, built and repaired natively (arm64 by the cross toolchain), tested in clean
/// containers (arm64 under QEMU).
/// </summary>
[Order(StartOrder.Wheels)]
public sealed partial class WheelsIntegrationTests : DockerFixture
{
    protected override string Needing => "Building wheels";

    private static readonly string Sample = OptionsTests.Paths.Sample;
    private string _output = null!;
    private string _sampleBefore = null!;
    private BuildProcess.Result _run = null!;

    [OneTimeSetUp]
    public void BuildTheSampleForEveryCell()
    {
        _output = Directory.CreateTempSubdirectory("wheelsmith-dist-").FullName;
        _sampleBefore = SourceTree.Fingerprint(Sample);
        _run = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=all", "--cpython=cp313,cp314", "--output=" + _output], timeout: TimeSpan.FromMinutes(80));
        DockerEngine.Require(Needing, _run);
        Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
    }

    [OneTimeTearDown]
    public void RemoveOutput() => Directory.Delete(_output, recursive: true);

    private string[] Wheels(string folder) => Directory.GetFiles(folder, "*.whl").Select(Path.GetFileName).Order().ToArray()!;

    [Test]
    public void Four_wheels_tagged_with_their_cpython_and_architecture() =>
        Assert.That(Wheels(_output), Has.Length.EqualTo(4).And.Exactly(1).Match(@"^magickpng-0\.1\.0-cp313-cp313-manylinux_\d+_\d+_x86_64\.whl$")
            .And.Exactly(1).Match(@"^magickpng-0\.1\.0-cp314-cp314-manylinux_\d+_\d+_x86_64\.whl$")
            .And.Exactly(1).Match(@"^magickpng-0\.1\.0-cp313-cp313-manylinux_\d+_\d+_aarch64\.whl$")
            .And.Exactly(1).Match(@"^magickpng-0\.1\.0-cp314-cp314-manylinux_\d+_\d+_aarch64\.whl$"), _run.ToString());

    [Test]
    public void Auditwheel_show_accepts_each_wheel_and_finds_imagemagick_grafted()
    {
        var container = $"wheelsmith-test-show-{Guid.NewGuid():N}";
        var image = _run.ImageOf("x86_64");
        DockerEngine.Output("create", "--name", container, "--network", "none", image, "sleep", "infinity");
        try
        {
            DockerEngine.Output("cp", _output + "/.", container + ":/wheels");
            DockerEngine.Output("start", container);
            foreach (var wheel in Wheels(_output))
            {
                var show = DockerEngine.Output("exec", container, "auditwheel", "show", "/wheels/" + wheel);
                var machine = wheel.Contains("aarch64", StringComparison.Ordinal) ? "aarch64" : "x86_64";
                Assert.That(Regex.Replace(show, @"\s+", " "), Does.Match($@"is consistent with the following platform tag: ""manylinux_\d+_\d+_{machine}"""), wheel);
                var listing = DockerEngine.Output("exec", container, "python3", "-m", "zipfile", "-l", "/wheels/" + wheel);
                Assert.That(listing, Does.Match(@"magickpng\.libs/libMagickWand-7[^\s]*\.so").And.Match(@"magickpng\.libs/libpng16[^\s]*\.so"), wheel);
            }
        }
        finally
        {
            DockerEngine.Docker("rm", "--force", container);
        }
    }

    [Test]
    public void The_test_command_passed_in_every_cell_on_both_architectures()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReportRow().Matches(_run.Output).Count(m => m.Groups["tested"].Value == "tested" && m.Groups["result"].Value == "ok"), Is.EqualTo(4), _run.ToString());
            foreach (var (arch, machine) in new[] { ("x86_64", "x86_64"), ("arm64", "aarch64") })
            {
                foreach (var cpython in new[] { "cp313", "cp314" })
                {
                    var log = File.ReadAllText(Path.Combine(_output, "logs", $"{arch}-{cpython}.log"));
                    Assert.That(log, Does.Match($@"magickpng 0\.1\.0 on Python 3\.{cpython[3..]}\.\d+ \({machine}\)").And.Contain("120x80, centre (59, 130, 246)"));
                    Assert.That(log.Contains("cross build for aarch64", StringComparison.Ordinal), Is.EqualTo(arch == "arm64"), "aarch64 wheels are cross-built by default on the local base");
                }
            }
        });
    }

    [Test]
    public void The_source_is_unchanged_and_no_container_or_partial_file_is_left()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SourceTree.Fingerprint(Sample), Is.EqualTo(_sampleBefore));
            Assert.That(Directory.GetFileSystemEntries(_output, "*.partial*", SearchOption.AllDirectories), Is.Empty);
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
        });
    }

    [Test]
    public void The_report_lists_every_cell_with_the_size_and_sha256_of_the_file_on_disk()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "wheels.json")));
        var root = report.RootElement;
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("tool").GetProperty("revision").GetString(), Does.Match("^[0-9a-f]{40}$"));
            Assert.That(root.GetProperty("options").GetProperty("base").GetString(), Is.EqualTo("local"));
            Assert.That(root.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("reference").GetString()), Has.Member(_run.ImageOf("x86_64")));
            Assert.That(root.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("inputHash").GetString()), Has.All.Match("^[0-9a-f]{64}$"));
            Assert.That(cells.Select(c => c.GetProperty("identifier").GetString()),
                Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp314-manylinux_x86_64", "cp313-manylinux_aarch64", "cp314-manylinux_aarch64" }));
            foreach (var cell in cells)
            {
                Assert.That((cell.GetProperty("result").GetString(), cell.GetProperty("test").GetString(), cell.GetProperty("failure").ValueKind), Is.EqualTo(("ok", "tested", JsonValueKind.Null)));
                Assert.That(cell.GetProperty("cpythonOrigin").ValueKind, Is.EqualTo(JsonValueKind.Null), "only a base made from sources says where its CPythons came from");
                Assert.That(File.Exists(Path.Combine(_output, cell.GetProperty("log").GetString()!)), Is.True, "the log path is relative to the report");
                var wheel = cell.GetProperty("wheels").EnumerateArray().Single();
                var file = Path.Combine(_output, wheel.GetProperty("file").GetString()!);
                Assert.That(wheel.GetProperty("size").GetInt64(), Is.EqualTo(new FileInfo(file).Length));
                Assert.That(wheel.GetProperty("sha256").GetString(), Is.EqualTo(Sha256(file)));
                Assert.That(wheel.GetProperty("platformTag").GetString(), Is.EqualTo(Path.GetFileNameWithoutExtension(file).Split('-')[^1]));
            }
        });
    }

    [Test]
    public void The_report_names_the_sources_git_state()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "wheels.json")));
        var source = report.RootElement.GetProperty("source");
        var described = BuildProcess.Exec("git", ["-C", Sample, "describe", "--tags", "--always"]).Output.Trim();
        var dirty = BuildProcess.Exec("git", ["-C", Sample, "status", "--porcelain"]).Output.Trim().Length > 0;
        Assert.Multiple(() =>
        {
            Assert.That(source.GetProperty("gitDescribe").GetString(), Is.EqualTo(described));
            Assert.That(source.GetProperty("uncommittedChanges").GetBoolean(), Is.EqualTo(dirty));
        });
    }

    [Test]
    public void Cakes_summary_gives_each_cell_its_own_duration_and_shows_the_overlap()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "wheels.json")));
        var cells = report.RootElement.GetProperty("cells").EnumerateArray()
            .ToDictionary(c => $"BuildWheel[{c.GetProperty("arch").GetString()},{c.GetProperty("cpython").GetString()}]", c => c.GetProperty("durationSeconds").GetDouble());
        var summary = _run.Output[_run.Output.LastIndexOf("\nTask ", StringComparison.Ordinal)..];
        var rows = SummaryRow().Matches(summary).ToDictionary(m => m.Groups[1].Value, m => TimeSpan.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            foreach (var (task, seconds) in cells)
            {
                Assert.That(rows[task].TotalSeconds, Is.EqualTo(seconds).Within(0.1), $"{task}'s row is the cell's own duration");
            }

            var overlap = rows.Single(r => r.Key.StartsWith("(cells side by side", StringComparison.Ordinal)).Value;
            Assert.That(overlap, Is.LessThan(TimeSpan.Zero), "cells ran side by side: the overlap row gives that time back");
            Assert.That(rows["Total:"], Is.EqualTo(rows.Where(r => r.Key != "Total:").Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Value)).Within(TimeSpan.FromMilliseconds(1)),
                "the total is still the sum of the rows: the run's time");
        });
    }

    [Test]
    public void A_second_run_from_a_clean_output_gives_byte_identical_wheels()
    {
        var again = Directory.CreateTempSubdirectory("wheelsmith-dist-again-").FullName;
        try
        {
            var run = BuildProcess.Run(["--target=Wheels", "--base=local", "--arch=all", "--cpython=cp313,cp314", "--output=" + again], timeout: TimeSpan.FromMinutes(30));
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Wheels(again).ToDictionary(w => w, w => Sha256(Path.Combine(again, w))), Is.EqualTo(Wheels(_output).ToDictionary(w => w, w => Sha256(Path.Combine(_output, w)))));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    [GeneratedRegex(@"│ (?<wheel>\S+\.whl)\s+│ (?<arch>\S+)\s+│ (?<cpython>\S+)\s+│ (?<platform>\S+)\s+│ [^│]+│ [^│]+│ (?<tested>[^│]+?)\s+│ (?<result>\S+)\s+│")]
    private static partial Regex ReportRow();

    // A row of Cake's task summary: the task (or "Total:") and its duration, which may be negative.
    [GeneratedRegex(@"^(BuildWheel\[[^\]]+\]|\(cells side by side[^)]*\)|Total:|[A-Z]\w+)\s+(-?\d\d:\d\d:\d\d\.\d+)", RegexOptions.Multiline)]
    private static partial Regex SummaryRow();
}
