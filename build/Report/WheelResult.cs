using Wheelsmith.Plan;

namespace Wheelsmith.Report;

/// <summary>A delivered wheel file; <see cref="Replaced"/> when it took the place of one of the same name.</summary>
public sealed record BuiltWheel(string File, string PlatformTag, long Size, string Sha256, bool Replaced)
{
    /// <summary>The platform tag of a wheel file name: the last of its dash-separated fields.</summary>
    public static string PlatformOf(string file) => Path.GetFileNameWithoutExtension(file).Split('-')[^1];
}

/// <summary>What one cell did, for the closing report.</summary>
public sealed record WheelResult(WheelCell Cell, IReadOnlyList<BuiltWheel> Wheels, TimeSpan Duration, TestOutcome Test, string? Failure, string LogFile)
{
    public bool Succeeded => Failure is null;
}

public static class TestOutcomeText
{
    /// <summary>How the table, the live view and the report name an outcome.</summary>
    public static string Label(this TestOutcome test) => test switch
    {
        TestOutcome.Passed => "tested",
        TestOutcome.Failed => "test failed",
        TestOutcome.NotReached => "not reached",
        TestOutcome.SkippedByTestSkip => "skipped by test-skip",
        _ => "not tested",
    };
}

public enum TestOutcome
{
    /// <summary>No --test-command: the report says "not tested".</summary>
    NoCommand,

    /// <summary>cibuildwheel's test-skip selects the cell: built, not tested.</summary>
    SkippedByTestSkip,

    /// <summary>The cell failed before its test.</summary>
    NotReached,
    Passed,
    Failed,
}
