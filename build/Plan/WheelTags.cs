using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>
/// What a wheel's file name says about the CPythons that take it (PEP 427 names, compressed tag sets
/// such as cp38.cp39 included): as cibuildwheel decides when a wheel built for one CPython serves a
/// later one of the same architecture. An abi3 wheel tagged cp3X serves every CPython from 3.X on
/// but the free-threaded ones, which have no stable ABI; a py3-none wheel serves every CPython.
/// </summary>
public static class WheelTags
{
    /// <summary>Whether the wheel is tagged abi3 (cp38-abi3).</summary>
    public static bool IsAbi3(string wheel) => Tags(wheel).Any(tag => tag.Abi == "abi3");

    /// <summary>Whether a later CPython may take the wheel: it is tagged abi3 or for no ABI.</summary>
    public static bool IsReusable(string wheel) => Tags(wheel).Any(tag => tag.Abi is "abi3" or "none");

    /// <summary>Whether <paramref name="cpython"/> installs the wheel (its platform is the same architecture's, which the caller knows).</summary>
    public static bool AcceptedBy(string wheel, CPythonTag cpython) =>
        Tags(wheel).Any(tag => tag.Abi switch
        {
            "abi3" => !cpython.FreeThreaded && Minor(tag.Python) is { } minor && minor <= cpython.Minor,
            "none" => tag.Python == "py3" || (tag.Python.StartsWith("py3", StringComparison.Ordinal) && Minor(tag.Python) is { } minor && minor <= cpython.Minor),
            _ => false,
        });

    // The python and ABI tags of every combination the name's tag sets give.
    private static IEnumerable<(string Python, string Abi)> Tags(string wheel)
    {
        var fields = Path.GetFileNameWithoutExtension(wheel).Split('-');
        return fields.Length < 5
            ? []
            : from python in fields[^3].Split('.') from abi in fields[^2].Split('.') select (python, abi);
    }

    // The minor version of cp3X or py3X; null for another tag.
    private static int? Minor(string tag) =>
        tag.Length > 3 && (tag.StartsWith("cp3", StringComparison.Ordinal) || tag.StartsWith("py3", StringComparison.Ordinal)) && int.TryParse(tag[3..], out var minor) ? minor : null;
}
