using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// The Debian 11 build root plus what cross-compiling for aarch64 needs, through multiarch:
/// bullseye's aarch64 GNU toolchain and the arm64 development files of CPython's modules and
/// libpng. Where the base's aarch64 trees are compiled, and the root its cross image is assembled on.
/// Made from the amd64 root's tarball with apt in a chroot, natively.
/// </summary>
public sealed record BullseyeCrossRecipe : RootfsRecipe
{
    public static readonly Architecture Target = Architecture.Arm64;

    public static readonly IReadOnlyList<string> Packages =
    [
        $"crossbuild-essential-{Target.DebianArch}", .. BullseyeBuildRecipe.LibraryPackages.Select(package => $"{package}:{Target.DebianArch}"),
    ];

    public override BullseyeBuildRecipe Parent { get; } = new();

    public override string Name => $"{Parent.Name}-cross-{Target.DebianArch}";

    public override Architecture Architecture => Architecture.X86_64;

    public override bool LinksDebianCPythons => false;

    public override string Summary => $"Making the Debian 11 cross root: {Parent.Name} plus the {Target.Machine} toolchain and {Target.DebianArch} development files (apt in a chroot, natively, about a minute).";

    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs) =>
        ChrootApt.AddArchitecture(tree, inputs.ParentTarball!, Target.DebianArch, Packages);

    public override void Finish(string tree) => ChrootApt.ForgetPackageLists(tree);

    protected override ContentHash Describe(ContentHash hash) => hash.Add("packages", string.Join(' ', Packages));
}
