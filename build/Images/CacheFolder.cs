namespace Wheelsmith.Images;

/// <summary>
/// Where the tool keeps what is slow to make (root file systems and their tarballs, staged image
/// contexts): WHEELSMITH_CACHE, else $XDG_CACHE_HOME/wheelsmith or ~/.cache/wheelsmith.
/// </summary>
public static class CacheFolder
{
    public static string Of(Func<string, string?> environment) =>
        environment("WHEELSMITH_CACHE") ?? Path.Combine(environment("XDG_CACHE_HOME") ?? Path.Combine(environment("HOME") ?? "/tmp", ".cache"), "wheelsmith");
}
