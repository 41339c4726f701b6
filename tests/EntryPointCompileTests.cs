namespace Wheelsmith.Tests;

/// <summary>
/// build.sh and build.ps1 compile the build only when its sources changed. Run on a copy of the
/// repository (in a folder whose path has a space), with a dotnet wrapper first on PATH that
/// records every `dotnet publish` before handing it to the real one.
/// </summary>
[Order(StartOrder.EntryPointCompile)]
public sealed class EntryPointCompileTests
{
    private static readonly string Root = OptionsTests.Paths.RepositoryRoot;
    private string _scratch = null!;
    private string _copy = null!;
    private string _calls = null!;
    private Dictionary<string, string> _environment = null!;

    [OneTimeSetUp]
    public void CopyTheRepository()
    {
        DotnetTools.Restore();
        _scratch = Directory.CreateTempSubdirectory("wheelsmith-entry-").FullName;
        _copy = Path.Combine(_scratch, "a checkout");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "build"), "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetRelativePath(Root, f).StartsWith("build/bin/", StringComparison.Ordinal) && !Path.GetRelativePath(Root, f).StartsWith("build/obj/", StringComparison.Ordinal))
                     .Concat(new[] { "build.sh", "build.ps1", "global.json", ".config/dotnet-tools.json" }.Select(f => Path.Combine(Root, f))))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }

        var bin = Path.Combine(_scratch, "bin");
        Directory.CreateDirectory(bin);
        _calls = Path.Combine(_scratch, "dotnet-builds.log");
        var real = BuildProcess.Exec("sh", ["-c", "command -v dotnet"]).Output.Trim();
        var wrapper = Path.Combine(bin, "dotnet");
        File.WriteAllText(wrapper, $"#!/bin/sh\nif [ \"$1\" = publish ]; then echo publish >> '{_calls}'; fi\nexec '{real}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // What is checked is when the entry points compile, not how: the copy is published without the ahead-of-time
        // step (an MSBuild property from the environment), which would triple each of its compiles.
        _environment = new Dictionary<string, string> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["PublishReadyToRun"] = "false" };
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => Directory.Delete(_scratch, recursive: true);

    private int Builds() => File.Exists(_calls) ? File.ReadAllLines(_calls).Length : 0;

    private string Stamp => Path.Combine(_copy, "build", "bin", "host", ".sources.sha256");

    private BuildProcess.Result Shell(params string[] arguments) =>
        BuildProcess.Exec(Path.Combine(_copy, "build.sh"), arguments, _environment, TimeSpan.FromMinutes(5), _copy);

    private BuildProcess.Result PowerShell(params string[] arguments) =>
        BuildProcess.Exec("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(_copy, "build.ps1"), .. arguments], _environment, TimeSpan.FromMinutes(5), Root);

    [Test]
    public void The_build_is_compiled_once_and_again_only_when_a_source_changes()
    {
        File.Delete(Stamp);
        var before = Builds();
        var first = Shell("--version");
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That((Builds() - before, File.Exists(Stamp)), Is.EqualTo((1, true)), "without a record of the sources the call compiles, then records them");

        var again = Shell("--version");
        var powershell = PowerShell("--version");
        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.ToString());
            Assert.That(powershell.ExitCode, Is.Zero, powershell.ToString());
            Assert.That(powershell.Output, Is.EqualTo(again.Output), "the same program answers");
            Assert.That(Builds() - before, Is.EqualTo(1), "nothing changed, yet build.sh or build.ps1 compiled (the two fingerprints must agree)");
        });

        File.AppendAllText(Path.Combine(_copy, "build", "Program.cs"), "// a change\n");
        var changed = PowerShell("--version");
        Assert.That(changed.ExitCode, Is.Zero, changed.ToString());
        Assert.That(Builds() - before, Is.EqualTo(2), "a changed source is compiled (by build.ps1 here)");
        Assert.That(Shell("--version").ExitCode, Is.Zero);
        Assert.That(Builds() - before, Is.EqualTo(2), "build.sh accepts what build.ps1 recorded");
    }

    [Test]
    public void A_source_that_does_not_compile_is_reported_and_never_recorded_as_built()
    {
        var program = Path.Combine(_copy, "build", "Program.cs");
        var original = File.ReadAllText(program);
        File.AppendAllText(program, "this is not C#\n");
        try
        {
            var broken = Shell("--version");
            Assert.Multiple(() =>
            {
                Assert.That(broken.ExitCode, Is.EqualTo(1), broken.ToString());
                Assert.That(broken.Output, Does.Contain("error CS"));
                Assert.That(File.Exists(Stamp), Is.False, "the broken sources were recorded as built");
            });
            var stillBroken = Shell("--version");
            Assert.That(stillBroken.ExitCode, Is.EqualTo(1), "the old program must not run for the broken sources");
        }
        finally
        {
            File.WriteAllText(program, original);
        }

        Assert.That(Shell("--version").ExitCode, Is.Zero);
    }
}
