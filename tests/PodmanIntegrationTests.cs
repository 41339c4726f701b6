using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>
/// The same build through Podman (Debian's podman, installed by the build's PrepareHost when
/// --engine=podman finds it missing): the images and the four cells of the sample on both
/// architectures (the aarch64 test under QEMU), on Podman's own storage, where its images stay for
/// the next run as the Docker engine's do. Clean runs on a Podman store of its own, on images and
/// containers labelled as the tool labels its own, so that it takes nothing the other runs use.
/// </summary>
// In the Docker lane all the same: its aarch64 test needs QEMU, which a fixture alone on the engine switches off for a
// moment, and it imports the cached root file systems another one damages.
[Order(StartOrder.Podman)]
public sealed class PodmanIntegrationTests : DockerFixture
{
    protected override string Needing => "The Podman engine (set up as the Docker one is)";

    // Every image or container that carries the tool's label, whatever its value.
    private const string AnyToolLabel = "label=" + ToolLabels.Tool;

    private static string Podman(IDictionary<string, string>? environment, params string[] arguments)
    {
        var result = BuildProcess.Exec("podman", arguments, environment);
        Assert.That(result.ExitCode, Is.Zero, () => $"podman {string.Join(' ', arguments)}: {result}");
        return result.Output.Trim();
    }

    private static string[] Listed(IDictionary<string, string>? environment, string filter) =>
        [.. Podman(environment, "image", "ls", "--quiet", "--filter", filter).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order()];

    [Test]
    public void The_main_job_through_podman_gives_the_four_tested_wheels_on_images_labelled_as_on_docker()
    {
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
                Assert.That(Podman(null, "ps", "--all", "--quiet", "--filter", AnyToolLabel), Is.Empty, "no container left");

                // What Clean and the image inventory find by the label must be every image the tool made: Podman takes
                // "LABEL a=1 b=2" as one label, which once left the imported bases out of both.
                var labelled = Listed(null, ToolLabels.ToolFilter);
                Assert.That(labelled, Is.Not.Empty);
                Assert.That(Listed(null, AnyToolLabel), Is.EqualTo(labelled), "an image carries the tool's label with another value");
                var x86 = run.ImageOf("x86_64");
                Assert.That(Podman(null, "image", "inspect", "--format", $"{{{{index .Labels \"{ToolLabels.ProbeMachine}\"}}}}", x86), Is.EqualTo("x86_64"), "the probe's labels, each its own");
            });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public void Clean_through_podman_removes_exactly_what_carries_the_tool_label()
    {
        var store = Directory.CreateTempSubdirectory("wheelsmith-podman-store-").FullName;
        var storage = Path.Combine(store, "storage.conf");
        File.WriteAllText(storage, $"[storage]\ndriver = \"vfs\"\nrunroot = \"{store}/run\"\ngraphroot = \"{store}/graph\"\n");
        var environment = new Dictionary<string, string> { ["CONTAINERS_STORAGE_CONF"] = storage };
        try
        {
            File.WriteAllText(Path.Combine(store, "hello"), "hi");
            Assert.That(BuildProcess.Exec("tar", ["-C", store, "-cf", Path.Combine(store, "rootfs.tar"), "hello"]).ExitCode, Is.Zero);
            var label = $"LABEL {ToolLabels.Tool}={ToolLabels.ToolName}";

            // As the tool's own: an imported base, an image committed on top of it, and a container; beside them, the same unlabelled.
            Podman(environment, "image", "import", "--change", label, Path.Combine(store, "rootfs.tar"), "wheelsmith/debian-test-base:1");
            Podman(environment, "create", "--name", "wheelsmith-clean-base", "--network", "none", "--label", $"{ToolLabels.Tool}={ToolLabels.ToolName}", "wheelsmith/debian-test-base:1", "/hello");
            Podman(environment, "commit", "--quiet", "--change", label, "wheelsmith-clean-base", "wheelsmith/build-test:1");
            Podman(environment, "image", "import", Path.Combine(store, "rootfs.tar"), "not-wheelsmith/empty:1");
            Podman(environment, "create", "--name", "not-wheelsmith", "--network", "none", "not-wheelsmith/empty:1", "/hello");

            var clean = BuildProcess.Run(["--target=Clean", "--engine=podman"], environment, TimeSpan.FromMinutes(10));
            Assert.Multiple(() =>
            {
                Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
                Assert.That(clean.Output, Does.Contain($"Removed 1 container(s) and 2 image(s) labelled {ToolLabels.Tool}={ToolLabels.ToolName}."));
                Assert.That(Podman(environment, "ps", "--all", "--quiet", "--filter", AnyToolLabel), Is.Empty);
                Assert.That(Listed(environment, AnyToolLabel), Is.Empty, "Clean left a labelled image");
                Assert.That(BuildProcess.Exec("podman", ["container", "exists", "not-wheelsmith"], environment).ExitCode, Is.Zero, "an unrelated container was removed");
                Assert.That(BuildProcess.Exec("podman", ["image", "exists", "not-wheelsmith/empty:1"], environment).ExitCode, Is.Zero, "an unrelated image was removed");
            });
        }
        finally
        {
            BuildProcess.Exec("podman", ["rm", "--force", "--all"], environment);
            BuildProcess.Exec("podman", ["rmi", "--force", "--all"], environment);
            Directory.Delete(store, recursive: true);
        }
    }
}
