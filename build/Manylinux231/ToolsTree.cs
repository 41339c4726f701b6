using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// The build tools every CPython of the base imports (build, setuptools, wheel, installer,
/// auditwheel and what they need), unpacked from Debian's architecture-independent packages into
/// /usr/lib/python3/dist-packages: pure Python, the same for every machine, fetched from the archive, not an index.
/// </summary>
public sealed record ToolsTree : CachedTree
{
    public const string SitePackages = "usr/lib/python3/dist-packages";

    public override string Name => "manylinux_2_31-tools";

    public override Architecture Architecture => Architecture.X86_64;

    public override string Summary => "Unpacking the build tools from Debian's packages (seconds).";

    public override IReadOnlyList<ArchiveFile> Sources => Catalogue.Tools;

    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs) =>
        [.. Catalogue.Tools.Select(package => new HostStep("dpkg-deb", "-x", Path.Combine(inputs.Sources, package.FileName), tree))];

    /// <summary>Only the modules stay: Debian's launchers name /usr/bin/python3, which the base does not have.</summary>
    public override void Finish(string tree)
    {
        foreach (var folder in new[] { "usr/bin", "usr/share" }.Select(folder => Path.Combine(tree, folder)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    protected override ContentHash Describe(ContentHash hash) => DescribeInputs(hash);
}
