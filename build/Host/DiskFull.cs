namespace Wheelsmith.Host;

/// <summary>How a write that found no room says so: which disk, and how much is left on it.</summary>
public static class DiskFull
{
    /// <summary>ENOSPC as .NET reports it on Linux.</summary>
    public static bool Is(IOException exception) => (exception.HResult & 0xFFFF) == 28 || exception.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);

    public static string Reason(string output)
    {
        var free = Directory.Exists(output) ? new DriveInfo(output).AvailableFreeSpace : 0;
        return $"no space left on device: the disk of --output {output} is full ({free / 1024.0 / 1024.0:F1} MB free)";
    }
}
