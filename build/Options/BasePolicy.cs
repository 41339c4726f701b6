namespace Wheelsmith.Options;

/// <summary>
/// The defaults that follow from the base, decided here and nowhere else. A manylinux2014 base
/// reaches a package index: builds are isolated and the platform is manylinux2014. The local base
/// reaches nothing: builds use the image's own build requirements, offline, and auditwheel picks
/// the best platform the wheel qualifies for; on the manylinux_2_31 one, that policy. The test environment is made without pip where the
/// image has Debian's installer (fast, also under emulation; nothing to fetch offline anyway).
/// </summary>
public sealed record BasePolicy(bool BuildIsolation, string? Network, PlatformSelection DefaultPlatform, IReadOnlyList<CPythonTag> CPythons, bool InstallWithPip)
{
    /// <summary>The CPythons of the local base (Debian's python3.13 and python3.14); its recipes install these.</summary>
    public static readonly IReadOnlyList<CPythonTag> LocalCPythons = [new(13, false), new(14, false)];

    /// <summary>The CPythons of the registry's manylinux2014 images.</summary>
    public static readonly IReadOnlyList<CPythonTag> RegistryCPythons =
        [.. Enumerable.Range(8, 7).Select(minor => new CPythonTag(minor, false)).Append(new(13, true)).Append(new(14, true)).Order()];

    private static readonly BasePolicy Manylinux2014 = new(
        BuildIsolation: true,
        Network: null,
        DefaultPlatform: new PlatformSelection("manylinux2014"),
        CPythons: RegistryCPythons,
        InstallWithPip: true);

    private static readonly BasePolicy Local = new(
        BuildIsolation: false,
        Network: "none",
        DefaultPlatform: PlatformSelection.Auto,
        CPythons: LocalCPythons,
        InstallWithPip: false);

    /// <summary>A base named with --x64-base-image/--arm-base-image follows --base's policy.</summary>
    public static BasePolicy For(BuildOptions options) => For(options.Base, options.Get(OptionDeclarations.Cache));

    /// <summary>
    /// The manylinux_2_31 base: Debian 11's glibc and the CPythons of its catalogue, which the tarballs in the cache's source
    /// folder add to; auditwheel repairs to the policy that glibc allows, never to a newer one.
    /// </summary>
    public static BasePolicy For(BaseKind baseKind, string cache) => baseKind switch
    {
        BaseKind.Local => Local,
        BaseKind.LocalManylinux231 => Local with
        {
            DefaultPlatform = new PlatformSelection("manylinux_2_31"),
            CPythons = [.. Manylinux231.CPythonCatalogue.In(cache).Tags],
        },
        _ => Manylinux2014,
    };

    /// <summary>Whether the architecture's base is bootstrapped here from Debian (a local --base without an image named for it).</summary>
    public static bool Bootstraps(BuildOptions options, Architecture architecture) =>
        options.Base.IsLocal() && !options.BaseImageOverrides.ContainsKey(architecture);
}
