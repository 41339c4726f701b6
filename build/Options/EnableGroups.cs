namespace Wheelsmith.Options;

/// <summary>
/// cibuildwheel's enable: groups of builds it leaves out unless asked for. Of those, CPython
/// pre-releases (cp316 on; cp315 is built by default since cibuildwheel 4.2) and, as in cibuildwheel
/// 3, the free-threaded CPython 3.13 (cpython-freethreading; 3.14t and later need nothing) concern
/// this tool; the PyPy, GraalPy and Pyodide groups name builds it does not make.
/// </summary>
public sealed record EnableGroups(IReadOnlyList<string> Groups)
{
    public const string FreeThreading = "cpython-freethreading";
    public const string Prerelease = "cpython-prerelease";

    /// <summary>cibuildwheel 4.2's groups; cpython-freethreading is cibuildwheel 3's, still accepted from its workflows.</summary>
    private static readonly string[] Known = [Prerelease, FreeThreading, "pypy", "pypy-eol", "graalpy", "pyodide-eol", "pyodide-prerelease"];

    public static readonly EnableGroups None = new([]);

    public static string Accepted => $"{string.Join(", ", Known)} or all, space-separated";

    public static EnableGroups Parse(OptionInput input)
    {
        var groups = new List<string>();
        foreach (var word in input.Items.SelectMany(item => SelectorPatterns.Words(item ?? string.Empty)))
        {
            // As in cibuildwheel since 3.4.1: all leaves out cpython-freethreading.
            groups.AddRange(word == "all" ? Known.Where(group => group != FreeThreading)
                : Known.Contains(word) ? [word]
                : throw OptionException.Rejected(input.Name, word, Accepted));
        }

        var elsewhere = groups.Where(group => !group.StartsWith("cpython-", StringComparison.Ordinal)).Distinct().ToList();
        if (elsewhere.Count > 0)
        {
            input.Note($"enable {string.Join(' ', elsewhere)} ({input.Source.Label}): this tool builds CPython only; those builds are not made here.");
        }

        return new EnableGroups([.. groups.Distinct()]);
    }

    /// <summary>Whether the groups let cibuildwheel's selection build this CPython.</summary>
    public bool Allows(CPythonTag cpython) =>
        (cpython.Minor < 16 || Groups.Contains(Prerelease)) && (!cpython.FreeThreaded || cpython.Minor >= 14 || Groups.Contains(FreeThreading));

    public override string ToString() => Groups.Count == 0 ? "none" : string.Join(' ', Groups);
}
