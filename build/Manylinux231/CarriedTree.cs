using Cake.Core;
using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// What the base's CPythons import, from the catalogue (<see cref="Catalogue.Carried"/>): each package unpacked from
/// Debian's file into a folder of its own under <see cref="CarriedCatalogue.UnpackedRoot"/>, so that CPython 3.9 and the
/// newer ones each see versions that run on them (<see cref="AssembledRoot"/> writes which), and Debian 11's Ninja.
/// Pure Python (Cython's compiled modules are removed), the same for every machine, fetched from the archive, not an index.
/// </summary>
public sealed record CarriedTree : CachedTree
{
    public override string Name => "manylinux_2_31-carried";

    public override Architecture Architecture => Architecture.X86_64;

    public override string Summary => "Unpacking the build tools, build backends and test tools from Debian's packages (seconds).";

    public override IReadOnlyList<ArchiveFile> Sources => [.. Catalogue.Carried.Distributions.Select(d => d.Archive!), Catalogue.Ninja];

    // setuptools' release tarball holds the installed layout: its packages and egg-info (entry points) as they are.
    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs) =>
    [
        .. Catalogue.Carried.Distributions.SelectMany(d => Unpack(d, Path.Combine(inputs.Sources, d.Archive!.FileName), Path.Combine(tree, d.UnpackedFolder.TrimStart('/')))),
        new("dpkg-deb", "-x", Path.Combine(inputs.Sources, Catalogue.Ninja.FileName), tree),
    ];

    private static IReadOnlyList<HostStep> Unpack(CarriedDistribution distribution, string file, string folder) =>
        file.EndsWith(".deb", StringComparison.Ordinal)
            ? [new("mkdir", "-p", folder), new("dpkg-deb", "-x", file, folder)]
            :
            [
                new("mkdir", "-p", folder + CarriedCatalogue.DistPackages),
                new("tar", [
                    "--no-same-owner", "-xzf", file, "-C", folder + CarriedCatalogue.DistPackages, "--strip-components=1",
                    .. new[] { "setuptools", "pkg_resources", "_distutils_hack", "setuptools.egg-info" }.Select(top => $"setuptools-{distribution.Version}/{top}")]),
            ];

    /// <summary>
    /// Only the modules stay: Debian's launchers name /usr/bin/python3, which is not a CPython of the base, and Cython's
    /// compiled modules are built for unstable's C library. Each folder must hold the distribution the catalogue names.
    /// </summary>
    public override void Finish(string tree)
    {
        foreach (var distribution in Catalogue.Carried.Distributions)
        {
            var folder = Path.Combine(tree, distribution.UnpackedFolder.TrimStart('/'));
            foreach (var launchers in new[] { "usr/bin", "usr/share" }.Select(part => Path.Combine(folder, part)).Where(Directory.Exists))
            {
                Directory.Delete(launchers, recursive: true);
            }

            var site = folder + CarriedCatalogue.DistPackages;
            foreach (var compiled in Directory.EnumerateFiles(site, "*.so", SearchOption.AllDirectories))
            {
                File.Delete(compiled);
            }

            if (!CarriedCatalogue.MetadataIn(site).Contains((distribution.Name, distribution.Version)))
            {
                throw new CakeException($"{Name}: {distribution.Archive!.FileName} does not hold the distribution {distribution.Name} {distribution.Version} that {Catalogue.Carried.Declaration} declares; expected its metadata folder in {distribution.UnpackedSitePackages}");
            }
        }

        Directory.Delete(Path.Combine(tree, "usr", "share"), recursive: true);
    }

    protected override ContentHash Describe(ContentHash hash) => DescribeInputs(hash).Add("finish", "no launchers, no compiled modules").Add("catalogue", Catalogue.Carried.Description);
}
