namespace Wheelsmith.Tests;

/// <summary>
/// Around the whole suite: first the build's own set-up (engine, QEMU, debootstrap; it installs
/// them as root on Debian and finds them in place afterwards), so that on a fresh machine the test
/// command alone is enough; at the end, no container of this tool may be left.
/// </summary>
[SetUpFixture]
public sealed class SuiteChecks
{
    [OneTimeSetUp]
    public void PrepareTheHost()
    {
        var setUp = BuildProcess.Run(["--target=PrepareQemu", "--base=local"], timeout: TimeSpan.FromMinutes(15));
        if (setUp.ExitCode != 0)
        {
            // Not fatal here: each Docker test then fails in CI, or is skipped elsewhere, saying why.
            TestContext.Progress.WriteLine($"The build's set-up did not complete; tests that need Docker or QEMU will say so.\n{setUp}");
        }
    }

    [OneTimeTearDown]
    public void NoContainerOfTheToolIsLeft()
    {
        if (DockerEngine.Docker("version").ExitCode != 0)
        {
            return;
        }

        Assert.That(DockerEngine.LabelledContainers(), Is.Empty,
            "containers labelled io.wheelsmith.tool were left behind");
    }
}
