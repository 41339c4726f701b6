namespace Wheelsmith.Options;

public enum BaseKind
{
    /// <summary>quay.io/pypa/manylinux2014_&lt;arch&gt;, pulled from the registry.</summary>
    Manylinux2014,

    /// <summary>Debian unstable bootstrapped on this machine; needs no container registry.</summary>
    Local,
}
