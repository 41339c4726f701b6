namespace Wheelsmith.Tests;

/// <summary>After the whole suite the engine holds no container of this tool.</summary>
[SetUpFixture]
public sealed class SuiteChecks
{
    [OneTimeTearDown]
    public void NoContainerOfTheToolIsLeft()
    {
        if (DockerEngine.Docker("version").ExitCode != 0)
        {
            return;
        }

        Assert.That(DockerEngine.Output("ps", "--all", "--format", "{{.Names}}", "--filter", "label=io.wheelsmith.tool"), Is.Empty,
            "containers labelled io.wheelsmith.tool were left behind");
    }
}
