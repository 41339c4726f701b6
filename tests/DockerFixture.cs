namespace Wheelsmith.Tests;

/// <summary>
/// A fixture that drives the machine's engine (or Podman, or QEMU, which the engine's fixtures share):
/// in the "Docker" category, and in the Docker lane,
/// where two such fixtures run side by side (one's waits for QEMU, sleeps and daemons fill the
/// other's idle core), while the fixtures that need no engine run beside them. Every check of a
/// fixture is about its own runs (containers left by runs that ended, events with its run's process
/// id), so another fixture's live containers do not count. A fixture that changes what every run
/// shares (retags or removes the shared images, damages the cache, counts every container) says
/// <see cref="Exclusive"/> and runs with no other fixture on the engine. The lane is taken before
/// the fixture's own set-up (a base class's runs first) and left after its tear-down.
/// </summary>
[Category("Docker")]
public abstract class DockerFixture
{
    private const int SideBySide = 2;
    private static readonly SemaphoreSlim Lane = new(SideBySide, SideBySide);

    // Taken to enter the lane, so that a fixture waiting for the whole engine is not passed by later shared ones.
    private static readonly SemaphoreSlim Entry = new(1, 1);

    /// <summary>Runs alone on the engine: it changes what other fixtures' runs would find there.</summary>
    protected virtual bool Exclusive => false;

    [OneTimeSetUp]
    public void TakeTheDockerLane()
    {
        Entry.Wait();
        try
        {
            for (var slot = 0; slot < (Exclusive ? SideBySide : 1); slot++)
            {
                Lane.Wait();
            }
        }
        finally
        {
            Entry.Release();
        }
    }

    [OneTimeTearDown]
    public void LeaveTheDockerLane() => Lane.Release(Exclusive ? SideBySide : 1);
}
