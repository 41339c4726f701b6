namespace Wheelsmith.Options;

/// <summary>
/// cibuildwheel's build-frontend: build (python -m build) or pip (pip wheel), with extra arguments
/// written as cibuildwheel writes them ("pip; args: --no-build-isolation"). build[uv] and uv need uv,
/// which no offline image carries and no index gives: they are taken as build, with one note.
/// </summary>
public sealed record BuildFrontend(string Name, IReadOnlyList<string> Args, string? Note)
{
    public const string Accepted = "build, pip, build[uv], uv or default, optionally followed by '; args: ARGS'";

    public static readonly BuildFrontend Build = new("build", [], null);

    public bool IsPip => Name == "pip";

    /// <summary>
    /// build-verbosity as this frontend takes it, as cibuildwheel passes it: below 0 that many q (-qq), above 0 that many v
    /// for pip, one fewer for build, whose own output already names each step.
    /// </summary>
    public IReadOnlyList<string> VerbosityFlags(int level) => level switch
    {
        < 0 => ["-" + new string('q', -level)],
        > 0 when IsPip => ["-" + new string('v', level)],
        > 1 => ["-" + new string('v', level - 1)],
        _ => [],
    };

    public static BuildFrontend Parse(string option, string text, BaseKind baseKind)
    {
        var fields = text.Split(';', StringSplitOptions.TrimEntries);
        var args = new List<string>();
        foreach (var field in fields.Skip(1))
        {
            args.AddRange(field.StartsWith("args:", StringComparison.Ordinal)
                ? ShellWords.Split(field["args:".Length..], option)
                : throw OptionException.Rejected(option, text, Accepted));
        }

        return fields[0] switch
        {
            "build" or "default" or "" => Build with { Args = args },
            "pip" when baseKind.IsLocal() => throw new OptionException(option, $"'pip' needs pip in the image, and the {baseKind.OptionValue()} base's CPythons have none; use build"),
            "pip" => new BuildFrontend("pip", args, null),
            "build[uv]" or "uv" => Build with { Args = args, Note = $"build-frontend {fields[0]}: uv is in no offline image and reached from no index here; python -m build is used instead" },
            _ => throw OptionException.Rejected(option, text, Accepted),
        };
    }

    public override string ToString() => Args.Count == 0 ? Name : $"{Name}; args: {string.Join(' ', Args)}";
}
