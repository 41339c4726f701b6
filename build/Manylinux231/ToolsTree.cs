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

    public override IReadOnlyList<ArchiveFile> Sources => [.. Catalogue.Tools, Catalogue.Setuptools];

    // setuptools' release tarball holds the installed layout: its packages and egg-info (entry points) as they are.
    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs) =>
    [
        .. Catalogue.Tools.Select(package => new HostStep("dpkg-deb", "-x", Path.Combine(inputs.Sources, package.FileName), tree)),
        new("tar", [
            "--no-same-owner", "-xzf", Path.Combine(inputs.Sources, Catalogue.Setuptools.FileName), "-C", Path.Combine(tree, SitePackages), "--strip-components=1",
            .. new[] { "setuptools", "pkg_resources", "_distutils_hack", "setuptools.egg-info" }.Select(folder => $"setuptools-78.1.1/{folder}")]),
    ];

    /// <summary>Only the modules stay: Debian's launchers name /usr/bin/python3, which is not a CPython of the base.</summary>
    public override void Finish(string tree)
    {
        foreach (var folder in new[] { "usr/bin", "usr/share" }.Select(folder => Path.Combine(tree, folder)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    protected override ContentHash Describe(ContentHash hash) => DescribeInputs(hash).Add("finish", "no launchers");
}
