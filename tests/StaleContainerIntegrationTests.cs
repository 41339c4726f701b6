namespace Wheelsmith.Tests;

/// <summary>
/// Stale state on the real engine: a container whose run was killed is removed by the next run that
/// starts, and no container of anyone else. Alone on the engine: any run starting beside it would
/// remove the stale container first, and other fixtures' checks would find it left.
/// </summary>
[Order(StartOrder.StaleContainer)]
public sealed class StaleContainerIntegrationTests : DockerFixture
{
    protected override string Needing => "The stale-container test";

    protected override FixtureSharing Sharing => FixtureSharing.ChangesAll;

    [Test]
    public void A_container_left_by_a_killed_run_is_removed_at_the_next_start_and_others_are_kept()
    {
        var first = BuildProcess.Run(["--target=BuildX64Image", "--base=local", "--arch=x86_64"], timeout: TimeSpan.FromMinutes(30));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        var image = System.Text.RegularExpressions.Regex.Match(first.Output, @"^Image x86_64: (\S+) \(", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        var stale = "wheelsmith-stale-" + Guid.NewGuid().ToString("N")[..8];
        var unrelated = "not-wheelsmith-" + Guid.NewGuid().ToString("N")[..8];
        DockerEngine.Output("create", "--name", stale, "--network", "none", "--label", "io.wheelsmith.tool=wheelsmith",
            "--label", "io.wheelsmith.host=" + System.Net.Dns.GetHostName(), "--label", "io.wheelsmith.pid=999999999", image, "true");
        DockerEngine.Output("create", "--name", unrelated, "--network", "none", image, "true");
        try
        {
            var run = BuildProcess.Run(["--target=BuildX64Image", "--base=local", "--arch=x86_64"], timeout: TimeSpan.FromMinutes(5));
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                Assert.That(run.Output, Does.Contain($"Removed container {stale}, left by an earlier run (process 999999999 is gone)."));
                Assert.That(DockerEngine.Docker("container", "inspect", stale).ExitCode, Is.Not.Zero, "the stale container is still there");
                Assert.That(DockerEngine.Docker("container", "inspect", unrelated).ExitCode, Is.Zero, "a container of someone else was removed");
            });
        }
        finally
        {
            DockerEngine.Docker("rm", "--force", stale, unrelated);
        }
    }
}
