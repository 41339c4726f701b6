namespace Wheelsmith.Tests;

/// <summary>
/// A build against an engine that cannot see the client's files, as a remote one cannot: the engine
/// is reached over TCP (DOCKER_HOST), and the source and output live on a tmpfs mounted in a mount
/// namespace of the build alone. Anything bind-mounted from the client would arrive empty there.
/// </summary>
public sealed class RemoteEngineIntegrationTests : DockerFixture
{
    protected override string Needing => "The remote-engine test";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    // Inside the namespace: a tmpfs only this process tree sees, the package on it, the build, and the
    // results copied to where the test can read them before the namespace (and the tmpfs) ends.
    private const string Client = """
        set -e
        private="$1" package="$2" collected="$3"; shift 3
        mount -t tmpfs wheelsmith-client "$private"
        cp -r "$package" "$private/source"
        status=0
        "$@" --source="$private/source" --output="$private/dist" || status=$?
        cp -r "$private/dist" "$collected"
        exit $status
        """;

    [Test]
    public void A_cell_builds_through_DOCKER_HOST_with_files_the_engine_cannot_see()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("needs root for a mount namespace of its own");
        }

        var scratch = Directory.CreateTempSubdirectory("wheelsmith-remote-").FullName;
        var hidden = Directory.CreateDirectory(Path.Combine(scratch, "client-only")).FullName;
        var collected = Path.Combine(scratch, "collected");
        using var engine = new LoopbackEngine();
        try
        {
            var run = BuildProcess.Exec("unshare", [
                "--mount", "--propagation", "private", "sh", "-c", Client, "client", hidden, TestProjects.PlainC, collected,
                "dotnet", BuildProcess.Program, "--target=Wheels", "--base=local", "--arch=x86_64", "--cpython=cp313",
                "--test-command=" + TestProjects.PlainCTest,
            ], new Dictionary<string, string> { ["DOCKER_HOST"] = engine.DockerHost }, TimeSpan.FromMinutes(15));

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.Multiple(() =>
            {
                Assert.That(Directory.GetFiles(collected, "*.whl").Select(Path.GetFileName),
                    Has.One.Matches<string>(name => name.StartsWith("plainc-0.1.0-cp313-cp313-manylinux") && name.EndsWith("_x86_64.whl")));
                Assert.That(run.Output, Does.Contain(" tested ").And.Not.Contain("not tested"), "the test command did not run");
                Assert.That(File.ReadAllText(Path.Combine(collected, "logs", "x86_64-cp313.log")), Does.Match(TestProjects.PlainCTested("x86_64")), "what the test printed");
                Assert.That(engine.Connections, Is.GreaterThan(10), "the docker calls did not go to DOCKER_HOST");
                Assert.That(Directory.GetFileSystemEntries(hidden), Is.Empty, "the engine's side saw the client's files");
                Assert.That(DockerEngine.LeftContainers(), Is.Empty, "containers left");
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
