using System.Globalization;
using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>
/// What one cell container may take, so that a run cannot take the host down: a memory limit (by
/// default three quarters of the host's memory shared among the cells that run at once) and,
/// when asked for, a CPU limit. Values are docker's own, checked here so a bad one is one line.
/// </summary>
public static partial class ResourceLimits
{
    private const long Mebibyte = 1024 * 1024;
    private const long SmallestMemory = 64 * Mebibyte;

    public static string ParseMemory(string text)
    {
        var match = MemoryPattern().Match(text);
        var bytes = match.Success ? Bytes(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value.ToLowerInvariant()) : -1;
        return bytes >= SmallestMemory
            ? text.ToLowerInvariant()
            : throw OptionException.Rejected("memory", text, "a size as docker's --memory takes it, such as 512m or 4g, at least 64m");
    }

    public static string? ParseCpus(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus >= 0.01 && cpus <= Environment.ProcessorCount
            ? text
            : throw OptionException.Rejected("cpus", text, $"a number of CPUs from 0.01 to this host's {Environment.ProcessorCount}, such as 1.5");

    /// <summary>Three quarters of the host's memory, divided among the --jobs cells that run at once.</summary>
    public static string DefaultMemory(int jobs)
    {
        var total = HostMemory();
        return total is null ? "4g" : $"{Math.Max(SmallestMemory, total.Value * 3 / 4 / jobs) / Mebibyte}m";
    }

    private static long? HostMemory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kibibytes) ? kibibytes * 1024 : null;
    }

    private static long Bytes(double value, string unit) => (long)(value * unit switch
    {
        "k" => 1024,
        "m" => Mebibyte,
        "g" => 1024 * Mebibyte,
        _ => 1,
    });

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)([bkmgBKMG]?)$")]
    private static partial Regex MemoryPattern();
}
