namespace Wheelsmith.Options;

/// <summary>
/// The options that choose the cells: --arch, --cpython, and --only, which names the cells by itself;
/// and cibuildwheel's forms of what it shares with them (archs, container-engine, CIBW_ALLOW_EMPTY).
/// </summary>
public static class CellOptions
{
    /// <summary>cibuildwheel's Linux architectures this tool does not build.</summary>
    private static readonly string[] OtherLinux = ["i686", "ppc64le", "s390x", "armv7l", "riscv64"];

    private const string ArchsAccepted = "x86_64, aarch64, native, auto, auto64, auto32 or all (space-separated)";

    /// <summary>
    /// cibuildwheel's archs: auto, auto64 and native are this host's architecture (cibuildwheel 3 on builds
    /// no i686 by auto), auto32 its 32-bit one, all every Linux one. Of these, what this tool does not build
    /// is said once and skipped; named explicitly, it is an error.
    /// </summary>
    public static IReadOnlyList<Architecture> CibuildwheelArchitectures(OptionInput input)
    {
        var host = Architecture.Host;
        var picked = new List<Architecture>();
        var skipped = new List<string>();
        foreach (var word in input.Text.Split([' ', ',', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (word)
            {
                case "auto" or "auto64" or "native":
                    picked.AddRange(host is null ? [] : [host]);
                    break;
                case "auto32":
                    skipped.Add(host == Architecture.Arm64 ? "armv7l" : "i686");
                    break;
                case "all":
                    picked.AddRange(Architecture.All);
                    skipped.AddRange(OtherLinux);
                    break;
                default:
                    picked.Add(Architecture.Find(word.ToLowerInvariant())
                        ?? (OtherLinux.Contains(word.ToLowerInvariant())
                            ? throw new OptionException(input.Name, $"'{word}' is a Linux architecture this tool does not build; it builds x86_64 and aarch64")
                            : throw OptionException.Rejected(input.Name, word, ArchsAccepted)));
                    break;
            }
        }

        if (skipped.Count > 0)
        {
            input.Note($"archs '{input.Text}' ({input.Source.Label}): {string.Join(", ", skipped.Distinct())} not built by this tool (it builds x86_64 and aarch64); skipped.");
        }

        return [.. Architecture.All.Where(picked.Contains)];
    }

    /// <summary>cibuildwheel's container-engine, "docker; create_args: --gpus all": the engine's name is acted on, the rest said once.</summary>
    public static Wheelsmith.Docker.ContainerEngine CibuildwheelEngine(OptionInput input)
    {
        var fields = input.Text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var name = fields.FirstOrDefault() ?? string.Empty;
        var engine = Wheelsmith.Docker.ContainerEngine.Find(name) ?? throw OptionException.Rejected(input.Name, name, "docker or podman, optionally followed by ; create_args: ...");
        if (fields.Length > 1)
        {
            input.Note($"container-engine '{input.Text}' ({input.Source.Label}): {engine.Name} is used; {string.Join("; ", fields.Skip(1))} is not acted on by this tool.");
        }

        return engine;
    }

    /// <summary>A true/false as cibuildwheel's strtobool reads a variable (CIBW_ALLOW_EMPTY=1).</summary>
    public static bool CibuildwheelFlag(OptionInput input) => input.Text.ToLowerInvariant() switch
    {
        "1" or "true" or "t" or "yes" or "y" or "on" => true,
        "0" or "false" or "f" or "no" or "n" or "off" or "" => false,
        _ => throw OptionException.Rejected(input.Name, input.Text, "1, true, yes, on, 0, false, no or off"),
    };

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
            var cell = CellIdentifier.TryParse(item)
                ?? (item.Contains("-musllinux_", StringComparison.OrdinalIgnoreCase)
                    ? throw new OptionException(input.Name, $"'{item}' is a musllinux build, which this tool does not make; expected a manylinux identifier such as cp313-manylinux_x86_64")
                    : throw OptionException.Rejected(input.Name, item, CellIdentifier.Accepted));
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
