namespace Wheelsmith.Tests;

/// <summary>The packages the engine's tests build besides the bundled sample.</summary>
internal static class TestProjects
{
    /// <summary>
    /// A C extension that links nothing but libc. The tests about the tool's own behaviour (the output
    /// lock, signals, a failing test, a memory limit, a remote engine) build it: auditwheel has
    /// nothing to graft, so a cell costs about two thirds of the sample's, and what they check is the same.
    /// </summary>
    public static string PlainC => Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "plainc");

    public const string PlainCTest = "python {project}/tests/smoke.py";

    /// <summary>What its test prints on a machine, as a pattern.</summary>
    public static string PlainCTested(string machine) => $@"plainc 0\.1\.0 on Python 3\.\d+\.\d+ \({machine}\): 42";

    /// <summary>--source and --test-command for a cell of it.</summary>
    public static string[] PlainCArguments => ["--source=" + PlainC, "--test-command=" + PlainCTest];
}
