using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// A CPython as Debian unstable built it, at its manylinux place with the C library it needs beside it
/// (images/manylinux_2_31/debian-cpython.sh): extracted by mmdebstrap, nothing run from it and nothing under
/// QEMU, so an aarch64 one takes seconds as an x86_64 one does. It only drives builds: the extensions it
/// builds are compiled and linked by Debian 11's gcc and glibc 2.31, so auditwheel's policy holds as for a
/// compiled CPython. Hashed over the exact package versions, the script and patchelf.
/// </summary>
public sealed record DebianCPythonTree(DebianCPython Source, Architecture Machine, CachedTree Patchelf, string Script) : CachedTree
{
    private const string PatchelfFolder = "wheelsmith-patchelf";

    public override string Name => $"cpython-{Source.Version}-debian-{Machine.Machine}";

    /// <summary>Only host programs run (mmdebstrap, the script, patchelf), whatever the CPython's machine.</summary>
    public override Architecture Architecture => Architecture.X86_64;

    public override string Summary => $"Extracting Debian {DebianCPython.Suite}'s CPython {Source.Version} for {Machine.Machine} and giving it its own C library (seconds).";

    public override IReadOnlyList<CachedTree> Layers => [Patchelf];

    public IReadOnlyList<string> MmdebstrapArguments => MmdebstrapExtract.Arguments(Machine.DebianArch, Source.Packages, DebianCPython.Suite);

    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs)
    {
        var stage = tree + ".stage";
        return
        [
            new("rm", "-rf", stage),
            new("mmdebstrap", [.. MmdebstrapArguments, stage, inputs.Mirror]),
            new("mkdir", "-p", $"{stage}/{PatchelfFolder}"),
            new("tar", "--numeric-owner", "-xf", inputs.LayerTarballs[0], "-C", $"{stage}/{PatchelfFolder}"),
            new("sh", Script, stage, tree, Source.Tag.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{Machine.Machine}-linux-gnu", Source.Prefix,
                $"{stage}/{PatchelfFolder}/usr/local/bin/patchelf"),
            new("rm", "-rf", stage),
        ];
    }

    protected override ContentHash Describe(ContentHash hash) =>
        DescribeInputs(hash).Add("mmdebstrap", string.Join(' ', MmdebstrapArguments)).Add("script", File.ReadAllText(Script)).Add("prefix", Source.Prefix);
}
