namespace Wheelsmith.Options;

public enum BaseKind
{
    /// <summary>quay.io/pypa/manylinux2014_&lt;arch&gt;, pulled from the registry.</summary>
    Manylinux2014,

    /// <summary>Debian unstable bootstrapped on this machine; needs no container registry.</summary>
    Local,

    /// <summary>Debian 11 bootstrapped on this machine, CPythons and ImageMagick compiled on it: manylinux_2_31 wheels, offline.</summary>
    LocalManylinux231,
}

public static class BaseKinds
{
    /// <summary>The --base value that names the kind.</summary>
    public static string OptionValue(this BaseKind kind) => kind switch
    {
        BaseKind.Local => "local",
        BaseKind.LocalManylinux231 => "local-manylinux_2_31",
        _ => "manylinux2014",
    };

    /// <summary>Made on this machine from Debian, offline, rather than pulled from a registry.</summary>
    public static bool IsLocal(this BaseKind kind) => kind != BaseKind.Manylinux2014;
}
