using NUnit.Framework.Interfaces;

namespace Wheelsmith.Tests;

/// <summary>
/// A fixture that drives the machine's engine: in the "Docker" category, and in the one Docker lane,
/// where such fixtures run one at a time (they share the engine, its images and the no-container-left
/// checks), while the fixtures that need no engine run beside them on the other worker.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DockerAttribute() : CategoryAttribute("Docker"), ITestAction
{
    private static readonly SemaphoreSlim Lane = new(1, 1);

    public ActionTargets Targets => ActionTargets.Suite;

    public void BeforeTest(ITest test) => Lane.Wait();

    public void AfterTest(ITest test) => Lane.Release();
}
