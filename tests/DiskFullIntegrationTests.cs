using System.Security.Cryptography;

namespace Wheelsmith.Tests;

/// <summary>
/// A full disk on the real engine: --output on a small tmpfs, filled after a first good run, so
/// that the second run's wheel does not fit; and the cache on a disk too small for a bootstrap.
/// </summary>
public sealed class DiskFullIntegrationTests : DockerFixture
{
    protected override string Needing => "The full disk";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    private string _mount = null!;

    [SetUp]
    public void MountSmallDisk()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            var message = "The full-disk tests mount a tmpfs, which needs root.";
            if (DockerEngine.InCI)
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        _mount = Directory.CreateTempSubdirectory("wheelsmith-small-disk-").FullName;
        var mounted = BuildProcess.Exec("mount", ["-t", "tmpfs", "-o", "size=32m", "tmpfs", _mount]);
        Assert.That(mounted.ExitCode, Is.Zero, mounted.ToString());
    }

    [TearDown]
    public void Unmount()
    {
        BuildProcess.Exec("umount", [_mount]);
        Directory.Delete(_mount, recursive: true);
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Test]
    public void A_wheel_that_does_not_fit_fails_its_cell_saying_so_and_the_older_wheel_and_report_stay()
    {
        string[] cell = ["--base=local", "--arch=x86_64", "--cpython=cp313", "--output=" + _mount];
        var first = BuildProcess.Run(cell, timeout: TimeSpan.FromMinutes(10));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        var wheel = Directory.GetFiles(_mount, "*.whl").Single();
        var (wheelBefore, reportBefore) = (Sha256(wheel), File.ReadAllText(Path.Combine(_mount, "wheels.json")));

        // Every byte left taken: no wheel fits, nor a new report.
        BuildProcess.Exec("dd", ["if=/dev/zero", "of=" + Path.Combine(_mount, "filler"), "bs=64k"]);
        var full = BuildProcess.Run(cell, timeout: TimeSpan.FromMinutes(10));
        Assert.Multiple(() =>
        {
            Assert.That(full.ExitCode, Is.EqualTo(1), full.ToString());
            Assert.That(full.Output, Does.Contain($"BuildWheel[x86_64,cp313] failed: copy out failed (no space left on device: the disk of --output {_mount} is full"));
            Assert.That(full.Output, Does.Contain($"Could not write {Path.Combine(_mount, "wheels.json")}: no space left on device").And.Contain("the previous report stays as it was"));
            Assert.That(Sha256(wheel), Is.EqualTo(wheelBefore), "the older wheel is intact");
            Assert.That(File.ReadAllText(Path.Combine(_mount, "wheels.json")), Is.EqualTo(reportBefore), "the older report is intact");
            Assert.That(Directory.GetFileSystemEntries(_mount, "*.partial*", SearchOption.AllDirectories), Is.Empty, "no partial file, no staging folder");
            Assert.That(DockerEngine.LeftContainers(), Is.Empty);
        });
    }

    [Test]
    public void A_cache_on_a_disk_too_small_for_a_bootstrap_is_warned_about_before_the_run()
    {
        var run = BuildProcess.Run(["--target=Images", "--base=local", "--arch=x86_64"], new Dictionary<string, string> { ["WHEELSMITH_CACHE"] = Path.Combine(_mount, "cache") });
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Match($@"The cache's disk \({System.Text.RegularExpressions.Regex.Escape(Path.Combine(_mount, "cache"))}\) has 0\.0 GB free; making the local base's root file systems needs about 4 GB"));
        });
    }
}
