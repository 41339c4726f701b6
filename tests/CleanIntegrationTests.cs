namespace Wheelsmith.Tests;

/// <summary>
/// --target=Clean removes this tool's containers and images, and nothing else. On an engine of the
/// test's own, where the tool first makes its x86_64 base and build image: what Clean removes there
/// costs the machine's engine nothing to make again, and the other fixtures find their images in place.
/// </summary>
// On an engine of its own: beside the Docker lane, not in it (the suite's set-up made the cached root file systems it imports).
[Category("Docker")]
[Order(StartOrder.Clean)]
public sealed class CleanIntegrationTests
{
    private PrivateEngine _engine = null!;
    private Dictionary<string, string> _environment = null!;

    [OneTimeSetUp]
    public void MakeTheToolsImagesOnAnEngineOfItsOwn()
    {
        DockerEngine.Require("Clean");
        _engine = PrivateEngine.Start();
        _environment = new Dictionary<string, string> { ["DOCKER_HOST"] = _engine.DockerHost };
        var images = BuildProcess.Run(["--target=BuildX64Image", "--base=local", "--arch=x86_64"], _environment, TimeSpan.FromMinutes(30));
        Assert.That(images.ExitCode, Is.Zero, images.ToString());
    }

    [OneTimeTearDown]
    public void StopTheEngine() => _engine.Dispose();

    private BuildProcess.Result Docker(params string[] arguments) => BuildProcess.Exec("docker", ["-H", _engine.DockerHost, .. arguments]);

    private string Output(params string[] arguments)
    {
        var result = Docker(arguments);
        Assert.That(result.ExitCode, Is.Zero, () => $"docker {string.Join(' ', arguments)}: {result}");
        return result.Output.Trim();
    }

    [Test]
    public void Clean_removes_exactly_what_carries_the_tool_label()
    {
        var ours = Output("image", "ls", "--filter", "label=io.wheelsmith.tool=wheelsmith", "--format", "{{.Repository}}:{{.Tag}}").Split('\n');
        Assert.That(ours, Has.Some.StartsWith("wheelsmith/build-x86_64:").And.Some.StartsWith("wheelsmith/debian-unstable-amd64:"),
            "the tool's base and the build image on it should be there before Clean");
        var scratch = Directory.CreateTempSubdirectory("wheelsmith-clean-").FullName;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var labelled = $"wheelsmith-clean-{suffix}";
        var unrelatedContainer = $"not-wheelsmith-{suffix}";
        var unrelatedImage = $"not-wheelsmith/empty:{suffix}";
        try
        {
            File.WriteAllText(Path.Combine(scratch, "hello"), "hi");
            Assert.That(BuildProcess.Exec("tar", ["-C", scratch, "-cf", Path.Combine(scratch, "rootfs.tar"), "hello"]).ExitCode, Is.Zero);
            Output("image", "import", Path.Combine(scratch, "rootfs.tar"), unrelatedImage);
            Output("create", "--name", labelled, "--network", "none", "--label", "io.wheelsmith.tool=wheelsmith", ours.First(o => o.StartsWith("wheelsmith/build-", StringComparison.Ordinal)), "true");
            Output("create", "--name", unrelatedContainer, "--network", "none", unrelatedImage, "/hello");

            var clean = BuildProcess.Run(["--target=Clean"], _environment, TimeSpan.FromMinutes(5));

            Assert.Multiple(() =>
            {
                Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
                Assert.That(clean.Output, Does.Match(@"Removed 1 container\(s\) and \d+ image\(s\) labelled io\.wheelsmith\.tool=wheelsmith\."));
                Assert.That(Output("ps", "--all", "--quiet", "--filter", "label=io.wheelsmith.tool"), Is.Empty);
                Assert.That(Output("image", "ls", "--quiet", "--filter", "label=io.wheelsmith.tool"), Is.Empty);
                Assert.That(Docker("container", "inspect", unrelatedContainer).ExitCode, Is.Zero, "an unrelated container was removed");
                Assert.That(Docker("image", "inspect", unrelatedImage).ExitCode, Is.Zero, "an unrelated image was removed");
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
