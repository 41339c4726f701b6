using System.Reflection;

namespace Wheelsmith;

/// <summary>Where the tool finds its recipes and keeps what is slow to make.</summary>
public sealed record BuildPaths(string RepositoryRoot, string CacheDirectory)
{
    /// <summary>The build image's recipe, the default --images.</summary>
    public string ImagesDirectory => Path.Combine(RepositoryRoot, "images", "build");

    /// <summary>What the image tasks run in each image they make, to check it: the tool's own, whatever --images is.</summary>
    public string ProbeScript => Path.Combine(RepositoryRoot, "images", "probe.sh");

    /// <summary>The aarch64 test image's recipe (cross builds): the tool's own, whatever --images is.</summary>
    public string TestImageDirectory => Path.Combine(RepositoryRoot, "images", "test");

    /// <summary>What the cross root file system gets beside Debian's packages: the Python start-up hook of cross builds.</summary>
    public string CrossHookDirectory => Path.Combine(RepositoryRoot, "images", "cross");

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
