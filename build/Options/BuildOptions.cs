using System.Text.RegularExpressions;
using Cake.Core;

namespace Wheelsmith.Options;

/// <summary>
/// Every option of the build, read once from Cake's arguments and validated before any task runs.
/// </summary>
public sealed partial record BuildOptions
{
    /// <summary>Options the Frosting host consumes itself; they reach the arguments too.</summary>
    private static readonly string[] HostOptions = ["target", "verbosity", "dryrun", "noop", "whatif", "tree", "description", "exclusive", "version", "ver"];

    public static readonly string[] Known = ["arch", "cpython", "base", "x64-base-image", "arm-base-image"];

    public required IReadOnlyList<Architecture> Architectures { get; init; }

    /// <summary>The CPythons asked for; null means every one the image has.</summary>
    public required IReadOnlyList<CPythonTag>? CPythons { get; init; }

    public required BaseKind Base { get; init; }

    /// <summary>Base images named with --x64-base-image / --arm-base-image, by architecture.</summary>
    public required IReadOnlyDictionary<Architecture, string> BaseImageOverrides { get; init; }

    public bool Builds(Architecture architecture) => Architectures.Contains(architecture);

    public static BuildOptions Parse(ICakeArguments arguments)
    {
        var values = arguments.GetArguments();
        var unknown = values.Keys.FirstOrDefault(k => !Known.Contains(k, StringComparer.OrdinalIgnoreCase) && !HostOptions.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new OptionException(unknown, $"unknown option; the build's options are {string.Join(", ", Known.Select(k => "--" + k))} (see --help for the host's)");
        }

        string? Single(string name)
        {
            var given = values.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (given is null || given.Count == 0)
            {
                return null;
            }

            var distinct = given.Distinct().ToList();
            if (distinct.Count > 1)
            {
                throw new OptionException(name, $"given twice with different values ('{string.Join("', '", distinct)}'); give it once");
            }

            return distinct[0] ?? throw new OptionException(name, $"needs a value (--{name}=VALUE)");
        }

        var overrides = new Dictionary<Architecture, string>();
        foreach (var (option, architecture) in new[] { ("x64-base-image", Architecture.X86_64), ("arm-base-image", Architecture.Arm64) })
        {
            if (Single(option) is { } image)
            {
                overrides[architecture] = ImageReferencePattern().IsMatch(image)
                    ? image
                    : throw OptionException.Rejected(option, image, "a Docker image reference such as quay.io/pypa/manylinux2014_x86_64 or name:tag");
            }
        }

        return new BuildOptions
        {
            Architectures = ParseArchitectures(Single("arch") ?? "all"),
            CPythons = ParseCPythons(Single("cpython") ?? "all"),
            Base = ParseBase(Single("base") ?? "manylinux2014"),
            BaseImageOverrides = overrides,
        };
    }

    private static IReadOnlyList<Architecture> ParseArchitectures(string text)
    {
        if (text == "all")
        {
            return Architecture.All;
        }

        var picked = Items("arch", text, Architecture.Accepted).Select(item => Architecture.Find(item) ?? throw OptionException.Rejected("arch", item, Architecture.Accepted));
        return Architecture.All.Where(picked.ToHashSet().Contains).ToList();
    }

    private static IReadOnlyList<CPythonTag>? ParseCPythons(string text) =>
        text == "all"
            ? null
            : Items("cpython", text, CPythonTag.Accepted)
                .Select(item => CPythonTag.TryParse(item) ?? throw OptionException.Rejected("cpython", item, CPythonTag.Accepted))
                .Distinct().Order().ToList();

    private static BaseKind ParseBase(string text) => text switch
    {
        "manylinux2014" => BaseKind.Manylinux2014,
        "local" => BaseKind.Local,
        _ => throw OptionException.Rejected("base", text, "manylinux2014 (quay.io/pypa images) or local (Debian bootstrapped here)"),
    };

    private static string[] Items(string option, string text, string accepted)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Length == 0 || items.Any(string.IsNullOrEmpty) ? throw OptionException.Rejected(option, text, accepted) : items;
    }

    // registry[:port]/path[:tag][@digest], lower case path as Docker requires.
    [GeneratedRegex(@"^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReferencePattern();
}
