using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>A CPython of the base: its tag and version, at the manylinux place in every image of the base.</summary>
public abstract record CPythonSource(CPythonTag Tag, string Version)
{
    public string Prefix => $"/opt/python/{Tag.Identifier}";

    public string Executable => $"{Prefix}/bin/python3.{Tag.Minor}";

    /// <summary>Where it comes from, as the docs and the image's summary say it.</summary>
    public abstract string Origin { get; }
}

/// <summary>A CPython the base compiles from its upstream tarball, as manylinux does.</summary>
public sealed record CompiledCPython(CPythonTag Tag, string Version, ArchiveFile Tarball) : CPythonSource(Tag, Version)
{
    public override string Origin => $"compiled from {Tarball.FileName}";
}

/// <summary>
/// A CPython the archive serves no source for, taken as Debian unstable built it and given its own C library
/// (<see cref="DebianCPythonTree"/>): extensions are still compiled by Debian 11's gcc against glibc 2.31.
/// </summary>
public sealed record DebianCPython(CPythonTag Tag, string Version, string DebianVersion) : CPythonSource(Tag, Version)
{
    public const string Suite = "unstable";

    public override string Origin => $"python3.{Tag.Minor} {DebianVersion} as Debian {Suite} built it, with its own C library";

    /// <summary>The interpreter, the standard library and the headers, at this version exactly.</summary>
    public IReadOnlyList<string> Packages =>
        [.. new[] { $"python3.{Tag.Minor}-minimal", $"libpython3.{Tag.Minor}-stdlib", $"libpython3.{Tag.Minor}-dev" }.Select(package => $"{package}={DebianVersion}")];
}

/// <summary>
/// What the base is made of, pinned: the newest upstream tarballs the Debian archive serves (the
/// .orig of a source package; many a listed one answers 404, checked one by one on 2026-11-30) and
/// the architecture-independent packages of the build tools. Changing a line here makes new trees.
/// </summary>
public static class Catalogue
{
    private static readonly ArchiveFile Python39 = new("p/python3.9/python3.9_3.9.2.orig.tar.xz", "3c2034c54f811448f516668dce09d24008a0716c3a794dd8639b5388cbde247d");
    private static readonly ArchiveFile Python311 = new("p/python3.11/python3.11_3.11.2.orig.tar.gz", "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849");
    private static readonly ArchiveFile Python313 = new("p/python3.13/python3.13_3.13.15.orig.tar.xz", "1e66a7945a48390ee4c2a4268a0e4185884059a13c4aab6d148aa208deea4a76");

    /// <summary>
    /// Every CPython the archive gives the base: bullseye's 3.9, bookworm's 3.11 and unstable's 3.13 (also free-threaded)
    /// compiled from source; 3.14 and 3.15, whose sources the archive does not serve, as unstable built them.
    /// Tarballs dropped into the cache add to these (<see cref="CPythonCatalogue"/>).
    /// </summary>
    public static readonly IReadOnlyList<CPythonSource> Served =
    [
        new CompiledCPython(new(9, false), "3.9.2", Python39),
        new CompiledCPython(new(11, false), "3.11.2", Python311),
        new CompiledCPython(new(13, false), "3.13.15", Python313),
        new CompiledCPython(new(13, true), "3.13.15", Python313),
        new DebianCPython(new(14, false), "3.14.10", "3.14.10-1"),
        new DebianCPython(new(15, false), "3.15.2", "3.15.2-1"),
    ];

    /// <summary>ImageMagick 7 and the libraries it is linked with statically (Debian 11's .a files are not position-independent).</summary>
    public static readonly IReadOnlyList<ArchiveFile> ImageMagick =
    [
        new("e/expat/expat_2.8.3.orig.tar.gz", "533659a16e0184035a99fd8e783f1ad61a887a7bf8586a8681740b9d7ed42389"),
        new("f/freetype/freetype_2.14.3+dfsg.orig.tar.xz", "dc1bec263a6fffa436029efe6428f601d6b1a0b800837508ee3e49bbab8f1006"),
        new("f/fontconfig/fontconfig_2.15.0.orig.tar.xz", "63a0658d0e06e0fa886106452b58ef04f21f58202ea02a94c39de0d3335d7c0e"),
        new("i/imagemagick/imagemagick_7.1.1.43+dfsg1.orig.tar.xz", "bcb4f3c78a930a608fa4889f889edbcb384974246ad9407fce1858f2c0607bfe"),
    ];

