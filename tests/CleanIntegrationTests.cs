namespace Wheelsmith.Tests;

/// <summary>--target=Clean removes this tool's containers and images, and nothing else.</summary>
[Docker]
public sealed class CleanIntegrationTests
{
    // There must be something of the tool's to clean, also when this fixture runs first on a fresh machine.
    [OneTimeSetUp]
    public void BuildTheImages()
    {
        DockerEngine.Require("Clean");
        var images = BuildProcess.Run(["--target=Images", "--base=local"], timeout: TimeSpan.FromMinutes(75));
        Assert.That(images.ExitCode, Is.Zero, images.ToString());
    }

    // Leaves the engine as the other tests expect it: the images back (from the cached root file systems).
    [OneTimeTearDown]
    public void RestoreImages()
    {
        var restore = BuildProcess.Run(["--target=Images", "--base=local"], timeout: TimeSpan.FromMinutes(75));
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
    }

    [Test]
    public void Clean_removes_exactly_what_carries_the_tool_label()
    {
        var ours = DockerEngine.Output("image", "ls", "--filter", "label=io.wheelsmith.tool=wheelsmith", "--format", "{{.Repository}}:{{.Tag}}").Split('\n')[0];
        Assert.That(ours, Does.StartWith("wheelsmith/"), "the images of the tool should be there before Clean");
        var scratch = Directory.CreateTempSubdirectory("wheelsmith-clean-").FullName;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var labelled = $"wheelsmith-clean-{suffix}";
        var unrelatedContainer = $"not-wheelsmith-{suffix}";
        var unrelatedImage = $"not-wheelsmith/empty:{suffix}";
        try
        {
            File.WriteAllText(Path.Combine(scratch, "hello"), "hi");
            Assert.That(BuildProcess.Exec("tar", ["-C", scratch, "-cf", Path.Combine(scratch, "rootfs.tar"), "hello"]).ExitCode, Is.Zero);
            DockerEngine.Output("image", "import", Path.Combine(scratch, "rootfs.tar"), unrelatedImage);
            DockerEngine.Output("create", "--name", labelled, "--network", "none", "--label", "io.wheelsmith.tool=wheelsmith", ours, "true");
            DockerEngine.Output("create", "--name", unrelatedContainer, "--network", "none", unrelatedImage, "/hello");

            var clean = BuildProcess.Run(["--target=Clean"], timeout: TimeSpan.FromMinutes(5));

            Assert.Multiple(() =>
            {
                Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
                Assert.That(clean.Output, Does.Match(@"Removed 1 container\(s\) and \d+ image\(s\) labelled io\.wheelsmith\.tool=wheelsmith\."));
                Assert.That(DockerEngine.LabelledContainers(), Is.Empty);
                Assert.That(DockerEngine.Output("image", "ls", "--quiet", "--filter", "label=io.wheelsmith.tool"), Is.Empty);
                Assert.That(DockerEngine.Docker("container", "inspect", unrelatedContainer).ExitCode, Is.Zero, "an unrelated container was removed");
                Assert.That(DockerEngine.Docker("image", "inspect", unrelatedImage).ExitCode, Is.Zero, "an unrelated image was removed");
            });
        }
        finally
        {
            DockerEngine.Docker("rm", "--force", labelled, unrelatedContainer);
            DockerEngine.Docker("image", "rm", unrelatedImage);
            Directory.Delete(scratch, recursive: true);
        }
    }
}
