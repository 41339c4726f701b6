using Wheelsmith.Plan;

namespace Wheelsmith.Cells;

/// <summary>
/// The wheels a cell made that a later CPython may take instead of building (abi3, py3-none), with
/// their content: published once they are repaired (and audited), before their test, so that the
/// later cells of the architecture start while it tests. None when its wheels are for its CPython
/// only, or when it failed before.
/// </summary>
public sealed record ReusableWheels(WheelCell Source, IReadOnlyList<(string File, byte[] Content)> Wheels)
{
    /// <summary>What a cell publishes: its repaired wheels that some later CPython may take, read from where they are staged.</summary>
    public static ReusableWheels Of(WheelCell source, string folder, IEnumerable<string> wheels) =>
        new(source, [.. wheels.Where(WheelTags.IsReusable).Select(wheel => (wheel, File.ReadAllBytes(Path.Combine(folder, wheel))))]);
}
