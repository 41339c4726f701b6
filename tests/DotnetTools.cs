namespace Wheelsmith.Tests;

/// <summary>The repository's local dotnet tools (PowerShell), restored once for every fixture that runs them, whichever comes first.</summary>
internal static class DotnetTools
{
    private static readonly Lazy<BuildProcess.Result> Restored = new(() =>
        BuildProcess.Exec("dotnet", ["tool", "restore"], timeout: TimeSpan.FromMinutes(5), workingDirectory: OptionsTests.Paths.RepositoryRoot));

    public static void Restore()
    {
        var restore = Restored.Value;
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
    }
}
