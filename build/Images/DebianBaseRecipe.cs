using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// A manylinux-shaped base made with debootstrap from Debian unstable: CPython 3.13 and 3.14,
/// build, auditwheel, patchelf, installer, C and C++ compilers, ImageMagick 7, and what the offline
/// catalogue declares (build backends, CMake, Ninja, Meson, pytest, hypothesis). Everything is
/// installed here because image builds on such machines have no network. For a foreign
/// architecture every package script runs under QEMU (minutes); the emulated arm64 build uses it.
/// </summary>
public sealed record DebianBaseRecipe(Architecture Target) : RootfsRecipe
{
    /// <summary>The CPythons of the image: each has its -dev and -venv packages below.</summary>
    public static IReadOnlyList<CPythonTag> CPythons => BasePolicy.LocalCPythons;

    public static readonly IReadOnlyList<string> Packages =
    [
        .. CPythons.Select(p => $"python3.{p.Minor}-dev"),
        .. CPythons.Select(p => $"python3.{p.Minor}-venv"),
        "python3-build", "python3-setuptools", "python3-wheel", "python3-auditwheel", "python3-installer",
        "patchelf", "gcc", "g++", "libc6-dev", "pkg-config", "libmagickwand-dev", "libpng-dev",
        .. OfflineCatalogue.DebianPackages,
    ];

    public override string Name => $"debian-{Suite}-{Target.DebianArch}";

    public override Architecture Architecture => Target;

    public override string Summary =>
        $"Bootstrapping Debian {Suite} for {Target.DebianArch} with debootstrap (a minute natively; several minutes for a foreign architecture, whose package scripts run under QEMU).";

    public IReadOnlyList<string> DebootstrapArguments =>
        [$"--arch={Target.DebianArch}", "--variant=minbase", "--include=" + string.Join(',', Packages), Suite];

    /// <summary>
    /// Given an emulator (a binfmt handler without the F flag, so the kernel looks for it inside the chroot),
    /// the foreign second stage runs with a copy of it at the handler's path, removed afterwards.
    /// </summary>
    public override IReadOnlyList<HostStep> Steps(string rootfs, TreeInputs inputs) =>
        inputs.Emulator is not { } emulator
            ? [new("debootstrap", [.. DebootstrapArguments, rootfs, inputs.Mirror])]
            :
            [
                new("debootstrap", ["--foreign", .. DebootstrapArguments, rootfs, inputs.Mirror]),
                new("install", "-D", "-m", "0755", emulator, rootfs + emulator),
                new("chroot", rootfs, "/debootstrap/debootstrap", "--second-stage"),
                new("rm", "-f", rootfs + emulator),
            ];

    /// <summary>The archive moves on: a root whose catalogue packages are not the declared versions is not made.</summary>
    public override void Finish(string rootfs) => OfflineCatalogue.CheckInstalled(rootfs, Name);

    protected override ContentHash Describe(ContentHash hash) =>
        hash.Add("debootstrap", string.Join(' ', DebootstrapArguments)).Add("catalogue", OfflineCatalogue.Local.Description);
}
