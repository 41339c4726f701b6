namespace Wheelsmith.Tests;

/// <summary>Two runs and one --output: the second waits (or with --no-wait fails naming the first); other outputs run side by side.</summary>
[Order(StartOrder.OutputLock)]
public sealed class OutputLockIntegrationTests : DockerFixture
{
    protected override string Needing => "The output lock";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    private readonly TempFolders _folders = new();

    [TearDown]
    public void RemoveFolders() => _folders.RemoveAll();

    private string Folder() => _folders.New("lock");

    private static string[] Cell(string output, params string[] more) => ["--base=local", "--arch=x86_64", "--cpython=cp313", "--output=" + output, .. TestProjects.PlainCArguments, .. more];

    [Test]
    public void A_second_run_on_the_same_output_waits_for_the_first_and_never_interleaves()
    {
        var output = Folder();
        using var first = BuildProcess.Start(Cell(output));
        first.WaitFor("[x86_64 cp313] ==>", TimeSpan.FromMinutes(5));

        using var second = BuildProcess.Start(Cell(output));
        second.WaitFor("is in use by", TimeSpan.FromMinutes(2));
        var firstResult = first.Wait(TimeSpan.FromMinutes(5));
        var firstEnded = DateTime.UtcNow;
        var secondResult = second.Wait(TimeSpan.FromMinutes(5));
        var log = File.ReadAllText(Path.Combine(output, "logs", "x86_64-cp313.log"));
        Assert.Multiple(() =>
        {
            Assert.That(firstResult.ExitCode, Is.Zero, firstResult.ToString());
            Assert.That(secondResult.ExitCode, Is.Zero, secondResult.ToString());
            Assert.That(secondResult.Output, Does.Contain($"--output {output} is in use by process {first.Id} on ").And.Contain("waiting for it to end"));
            Assert.That(secondResult.Output, Does.Match(@"--output .* is free after \d+ s; going on\."));
            Assert.That(secondResult.Output.IndexOf("is free after", StringComparison.Ordinal), Is.LessThan(secondResult.Output.IndexOf("[x86_64 cp313] ==>", StringComparison.Ordinal)),
                "the second run's cell started only once the first had ended");
            Assert.That(secondResult.Output.IndexOf("is free after", StringComparison.Ordinal), Is.LessThan(secondResult.Output.IndexOf("BuildX64Image", StringComparison.Ordinal)),
                "the second run waited before its first task");
            Assert.That(File.GetLastWriteTimeUtc(Path.Combine(output, "wheels.json")), Is.GreaterThanOrEqualTo(firstEnded.AddSeconds(-1)), "the report is the second run's, written after the first ended");
            Assert.That(System.Text.RegularExpressions.Regex.Matches(log, "==> ").Count, Is.EqualTo(System.Text.RegularExpressions.Regex.Matches(firstResult.Output, @"\[x86_64 cp313\] ==> ").Count), "the log is one run's, not two interleaved");
            Assert.That(Directory.GetFiles(output, "*.whl"), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void With_no_wait_the_second_run_fails_at_once_naming_the_first()
    {
        var output = Folder();
        using var first = BuildProcess.Start(Cell(output));
        first.WaitFor("[x86_64 cp313] ==>", TimeSpan.FromMinutes(5));

        var second = BuildProcess.Run(Cell(output, "--no-wait"), timeout: TimeSpan.FromMinutes(2));
        var firstResult = first.Wait(TimeSpan.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(second.ExitCode, Is.EqualTo(1), second.ToString());
            Assert.That(second.Output, Does.Contain($"--output {output} is in use by process {first.Id} on ").And.Contain("with --no-wait this run does not wait"));
            Assert.That(second.Output, Does.Not.Contain("[x86_64 cp313] ==>"), "no cell of the second run started");
            Assert.That(firstResult.ExitCode, Is.Zero, firstResult.ToString());
        });
    }

    [Test]
    public void Runs_with_different_outputs_run_side_by_side()
    {
        using var first = BuildProcess.Start(Cell(Folder()));
        using var second = BuildProcess.Start(Cell(Folder()));
        first.WaitFor("[x86_64 cp313] ==>", TimeSpan.FromMinutes(5));
        second.WaitFor("[x86_64 cp313] ==>", TimeSpan.FromMinutes(5));
        Assert.That(first.Output, Does.Not.Contain("Wheels in "), "the first run ended before the second's cell started: they did not overlap");
        var (a, b) = (first.Wait(TimeSpan.FromMinutes(5)), second.Wait(TimeSpan.FromMinutes(5)));
        Assert.Multiple(() =>
        {
            Assert.That((a.ExitCode, b.ExitCode), Is.EqualTo((0, 0)), a + "\n" + b);
            Assert.That(a.Output + b.Output, Does.Not.Contain("is in use by"));
        });
    }
}
