namespace Wheelsmith.Options;

/// <summary>
/// One of cibuildwheel's own options (see <see cref="CibuildwheelOptions"/>), as cibuildwheel 4.2
/// reads it: the TOML shapes its schema allows, the separator its lists are joined with (and an
/// inherit append or prepend merges with; null: it cannot be merged), and where it may be given.
/// </summary>
public sealed record CibuildwheelOption(string Key, TomlShapes Shapes, string? Separator = null)
{
    /// <summary>A [tool.cibuildwheel] key; false for the variables only (CIBW_OUTPUT_DIR, CIBW_ALLOW_EMPTY).</summary>
    public bool InTable { get; init; } = true;

    /// <summary>Read from CIBW_&lt;KEY&gt;_LINUX too, over CIBW_&lt;KEY&gt; (build, skip, test-skip, enable have no platform form).</summary>
    public bool PlatformVariable { get; init; } = true;

    /// <summary>May be set in an override; build, skip, test-skip, enable and archs apply to the whole run.</summary>
    public bool InOverrides { get; init; } = true;

    /// <summary>Concerns other platforms or cibuildwheel's own run (musllinux images, pyodide-version): not acted on here, without a word.</summary>
    public bool Elsewhere { get; init; }

    /// <summary>An empty value leaves the option to the next source (archs, the images), as cibuildwheel's ignore_empty.</summary>
    public bool IgnoreEmpty { get; init; }

    /// <summary>The variable adds to the file's value rather than replacing it (enable).</summary>
    public bool VariableAppends { get; init; }

    public string Variable => "CIBW_" + Key.ToUpperInvariant().Replace('-', '_');

    public string? LinuxVariable => PlatformVariable ? Variable + "_LINUX" : null;
}
