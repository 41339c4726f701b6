using Wheelsmith.Plan;

namespace Wheelsmith.Report;

/// <summary>A delivered wheel file; <see cref="Replaced"/> when it took the place of one of the same name.</summary>
public sealed record BuiltWheel(string File, string PlatformTag, long Size, string Sha256, bool Replaced)
{
    /// <summary>The platform tag of a wheel file name: the last of its dash-separated fields.</summary>
    public static string PlatformOf(string file) => Path.GetFileNameWithoutExtension(file).Split('-')[^1];
}

/// <summary>
/// What one cell did, for the closing report. <see cref="Reused"/>: the wheels of another cell of its architecture that
/// this cell tested on its CPython instead of its own (abi3), which it does not deliver again; <see cref="BuiltToo"/>: it
/// had built them as well, having started beside that cell before either had published.
/// </summary>
public sealed record WheelResult(WheelCell Cell, IReadOnlyList<BuiltWheel> Wheels, TimeSpan Duration, TestOutcome Test, string? Failure, string LogFile, IReadOnlyList<string> Reused,
    bool BuiltToo = false)
{
    public bool Succeeded => Failure is null;

    /// <summary>The cells that tested this cell's <paramref name="wheel"/> on their own CPython instead of building it, and succeeded.</summary>
    public IReadOnlyList<WheelResult> ReusedBy(IReadOnlyList<WheelResult> results, BuiltWheel wheel) =>
        [.. results.Where(other => other.Succeeded && other.Cell.Architecture == Cell.Architecture && other.Reused.Contains(wheel.File))];

    /// <summary>The CPythons whose test of <paramref name="wheel"/> passed: this cell's and those of the cells that reused it.</summary>
    public IReadOnlyList<string> TestedOn(IReadOnlyList<WheelResult> results, BuiltWheel wheel) =>
        [.. new[] { this }.Concat(ReusedBy(results, wheel)).Where(r => r.Test == TestOutcome.Passed).Select(r => r.Cell.CPython.ToString())];
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
