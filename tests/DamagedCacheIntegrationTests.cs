using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// A damaged cache on the real engine: a cached root file system altered or truncated is found by
/// its recorded SHA-256 and made again, not imported; a root whose making was killed, its folder left
/// with a mount in it, is made again. Alone on the engine: it removes the arm64 test
/// image and its base, and damages the cached root other runs would import.
/// </summary>
[Order(StartOrder.DamagedCache)]
public sealed class DamagedCacheIntegrationTests : DockerFixture
{
    protected override string Needing => "The damaged cache";

    protected override FixtureSharing Sharing => FixtureSharing.ChangesArm64;

    private static readonly string[] ArmImages = ["--target=Images", "--base=local", "--arch=arm64"];

    [Test]
    public void A_damaged_root_file_system_tarball_is_made_again_not_imported()
    {
        // The arm64 test root is the cheapest to make (mmdebstrap, about 15 s); the engine must lack its image to import it.
        var (testImage, runtime) = MadeArmImages();
        string? Cached() => Directory.GetFiles(CacheBases(), "debian-unstable-arm64-runtime-*.tar").SingleOrDefault(t => t.Contains(runtime.Split(':')[1], StringComparison.Ordinal));
        if (Cached() is null)
        {
            // An engine that kept the root's image while its cache was emptied: without the image the run makes the root again.
            DockerEngine.Output("image", "rm", testImage, runtime);
            Assert.That(BuildProcess.Run(ArmImages, timeout: TimeSpan.FromMinutes(30)).ExitCode, Is.Zero);
        }

        var tarball = Cached() ?? throw new AssertionException($"no cached root file system for {runtime} in {CacheBases()}");

        // Imported once intact: a tarball cached before its checksum was kept is read whole and recorded then.
        DockerEngine.Output("image", "rm", testImage, runtime);
        var imported = BuildProcess.Run(ArmImages, timeout: TimeSpan.FromMinutes(30));
        Assert.That(imported.ExitCode, Is.Zero, imported.ToString());
        Assert.That(imported.Output, Does.Contain($"importing the cached root file system {tarball}"));
        Assert.That(File.ReadAllText(tarball + ".sha256"), Does.StartWith(Sha256(tarball)), "the checksum is kept beside the tarball");
        testImage = TestImage(imported);

        // Each damage in turn, on the tarball the run before made again.
        foreach (var damage in new[] { "altered", "truncated" })
        {
            using (var file = new FileStream(tarball, FileMode.Open, FileAccess.ReadWrite))
            {
                if (damage == "altered")
                {
                    file.Position = file.Length / 2;
                    var original = file.ReadByte();
                    file.Position--;
                    file.WriteByte((byte)(original ^ 0xFF));
                }
                else
                {
                    file.SetLength(file.Length / 3);
                }
            }

            DockerEngine.Output("image", "rm", testImage, runtime);
            var again = BuildProcess.Run(ArmImages, timeout: TimeSpan.FromMinutes(30));
            Assert.Multiple(() =>
            {
                Assert.That(again.ExitCode, Is.Zero, $"{damage}: {again}");
                Assert.That(again.Output, Does.Contain($"Cached root file system {tarball} is damaged (its SHA-256 is not the ").And.Contain("removing it and making it again"), damage);
                Assert.That(again.Output, Does.Not.Contain($"importing the cached root file system {tarball}"), damage);
                Assert.That(again.Output, Does.Contain("Extracting"), $"{damage}: the root was made again");
                Assert.That(new FileInfo(tarball).Length, Is.GreaterThan(10_000_000), damage);
                Assert.That(File.ReadAllText(tarball + ".sha256"), Does.StartWith(Sha256(tarball)), damage);
            });
            testImage = TestImage(again);
        }
    }

    [Test]
    public void A_root_whose_making_was_killed_with_proc_still_mounted_in_its_folder_is_made_again()
    {
        var (testImage, runtime) = MadeArmImages();
        var tarball = Path.Combine(CacheBases(), $"debian-unstable-arm64-runtime-{runtime.Split(':')[1]}.tar");

        // What a killed making leaves: no tarball, and its folder with proc mounted in it, as debootstrap's second stage mounts it.
        File.Delete(tarball);
        File.Delete(tarball + ".sha256");
        var leftover = Path.Combine(Path.GetDirectoryName(CacheBases())!, "rootfs", Path.GetFileNameWithoutExtension(tarball));
        Directory.CreateDirectory(Path.Combine(leftover, "proc"));
        var mount = System.Diagnostics.Process.Start("mount", ["-t", "proc", "proc", Path.Combine(leftover, "proc")]);
        mount.WaitForExit();
        Assert.That(mount.ExitCode, Is.Zero, "mounting proc in the leftover folder (the suite runs as root)");
        DockerEngine.Output("image", "rm", testImage, runtime);

        var again = BuildProcess.Run(ArmImages, timeout: TimeSpan.FromMinutes(30));
        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.ToString());
            Assert.That(File.ReadAllText("/proc/self/mounts"), Does.Not.Contain(leftover), "the leftover's mount was undone");
            Assert.That(Directory.Exists(leftover), Is.False, "the folder was made afresh, then removed once tarred");
            Assert.That(File.Exists(tarball), Is.True);
        });
    }

    // The arm64 images made (or found up to date): the test image and the runtime root's image it is built on.
    private static (string TestImage, string Runtime) MadeArmImages()
    {
        var made = BuildProcess.Run(ArmImages, timeout: TimeSpan.FromMinutes(30));
        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        var testImage = TestImage(made);
        return (testImage, DockerEngine.Output("image", "inspect", "--format", "{{index .Config.Labels \"org.opencontainers.image.base.name\"}}", testImage).Split(',')[0]);
    }

    private static string TestImage(BuildProcess.Result run) => Regex.Match(run.Output, @"^Image arm64 test: (\S+) \(", RegexOptions.Multiline).Groups[1].Value;

    private static string CacheBases() => Path.Combine(OptionsTests.Parse().Get(Options.OptionDeclarations.Cache), "bases");

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
