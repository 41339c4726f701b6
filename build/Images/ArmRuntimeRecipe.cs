using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// The root of the aarch64 test image of cross builds: the CPythons (Debian's, on the local base), their standard library, the C
/// and C++ runtime and the other libraries the manylinux policies let a wheel leave to the system
/// (X11's, GLib's; not libGL, whose Mesa drivers would triple the size), extracted by mmdebstrap without running
/// any package script, so nothing runs under QEMU (seconds, where debootstrap takes minutes).
/// The merged-/usr hook gives it /lib/ld-linux-aarch64.so.1, without which nothing starts.
/// </summary>
public sealed record ArmRuntimeRecipe(string Release, IReadOnlyList<string> Packages) : RootfsRecipe
{
    /// <summary>The local base's: Debian unstable with its CPythons.</summary>
    public static readonly ArmRuntimeRecipe Local = new(Suite,
    [
        .. DebianBaseRecipe.CPythons.Select(p => $"python3.{p.Minor}"),
        .. DebianBaseRecipe.CPythons.Select(p => $"libpython3.{p.Minor}-stdlib"),
        "libc6", "libstdc++6", "libgcc-s1", "dash", "coreutils",
        "libx11-6", "libxext6", "libxrender1", "libice6", "libsm6", "libglib2.0-0t64",
    ]);

    /// <summary>Users a container may run as without an /etc/passwd of its own (no package script made one).</summary>
    private const string Passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
    private const string Group = "root:x:0:\nnogroup:x:65534:\n";

    public override string Name => $"debian-{Release}-{Architecture.DebianArch}-runtime";

    public override Architecture Architecture => Architecture.Arm64;

    public override string Summary => $"Extracting the {Architecture.DebianArch} test root file system with mmdebstrap (no package script runs, nothing under QEMU; seconds).";

    public IReadOnlyList<string> MmdebstrapArguments => MmdebstrapExtract.Arguments(Architecture.DebianArch, Packages, Release);

    public override IReadOnlyList<HostStep> Steps(string rootfs, TreeInputs inputs) =>
        [new("mmdebstrap", [.. MmdebstrapArguments, rootfs, inputs.Mirror])];

    public override void Finish(string rootfs)
    {
        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), Passwd);
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), Group);
    }

    protected override ContentHash Describe(ContentHash hash) =>
        hash.Add("mmdebstrap", string.Join(' ', MmdebstrapArguments)).Add("passwd", Passwd + Group);
}
