namespace Wheelsmith.Tests;

/// <summary>
/// A fixture that drives the machine's engine (or Podman, or QEMU, which the engine's fixtures share):
/// in the "Docker" category, and in the Docker lane, where two such fixtures run side by side (one's
/// waits for QEMU, sleeps and daemons fill the other's idle core), while the fixtures that need no
/// engine run beside them. Every check of a fixture is about its own runs (containers left by runs
/// that ended, events with its run's process id), so another fixture's live containers do not count.
/// What a fixture does to what the others' runs share is its <see cref="Sharing"/>: a fixture that
/// changes what every run reads runs with no other fixture on the engine, one that changes the arm64
/// images runs beside those that build for x86_64 only. The lane is taken before the fixture's own
/// set-up (a base class's runs first) and left after its tear-down; fixtures enter in the order they
/// asked, except that one may pass an earlier one it could run beside. A fixture that mostly waits
/// (<see cref="MostlyWaits"/>) takes no core's place: one such runs beside the two. With
/// WHEELSMITH_TEST_LANE_LOG set, each entry and exit is a line in that file, to read the schedule.
/// </summary>
[Category("Docker")]
public abstract class DockerFixture
{
    private const int SideBySide = 2;
    private static readonly object Gate = new();
    private static readonly List<Ticket> Waiting = [];
    private static readonly List<Ticket> InLane = [];
    private Ticket? _ticket;

    /// <summary>What a fixture's runs read of what every run shares, and what it changes.</summary>
    protected enum FixtureSharing
    {
        /// <summary>Its runs read the shared images, arm64's included.</summary>
        Reads,

        /// <summary>Its runs build for x86_64 only: they never read the arm64 images or their cached root file systems.</summary>
        ReadsX86Only,

        /// <summary>It removes the arm64 images and damages their cached root: no run that reads them may run beside it.</summary>
        ChangesArm64,

        /// <summary>It changes what every run reads (the shared x86_64 image, the engine's containers, QEMU): alone on the engine.</summary>
        ChangesAll,
    }

    protected virtual FixtureSharing Sharing => FixtureSharing.Reads;

    /// <summary>What the fixture checks, as its tests say when the engine or the suite's set-up is missing.</summary>
    protected abstract string Needing { get; }

    /// <summary>Its time goes mostly to sleeps and timeouts, not to a core: it enters beside two busy fixtures.</summary>
    protected virtual bool MostlyWaits => false;

    [OneTimeSetUp]
    public void TakeTheDockerLane()
    {
        // The one check of the fixture, before its own set-up: without the engine or the suite's images it would make
        // them beside the others.
        DockerEngine.Require(Needing);
        var ticket = new Ticket(GetType().Name, Sharing, MostlyWaits);
        lock (Gate)
        {
            Waiting.Add(ticket);
            while (!MayEnter(ticket, Waiting.TakeWhile(other => other != ticket)))
            {
                Monitor.Wait(Gate);
            }

            Waiting.Remove(ticket);
            InLane.Add(ticket);
            _ticket = ticket;
            Log("enters");
            Monitor.PulseAll(Gate);
        }
    }

    [OneTimeTearDown]
    public void LeaveTheDockerLane()
    {
        lock (Gate)
        {
            InLane.Remove(_ticket!);
            Log("leaves");
            Monitor.PulseAll(Gate);
        }
    }

    // It fits now, and every earlier waiter is one that does not fit now and that it could run beside. A waiter that
    // fits goes first even when the thread of one just arriving, which has just left the lane, is quicker to ask.
    private static bool MayEnter(Ticket ticket, IEnumerable<Ticket> earlier) =>
        Fits(ticket) && earlier.All(other => !Fits(other) && Beside(ticket.Sharing, other.Sharing));

    // Room in the lane for it, beside every fixture in the lane.
    private static bool Fits(Ticket ticket) =>
        InLane.Count(other => other.MostlyWaits == ticket.MostlyWaits) < (ticket.MostlyWaits ? 1 : SideBySide)
        && InLane.All(other => Beside(ticket.Sharing, other.Sharing));

    // Under the gate.
    private void Log(string what)
    {
        if (Environment.GetEnvironmentVariable("WHEELSMITH_TEST_LANE_LOG") is { Length: > 0 } file)
        {
            File.AppendAllText(file, $"{DateTime.Now:HH:mm:ss} {GetType().Name} {what}; in the lane: {string.Join(", ", InLane.Select(t => t.Name))}; waiting: {string.Join(", ", Waiting.Select(t => t.Name))}\n");
        }
    }

    private static bool Beside(FixtureSharing one, FixtureSharing other) => (one, other) switch
    {
        (FixtureSharing.ChangesAll, _) or (_, FixtureSharing.ChangesAll) => false,
        (FixtureSharing.ChangesArm64, FixtureSharing.ReadsX86Only) or (FixtureSharing.ReadsX86Only, FixtureSharing.ChangesArm64) => true,
        (FixtureSharing.ChangesArm64, _) or (_, FixtureSharing.ChangesArm64) => false,
        _ => true,
    };

    // One fixture's place in the queue or the lane (a class: two fixtures of the same sharing are two tickets).
    private sealed class Ticket(string name, FixtureSharing sharing, bool mostlyWaits)
    {
        public string Name => name;

        public FixtureSharing Sharing => sharing;

        public bool MostlyWaits => mostlyWaits;
    }
}
