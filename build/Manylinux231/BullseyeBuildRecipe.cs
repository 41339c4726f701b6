using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// Debian 11 (glibc 2.31, gcc 10) for amd64 with what compiling CPython, ImageMagick's chain and
/// patchelf needs, and what wheels link (libpng): where the base's x86_64 trees are compiled, and
/// the root its x86_64 build image is assembled on. Bootstrapped natively (about a minute).
/// </summary>
public sealed record BullseyeBuildRecipe : RootfsRecipe
{
    public const string Release = "bullseye";

    /// <summary>The development files of CPython's extension modules, also installed for arm64 in the cross root.</summary>
    public static readonly IReadOnlyList<string> LibraryPackages =
    [
        "libssl-dev", "libffi-dev", "zlib1g-dev", "libbz2-dev", "liblzma-dev", "libsqlite3-dev", "libncurses-dev",
        "libreadline-dev", "uuid-dev", "libgdbm-dev", "libpng-dev",
    ];

    // python3 only runs fontconfig's configure; the compiled CPythons never see it (no layout links, see LinksDebianCPythons).
    public static readonly IReadOnlyList<string> Packages =
    [
        "build-essential", "pkg-config", "cmake", "gperf", "xz-utils", "bzip2", "python3", .. LibraryPackages,
    ];

    public override string Name => $"debian-{Release}-amd64-build";

    public override Architecture Architecture => Architecture.X86_64;

    public override bool LinksDebianCPythons => false;

    public override string Summary => $"Bootstrapping Debian 11 ({Release}) for amd64 with debootstrap, with compilers and CPython's build dependencies (about a minute).";

    public IReadOnlyList<string> DebootstrapArguments => ["--arch=amd64", "--variant=minbase", "--include=" + string.Join(',', Packages), Release];

    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs) =>
        [new("debootstrap", [.. DebootstrapArguments, tree, inputs.Mirror])];

    public override void Finish(string tree) => ChrootApt.ForgetPackageLists(tree);

    protected override ContentHash Describe(ContentHash hash) => hash.Add("debootstrap", string.Join(' ', DebootstrapArguments));
}
