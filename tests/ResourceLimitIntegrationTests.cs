namespace Wheelsmith.Tests;

/// <summary>--memory per container: a cell that needs more fails as out of memory, the others go on.</summary>
public sealed class ResourceLimitIntegrationTests : DockerFixture
{
    protected override string Needing => "The memory limit";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    [Test]
    public void A_cell_over_its_memory_fails_as_out_of_memory_while_the_other_delivers()
    {
        var source = Directory.CreateTempSubdirectory("wheelsmith-greedy-").FullName;
        var output = Directory.CreateTempSubdirectory("wheelsmith-greedy-dist-").FullName;
        try
        {
            SourceTree.Copy(TestProjects.PlainC, source);

            // The build of the cp314 wheel holds 600 MB; a 256 MB container cannot.
            var setup = Path.Combine(source, "setup.py");
            File.WriteAllText(setup, "import sys\nif sys.version_info[:2] == (3, 14):\n    held = bytearray(600 * 1024 * 1024)\n" + File.ReadAllText(setup));

            var run = BuildProcess.Run(["--base=local", "--arch=x86_64", "--cpython=cp313,cp314", "--memory=256m", "--source=" + source, "--output=" + output], timeout: TimeSpan.FromMinutes(10));
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
                Assert.That(run.Output, Does.Contain("BuildWheel[x86_64,cp314] failed: build failed (out of memory: the kernel's OOM killer ended it at the container's limit, --memory=256m"));
                Assert.That(run.Output, Does.Contain("1 of 2 cells failed: BuildWheel[x86_64,cp314]"));
                Assert.That(Directory.GetFiles(output, "*.whl").Select(Path.GetFileName), Has.One.Contain("-cp313-cp313-"), "the other cell delivers");
                Assert.That(File.ReadAllText(Path.Combine(output, "wheels.json")), Does.Contain("out of memory"));
                Assert.That(DockerEngine.LeftContainers(), Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(source, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }
}
