using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// The main job on the real engine with --base=local: the bundled sample for x86_64 and arm64 x
/// cp313 and cp314, built and repaired natively (arm64 by the cross toolchain), tested in clean
/// containers (arm64 under QEMU).
/// </summary>
[Category("Docker")]
[NonParallelizable]
public sealed partial class WheelsIntegrationTests
{
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
        DockerEngine.Require("Building wheels", _run);
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
        var image = ImageOf(_run, "x86_64");
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
            Assert.That(DockerEngine.LabelledContainers(), Is.Empty);
        });
    }

    private static string ImageOf(BuildProcess.Result run, string arch) =>
        Regex.Match(run.Output, $@"^Image {arch}: (\S+) \(", RegexOptions.Multiline).Groups[1].Value;

    [GeneratedRegex(@"│ (?<wheel>\S+\.whl)\s+│ (?<arch>\S+)\s+│ (?<cpython>\S+)\s+│ (?<platform>\S+)\s+│ [^│]+│ [^│]+│ (?<tested>[^│]+?)\s+│ (?<result>\S+)\s+│")]
    private static partial Regex ReportRow();
}