    public const string ImageMagickVersion = "7.1.1.43";

    /// <summary>Bullseye's patchelf (0.12) is older than auditwheel accepts; trixie's source builds on Debian 11.</summary>
    public static readonly ArchiveFile Patchelf = new("p/patchelf/patchelf_0.18.0.orig.tar.gz", "1451d01ee3a21100340aed867d0b799f46f0b1749680028d38c3f5d0128fb8a7");

    /// <summary>
    /// build, setuptools, wheel, installer, auditwheel and what they import: the newest versions
    /// that still run on CPython 3.9 (trixie's), auditwheel from unstable, tomli from bookworm (trixie has none).
    /// setuptools comes from its upstream source (<see cref="Setuptools"/>) instead.
    /// </summary>
    public static readonly IReadOnlyList<ArchiveFile> Tools =
    [
        new("p/python-build/python3-build_1.2.2-2_all.deb", "398f05b1681a6d36b6e5b16e821a803b80582a6c61d91d52b4b886430cf007cd"),
        new("w/wheel/python3-wheel_0.46.1-2_all.deb", "17b788ad15f8231e5058ed386cd6841d42b31937075b56caf4cf63263910e992"),
        new("p/python-installer/python3-installer_0.7.0+dfsg1-3_all.deb", "0fb5d2cc9a2f26e86b20ad3f84628791ed12000c833eeb927074d2ced7f2406e"),
        new("p/python-packaging/python3-packaging_25.0-1_all.deb", "d70c8469f6e9c6105e1ebcd3ebdc963f11dadbeddd89d2d1a2a3cb1c97d2ecbc"),
        new("p/python-pyproject-hooks/python3-pyproject-hooks_1.2.0-1_all.deb", "c31cbf03858dbbc8000f528fa785ba6c04bf9410f38270354df3537eef2ccffc"),
        new("p/python-importlib-metadata/python3-importlib-metadata_8.7.0-1_all.deb", "f895d1f4901176f5e75614bf95b98ccc2a6cd5017ba5ec727b29f281d29be1cd"),
        new("p/python-zipp/python3-zipp_3.21.0-1_all.deb", "6cd0f768a5e5c574c7ae4b9d56603f8399b31de732167007e42fc17decc5cc6a"),
        new("p/python-tomli/python3-tomli_2.0.1-2_all.deb", "449d097503c7ea329fab4398f3cd1599fd1f7aa6fcbde8d1ad25a7b08cb8b6af"),
        new("p/python-pyelftools/python3-pyelftools_0.32-1_all.deb", "812d79302b70b375e69b44ee19d2625f1da61f69165567bf4617e7a7dc393005"),
        new("p/python-auditwheel/python3-auditwheel_6.7.0+ds1-2_all.deb", "c72aec2ac32e1ee2140cdf345c347ed57b25557706628319f0e3b51fd85aed73"),
    ];

    /// <summary>Why the archive gives the base no CPython for a tag.</summary>
    public static string WhyNot(CPythonTag tag) => tag switch
    {
        { FreeThreaded: true, Minor: < 13 } => $"CPython 3.{tag.Minor} has no free-threaded build (that came with 3.13)",
        { FreeThreaded: true } => $"the archive serves no CPython 3.{tag.Minor} source (its tarballs answer 404) and Debian builds no free-threaded 3.{tag.Minor}",
        _ => $"no suite of the Debian archive this machine reaches has CPython 3.{tag.Minor}",
    };

    /// <summary>
    /// setuptools 78.1.1 as released (the .orig of trixie's source package, with its vendored packages and
    /// egg-info): Debian's python3-setuptools, wheel file included, is patched for Debian's own interpreters
    /// (install_layout, prefix_option of their distutils) and fails on a CPython compiled from source.
    /// </summary>
    public static readonly ArchiveFile Setuptools = new("s/setuptools/setuptools_78.1.1.orig.tar.gz", "fcc17fd9cd898242f6b4adfaca46137a9edef687f43e6f78469692a5e70d851d");
}
