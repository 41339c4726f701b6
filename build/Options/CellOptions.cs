namespace Wheelsmith.Options;

/// <summary>The options that choose the cells: --arch, --cpython, and --only, which names the cells by itself.</summary>
public static class CellOptions
{
    public static IReadOnlyList<Architecture> Architectures(string option, string text)
    {
        if (text == "all")
        {
            return Architecture.All;
        }

        var picked = Items(option, text, Architecture.Accepted).Select(item => Architecture.Find(item) ?? throw OptionException.Rejected(option, item, Architecture.Accepted));
        return Architecture.All.Where(picked.ToHashSet().Contains).ToList();
    }

    /// <summary>The CPythons asked for; null for all.</summary>
    public static IReadOnlyList<CPythonTag>? CPythons(string option, string text) =>
        text == "all"
            ? null
            : Items(option, text, CPythonTag.Accepted)
                .Select(item => CPythonTag.TryParse(item) ?? throw OptionException.Rejected(option, item, CPythonTag.Accepted))
                .Distinct().Order().ToList();

    /// <summary>
    /// The CPythons asked for, when the base can give them all. A base made here from sources can give only
    /// what it has sources for; the others (any on a registry base) are found in the image.
    /// </summary>
    public static IReadOnlyList<CPythonTag>? OfBase(string option, IReadOnlyList<CPythonTag>? cpythons, BaseKind baseKind, string cache)
    {
        var declared = BasePolicy.For(baseKind, cache).CPythons;
        var missing = baseKind == BaseKind.LocalManylinux231 ? cpythons?.FirstOrDefault(cpython => !declared.Contains(cpython)) : null;
        return missing is null
            ? cpythons
            : throw new OptionException(option, $"{missing} is not a CPython of --base={baseKind.OptionValue()}: {Manylinux231.CPythonCatalogue.In(cache).WhyNot(missing)}; it gives {string.Join(", ", declared)}");
    }

    /// <summary>
    /// As in cibuildwheel, --only names the cells itself: together with --arch or --cpython from a
    /// source as strong, one of them would be ignored. Each cell must be one of the base's.
    /// </summary>
    public static IReadOnlyList<CellIdentifier> Only(OptionInput input, BaseKind baseKind, string cache, params OptionDeclaration[] clashing)
    {
        var clash = clashing.FirstOrDefault(other => input.SourceOf(other).Kind <= input.Source.Kind);
        if (clash is not null)
        {
            throw new OptionException(input.Name, $"cannot be combined with --{clash.Name}; --only names the cells by itself (cp313-manylinux_aarch64), as in cibuildwheel");
        }

        var declared = BasePolicy.For(baseKind, cache).CPythons;
        return input.Items.SelectMany(text => Items(input.Name, text ?? string.Empty, CellIdentifier.Accepted)).Select(item =>
        {
            var cell = CellIdentifier.TryParse(item) ?? throw OptionException.Rejected(input.Name, item, CellIdentifier.Accepted);
            return declared.Contains(cell.CPython)
                ? cell
                : throw new OptionException(input.Name, $"'{item}' is not a cell of --base={baseKind.OptionValue()}; its CPythons are {string.Join(", ", declared)}");
        }).Distinct().ToList();
    }

    private static string[] Items(string option, string text, string accepted)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Length == 0 || items.Any(string.IsNullOrEmpty) ? throw OptionException.Rejected(option, text, accepted) : items;
    }
}
