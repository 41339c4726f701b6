using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>
/// The same build through Podman (Debian's podman, installed by the build's PrepareHost when
/// --engine=podman finds it missing): the images, the four cells of the sample on both
/// architectures (the aarch64 test under QEMU), then Clean, on Podman's own storage.
/// </summary>
// On Podman's own storage, but in the Docker lane all the same: its aarch64 test needs QEMU, which a fixture alone on the
// engine switches off for a moment, and it imports the cached root file systems another one damages.
[Order(StartOrder.Podman)]
public sealed class PodmanIntegrationTests : DockerFixture
{
    [Test]
    public void The_main_job_through_podman_gives_the_four_tested_wheels_and_clean_removes_its_images()
    {
        DockerEngine.Require("The Podman engine (set up as the Docker one is)");
        var output = Directory.CreateTempSubdirectory("wheelsmith-podman-").FullName;
        try
        {
            var run = BuildProcess.Run(["--base=local", "--engine=podman", "--output=" + output], timeout: TimeSpan.FromMinutes(40));
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.Multiple(() =>
            {
                Assert.That(Directory.GetFiles(output, "*.whl").Select(Path.GetFileName).ToArray(), Has.Length.EqualTo(4)
                    .And.Exactly(2).EndWith("_x86_64.whl").And.Exactly(2).EndWith("_aarch64.whl"), run.ToString());
                Assert.That(File.ReadAllText(Path.Combine(output, "logs", "arm64-cp313.log")), Does.Match(@"magickpng 0\.1\.0 on Python 3\.13\.\d+ \(aarch64\)"));
                Assert.That(BuildProcess.Exec("podman", ["ps", "--all", "--quiet", "--filter", ToolLabels.ToolFilter]).Output.Trim(), Is.Empty, "no container left");
                Assert.That(BuildProcess.Exec("podman", ["image", "ls", "--quiet", "--filter", ToolLabels.ToolFilter]).Output.Trim(), Is.Not.Empty);
            });

            var clean = BuildProcess.Run(["--target=Clean", "--engine=podman"], timeout: TimeSpan.FromMinutes(10));
            Assert.Multiple(() =>
            {
                Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
                Assert.That(BuildProcess.Exec("podman", ["image", "ls", "--quiet", "--filter", ToolLabels.ToolFilter]).Output.Trim(), Is.Empty, "Clean left a labelled image");
            });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
