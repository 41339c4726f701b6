using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>
/// Which cells the run builds, chosen as cibuildwheel chooses builds: of --arch x the CPythons (--cpython,
/// or every one the base has), those requires-python allows that match a build pattern and no skip
/// pattern. When build, skip or enable is given, enable's groups apply as well (a free-threaded 3.13 needs
/// cpython-freethreading, a pre-release CPython cpython-prerelease), unless --cpython names the CPythons.
/// --only names the cells by itself. An empty selection is an error naming the selectors, unless allow-empty.
/// </summary>
public sealed record CellSelection(IReadOnlyList<CellIdentifier> Cells, IReadOnlyList<string> Notes)
{
    public static CellSelection Of(BuildOptions options, BasePolicy policy)
    {
        var candidates = options.Architectures.SelectMany(architecture => (options.CPythons ?? policy.CPythons).Select(cpython => new CellIdentifier(architecture, cpython))).ToList();
        if (options.Only is { } only)
        {
            return new([.. candidates.Where(only.Contains)], []);
        }

        var build = options.Get(OptionDeclarations.Build);
        var skip = options.Get(OptionDeclarations.Skip);
        var enable = options.Get(OptionDeclarations.Enable);
        var requires = options.Get(OptionDeclarations.RequiresPython);
        var byPattern = new OptionDeclaration[] { OptionDeclarations.Build, OptionDeclarations.Skip, OptionDeclarations.Enable }.Any(option => options.Sources[option.Name].Kind != OptionSourceKind.Default);
        var gated = byPattern && options.CPythons is null;
        bool Selected(CPythonTag cpython, string identifier) =>
            requires?.Allows(cpython.Minor) != false && (!gated || enable.Allows(cpython))
            && SelectorPatterns.Matches(build, identifier) && !SelectorPatterns.Matches(skip, identifier);

        var cells = candidates.Where(cell => Selected(cell.CPython, cell.ToString())).ToList();
        var notes = new List<string>();

        // cibuildwheel's identifiers include the musllinux builds; what the patterns pick of them is said, since none is made here.
        var musllinux = byPattern
            ? candidates.Select(cell => (cell.CPython, Identifier: $"{cell.CPython}-musllinux_{cell.Architecture.Machine}")).Where(cell => Selected(cell.CPython, cell.Identifier)).Select(cell => cell.Identifier).ToList()
            : [];
        if (musllinux.Count > 0)
        {
            notes.Add($"{string.Join(", ", musllinux)}: selected by build/skip, but this tool builds manylinux wheels only; not built.");
        }

        if (cells.Count == 0)
        {
            var selectors = $"build {Show(options, OptionDeclarations.Build)}, skip {Show(options, OptionDeclarations.Skip)}, archs {Show(options, OptionDeclarations.Arch)}, "
                + $"requires-python {Show(options, OptionDeclarations.RequiresPython)}, enable {Show(options, OptionDeclarations.Enable)}, of the CPythons {string.Join(", ", options.CPythons ?? policy.CPythons)} (--base={options.Base.OptionValue()})";
            notes.Add(options.Get(OptionDeclarations.AllowEmpty)
                ? $"No cell selected ({selectors}); allow-empty: nothing is built."
                : throw new ConfigException($"No cell selected: {selectors}; expected selectors that leave at least one cell, or allow-empty (--allow-empty, CIBW_ALLOW_EMPTY=1)", ExitCodes.NothingSelected));
        }

        return new(cells, notes);
    }

    private static string Show(BuildOptions options, OptionDeclaration option) => $"'{option.Shown(options)}' ({options.Sources[option.Name].Label})";
}
