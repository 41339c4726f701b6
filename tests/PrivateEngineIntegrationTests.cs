using System.Diagnostics;
using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>
/// What only an engine of the test's own allows, on one private engine whose x86_64 base and build
/// image the tool makes once, here: the engine dies during a cell (stopped with SIGTERM while the
/// x86_64 sample builds; the run must end soon with one line, deliver nothing partial, and the same
/// command must succeed once the engine is back, removing what the dead run left); then
/// --target=Clean removes this tool's containers and images, and nothing else. What Clean removes
/// here costs the machine's engine nothing to make again, and the other fixtures find their images in place.
/// </summary>
// Beside the Docker lane, not in it (the suite's set-up made the cached root file systems it imports).
[Category("Docker")]
[Order(StartOrder.PrivateEngine)]
public sealed class PrivateEngineIntegrationTests
{
    private PrivateEngine _engine = null!;
    private Dictionary<string, string> _environment = null!;

    [OneTimeSetUp]
    public void MakeTheToolsImagesOnAnEngineOfItsOwn()
    {
        DockerEngine.Require("An engine of the test's own");
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
    [Order(1)]
    public void A_run_whose_engine_dies_ends_saying_so_and_the_same_command_succeeds_once_it_is_back()
    {
        var output = Directory.CreateTempSubdirectory("wheelsmith-dead-engine-").FullName;
        var engine = _engine;
        var environment = _environment;
        try
        {
            string[] cell = ["--base=local", "--arch=x86_64", "--cpython=cp313", "--output=" + output];

            BuildProcess.Result died;
            TimeSpan noticed;
            using (var run = BuildProcess.Start(cell, environment))
            {
                run.WaitFor("[x86_64 cp313] ==> ", TimeSpan.FromMinutes(15));
                run.WaitFor("] build: ", TimeSpan.FromMinutes(2));
                var clock = Stopwatch.StartNew();
                engine.Stop();
                died = run.Wait(TimeSpan.FromMinutes(3));
                noticed = clock.Elapsed;
            }

            TestContext.Out.WriteLine($"The run ended {noticed.TotalSeconds:F1} s after the engine was told to stop.");
            Assert.Multiple(() =>
            {
                Assert.That(died.ExitCode, Is.EqualTo(1), died.ToString());
                Assert.That(died.Output, Does.Contain($"The Docker engine went away during the run (it no longer answers at DOCKER_HOST={engine.DockerHost}): 1 of 1 cells did not finish: cp313-manylinux_x86_64."));
                Assert.That(noticed, Is.LessThan(TimeSpan.FromSeconds(90)));
                Assert.That(Directory.GetFiles(output, "*.whl"), Is.Empty);
                Assert.That(Directory.GetFileSystemEntries(output, "*.partial*", SearchOption.AllDirectories), Is.Empty, "no partial file, staging removed");
            });

            engine.Restart();
            var again = BuildProcess.Run(cell, environment, TimeSpan.FromMinutes(10));
            Assert.Multiple(() =>
            {
                Assert.That(again.ExitCode, Is.Zero, again.ToString());
                Assert.That(again.Output, Does.Match(@"Removed container wheelsmith-\w+-x86_64-cp313-build, left by an earlier run \(process \d+ is gone\)\."));
                Assert.That(Directory.GetFiles(output, "*.whl"), Has.Length.EqualTo(1));
                Assert.That(BuildProcess.Exec("docker", ["-H", engine.DockerHost, "ps", "--all", "--quiet", "--filter", ToolLabels.ToolFilter]).Output.Trim(), Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    // Last: it removes the images the first test ran on.
    [Test]
    [Order(2)]
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
