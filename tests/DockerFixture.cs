namespace Wheelsmith.Tests;

/// <summary>
/// A fixture that drives the machine's engine: in the "Docker" category, and in the one Docker lane,
/// where such fixtures run one at a time (they share the engine, its images and the no-container-left
/// checks), while the fixtures that need no engine run beside them on the other worker. The lane is
/// taken before the fixture's own set-up (a base class's runs first) and left after its tear-down.
/// </summary>
[Category("Docker")]
public abstract class DockerFixture
{
    private static readonly SemaphoreSlim Lane = new(1, 1);

    [OneTimeSetUp]
    public void TakeTheDockerLane() => Lane.Wait();

    [OneTimeTearDown]
    public void LeaveTheDockerLane() => Lane.Release();
}
