namespace Wheelsmith.Tests;

/// <summary>
/// build.ps1 run by a real PowerShell (the repository's local dotnet tool, .config/dotnet-tools.json)
/// behaves as the build program does: the same tasks, the same one-line errors and exit codes,
/// and a line typed at a PowerShell prompt reaches the build as it was meant.
/// </summary>
[Order(StartOrder.PowerShellEntry)]
public sealed class PowerShellEntryTests
{
    private static readonly string Root = OptionsTests.Paths.RepositoryRoot;

    [OneTimeSetUp]
    public void RestorePowerShell()
    {
        DotnetTools.Restore();
    }

    // As typed at a PowerShell prompt: PowerShell, not the test, splits the line into arguments.
    private static BuildProcess.Result AtPrompt(string line) =>
        BuildProcess.Exec("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", $"& ./build.ps1 {line}; exit $LASTEXITCODE"], workingDirectory: Root);

    [Test]
    public void An_unquoted_comma_list_stays_one_value_and_the_tasks_are_the_programs()
    {
        var powershell = AtPrompt("--target=Wheels --arch=x86_64,arm64 --cpython cp313,cp314 --base=local --dryrun");
        var program = BuildProcess.Run(["--target=Wheels", "--arch=x86_64,arm64", "--cpython", "cp313,cp314", "--base=local", "--dryrun"]);
        Assert.That(powershell.ExitCode, Is.Zero, powershell.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(powershell.Tasks, Is.EqualTo(program.Tasks).And.Not.Empty);
            Assert.That(powershell.Tasks, Has.Some.EqualTo("BuildWheel[arm64,cp314]"));
        });
    }

    [TestCase("--cpython='cp311; touch x y'", "--cpython: 'cp311; touch x y' is not accepted")]
    [TestCase("--arch=ppc64le", "--arch: 'ppc64le' is not accepted")]
    [TestCase("Wheels", "Unknown command 'Wheels'")]
    public void Bad_input_is_the_programs_one_line_and_exit_code(string line, string message)
    {
        var result = AtPrompt(line + " --target=Images");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Lines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain(message));
        });
    }
}
