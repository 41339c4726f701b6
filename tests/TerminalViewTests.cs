using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// What a person at a terminal sees: the real program in a real terminal (tmux), on the real
/// engine, read from the screen with capture-pane while the cells run and once it has ended.
/// </summary>
[Order(StartOrder.TerminalView)]
public sealed partial class TerminalViewTests : DockerFixture
{
    protected override string Needing => "The terminal view";

    // Builds for x86_64 only. Its two cells must be seen side by side while other fixtures load the cores: that is
    // how it caught the scheduler starting one worker instead of --jobs on a busy host.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    private readonly string _socket = "wheelsmith-test-" + Guid.NewGuid().ToString("N")[..8];
    private string _output = null!;

    [SetUp]
    public void Prepare()
    {
        RequireTmux();
        _output = Directory.CreateTempSubdirectory("wheelsmith-terminal-").FullName;
    }

    [TearDown]
    public void Remove()
    {
        Tmux("kill-server");
        Directory.Delete(_output, recursive: true);
    }

    // tmux is a test tool, not the build's: installed here as the build installs its own, when it can be.
    private static void RequireTmux()
    {
        if (BuildProcess.Exec("sh", ["-c", "command -v tmux"]).ExitCode == 0)
        {
            return;
        }

        if (Environment.IsPrivilegedProcess && File.Exists("/usr/bin/apt-get"))
        {
            BuildProcess.Exec("apt-get", ["-o", "Acquire::Check-Valid-Until=false", "update"], timeout: TimeSpan.FromMinutes(5));
            var install = BuildProcess.Exec("apt-get", ["install", "-y", "--no-install-recommends", "tmux"], new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }, TimeSpan.FromMinutes(5));
            Assert.That(install.ExitCode, Is.Zero, install.ToString());
            return;
        }

        var message = "The terminal view test needs tmux (apt-get install tmux).";
        if (DockerEngine.InCI)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    private BuildProcess.Result Tmux(params string[] arguments) => BuildProcess.Exec("tmux", ["-L", _socket, .. arguments]);

    private string Screen(bool withHistory = false) =>
        Tmux(["capture-pane", "-p", "-t", "build", .. withHistory ? new[] { "-S", "-2000" } : []]).Output;

    [Test]
    public void A_person_at_a_terminal_sees_a_live_view_of_the_cells_then_its_final_state_and_the_table()
    {
        var build = BuildProcess.Program;

        // As a person would run it: no CI variables, a terminal of 150 x 50.
        var command = $"env -u CI -u GITHUB_ACTIONS -u TF_BUILD -u NO_COLOR dotnet '{build}' --base=local --arch=x86_64 --cpython=cp313,cp314 --output='{_output}'; echo WHEELSMITH-EXIT=$?; sleep 3600";
        var started = Tmux("new-session", "-d", "-s", "build", "-x", "150", "-y", "50", command);
        Assert.That(started.ExitCode, Is.Zero, started.ToString());

        var running = new List<string>();
        var clock = Stopwatch.StartNew();
        while (!Screen(withHistory: true).Contains("WHEELSMITH-EXIT=", StringComparison.Ordinal))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(15)), () => "the run did not end:\n" + Screen(withHistory: true));
            var screen = Screen();
            if (LiveRow().IsMatch(screen))
            {
                running.Add(screen);
            }

            Thread.Sleep(300);
        }

        var final = Screen(withHistory: true);
        Assert.Multiple(() =>
        {
            Assert.That(running, Is.Not.Empty, "no screen showed a running cell:\n" + final);
            Assert.That(running, Has.Some.Match(@"Wheelsmith: [01] of 2 cells done"));
            Assert.That(running, Has.Some.Match(@"│ Cell\s+│ State\s+│ Step\s+│ Elapsed\s+│"));
            Assert.That(running, Has.Some.Match(@"cp31[34]-manylinux_x86_64 │ running │ (build|repair|venv|install|test|copy in|copy out)\s+│ \d+\.\d s"), "a running cell names its step and its time");
            Assert.That(final, Does.Contain("Wheelsmith: 2 of 2 cells done"), final);
            Assert.That(final, Does.Match(@"cp313-manylinux_x86_64 │ ok\s+│ delivered \(tested\)\s+│ \d+\.\d s").And.Match(@"cp314-manylinux_x86_64 │ ok\s+│ delivered \(tested\)"));
            Assert.That(final, Does.Contain("Wheels in " + _output).And.Contain("WHEELSMITH-EXIT=0"));
            Assert.That(final, Does.Match(@"BuildWheel\[x86_64,cp313\]\s+00:00:(?!00\.0)\d\d\.\d+").And.Match(@"BuildWheel\[x86_64,cp314\]\s+00:00:(?!00\.0)\d\d\.\d+"),
                "Cake's summary gives each cell its own duration, also the one the live view's task waited for all");
            Assert.That(final, Does.Match(@"\(cells side by side, --jobs=\d+\)\s+-00:00:\d\d\.\d+"), "and shows how much of it overlapped");
            Assert.That(final, Does.Not.Contain("==>").And.Not.Contain("Successfully built"), "the tools' output stays in the logs, off the screen");
            Assert.That(File.ReadAllText(Path.Combine(_output, "logs", "x86_64-cp313.log")), Does.Contain("==>").And.Contain("Successfully built"), "the log on disk is whole");
        });
        TestContext.Out.WriteLine(final);
    }

    [GeneratedRegex(@"│ running\s+│")]
    private static partial Regex LiveRow();
}
