using System.Diagnostics;
using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>
/// The engine dies during a cell: a private engine, stopped (SIGTERM) while the x86_64 sample
/// builds. The run must end soon with one line, deliver nothing partial, and the same command
/// must succeed once the engine is back, removing what the dead run left.
/// </summary>
// On an engine of its own: beside the Docker lane, not in it (the suite's set-up made the cached root file systems it imports).
[Category("Docker")]
[Order(StartOrder.EngineDeath)]
public sealed class EngineDeathIntegrationTests
{
    [Test]
    public void A_run_whose_engine_dies_ends_saying_so_and_the_same_command_succeeds_once_it_is_back()
    {
        DockerEngine.Require("The engine's death");
        var output = Directory.CreateTempSubdirectory("wheelsmith-dead-engine-").FullName;
        using var engine = PrivateEngine.Start();
        try
        {
            var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = engine.DockerHost };
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
}
