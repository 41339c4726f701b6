namespace Wheelsmith.Options;

/// <summary>Where an option's value came from, highest precedence first, and how an error names it.</summary>
public sealed record OptionSource(OptionSourceKind Kind, string Label)
{
    public static readonly OptionSource Default = new(OptionSourceKind.Default, "default");

    public static OptionSource CommandLine(string name) => new(OptionSourceKind.CommandLine, "--" + name);
}

public enum OptionSourceKind
{
    CommandLine,
    Environment,

    /// <summary>A CIBW_* variable (CIBW_BUILD, CIBW_ARCHS_LINUX).</summary>
    CibuildwheelVariable,
    Wheelsmith,

    /// <summary>[tool.cibuildwheel], its .linux table and overrides, or [project] requires-python.</summary>
    Cibuildwheel,
    Default,
}
