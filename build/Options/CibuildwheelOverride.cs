namespace Wheelsmith.Options;

/// <summary>
/// One [[tool.cibuildwheel.overrides]] entry: the identifiers its select patterns match, the
/// values it gives them (cibuildwheel keys, raw TOML) and how each meets the value before it.
/// </summary>
public sealed record CibuildwheelOverride(int Number, IReadOnlyList<string> Select, IReadOnlyDictionary<string, object> Values, IReadOnlyDictionary<string, InheritRule> Inherit, string File)
{
    public bool Selects(CellIdentifier cell) => SelectorPatterns.Matches(Select, cell.ToString());

    /// <summary>How errors and --target=Options name one of its keys.</summary>
    public string Label(string key) => $"{File} [[tool.cibuildwheel.overrides]] #{Number} (select = \"{string.Join(' ', Select)}\") {key}";
}
