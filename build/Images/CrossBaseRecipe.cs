using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// The amd64 base plus what cross-compiling for aarch64 needs, through Debian multiarch: the
/// aarch64 GNU toolchain (C and C++), the arm64 CPython headers and sysconfig data, ImageMagick's
/// and libpng's arm64 development files, and pkg-config for arm64. Made from the amd64 root's
/// tarball with apt in a chroot, natively (about a minute). Multi-Arch: same packages are the same
/// version for both architectures, so the arm64 headers match the amd64 CPythons that run the build.
/// CMake's toolchain file and Meson's cross files (<see cref="CrossToolchainFiles"/>) are written into it.
/// </summary>
public sealed record CrossBaseRecipe(string HookDirectory) : RootfsRecipe
{
    public static readonly Architecture Target = Architecture.Arm64;

    public static readonly IReadOnlyList<string> Packages =
    [
        $"crossbuild-essential-{Target.DebianArch}",
        .. DebianBaseRecipe.CPythons.Select(p => $"libpython3.{p.Minor}-dev:{Target.DebianArch}"),
        $"libmagickwand-7.q16-dev:{Target.DebianArch}", $"libpng-dev:{Target.DebianArch}", $"pkgconf:{Target.DebianArch}",
    ];

    /// <summary>Where the start-up hook goes: a folder every Debian CPython reads .pth files from.</summary>
    public const string HookTarget = "usr/lib/python3/dist-packages";

    public override DebianBaseRecipe Parent { get; } = new DebianBaseRecipe(Architecture.X86_64);

    public override string Name => $"{Parent.Name}-cross-{Target.DebianArch}";

    public override Architecture Architecture => Architecture.X86_64;

    public override string Summary =>
        $"Making the cross root file system: the {Parent.Name} root plus the {Target.Machine} toolchain and {Target.DebianArch} development files (apt in a chroot, natively, about a minute).";

    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs) =>
        ChrootApt.AddArchitecture(tree, inputs.ParentTarball!, Target.DebianArch, Packages);

    public override void Finish(string rootfs)
    {
        ChrootApt.ForgetPackageLists(rootfs);
        foreach (var file in Directory.EnumerateFiles(HookDirectory))
        {
            File.Copy(file, Path.Combine(rootfs, HookTarget, Path.GetFileName(file)), overwrite: true);
        }

        CrossToolchainFiles.WriteInto(rootfs, Target, DebianBaseRecipe.CPythons);
    }

    private static IReadOnlyDictionary<string, string> ToolchainFiles => CrossToolchainFiles.For(Target, DebianBaseRecipe.CPythons);

    protected override ContentHash Describe(ContentHash hash) =>
        hash.Add("packages", string.Join(' ', Packages)).AddTree(HookDirectory)
            .Add("toolchain", string.Join('\n', ToolchainFiles.Select(kv => kv.Key + "\n" + kv.Value)));
}
