using System.Reflection;

namespace Wheelsmith;

/// <summary>Where the tool finds its recipes and keeps what is slow to make.</summary>
public sealed record BuildPaths(string RepositoryRoot, string CacheDirectory)
{
    public string ImagesDirectory => Path.Combine(RepositoryRoot, "images");

    /// <summary>The bundled sample package, the default --source.</summary>
    public string Sample => Path.Combine(RepositoryRoot, "samples", "magickpng");

    public static BuildPaths Discover(Func<string, string?> environment)
    {
        var root = typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!;
        var cache = environment("WHEELSMITH_CACHE")
            ?? Path.Combine(environment("XDG_CACHE_HOME") ?? Path.Combine(environment("HOME") ?? "/tmp", ".cache"), "wheelsmith");
        return new BuildPaths(root, cache);
    }
}
