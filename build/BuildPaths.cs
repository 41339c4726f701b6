using System.Reflection;

namespace Wheelsmith;

/// <summary>Where the tool finds its recipes and its sample: this repository, fixed when the tool is built.</summary>
public sealed record BuildPaths(string RepositoryRoot)
{
    /// <summary>The build image's recipe, the default --images.</summary>
    public string ImagesDirectory => Path.Combine(RepositoryRoot, "images", "build");

    /// <summary>What the image tasks run in each image they make, to check it: the tool's own, whatever --images is.</summary>
    public string ProbeScript => Path.Combine(RepositoryRoot, "images", "probe.sh");

    /// <summary>The aarch64 test image's recipe (cross builds): the tool's own, whatever --images is.</summary>
    public string TestImageDirectory => Path.Combine(RepositoryRoot, "images", "test");

    /// <summary>What the cross root file system gets beside Debian's packages: the Python start-up hook of cross builds.</summary>
    public string CrossHookDirectory => Path.Combine(RepositoryRoot, "images", "cross");

    /// <summary>The scripts that compile the manylinux_2_31 base's trees from source, and its aarch64 test image's recipe.</summary>
    public string Manylinux231Directory => Path.Combine(RepositoryRoot, "images", "manylinux_2_31");

    /// <summary>The aarch64 test image's recipe on the manylinux_2_31 base, whose root already has the compiled CPythons.</summary>
    public string Manylinux231TestImageDirectory => Path.Combine(Manylinux231Directory, "test");

    /// <summary>The bundled sample package, the default --source.</summary>
    public string Sample => Path.Combine(RepositoryRoot, "samples", "magickpng");

    public static BuildPaths Discover() =>
        new(typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!);
}
