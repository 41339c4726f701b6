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
    /// setuptools 78.1.1 as released (the .orig of trixie's source package, with its vendored packages and
    /// egg-info): Debian's python3-setuptools, wheel file included, is patched for Debian's own interpreters
    /// (install_layout, prefix_option of their distutils) and fails on a CPython compiled from source.
    /// </summary>
    public static readonly ArchiveFile Setuptools = new("s/setuptools/setuptools_78.1.1.orig.tar.gz", "fcc17fd9cd898242f6b4adfaca46137a9edef687f43e6f78469692a5e70d851d");

    private const string Below311 = "python_version < \"3.11\"";

    /// <summary>
    /// What every CPython of the base imports, each package unpacked into a folder of its own (<see cref="CarriedTree"/>): the
    /// build frontend and auditwheel (the newest that run on CPython 3.9: trixie's, auditwheel unstable's, tomli bookworm's),
    /// then the build backends and test tools as --base=local carries them (Debian unstable's), and for CPython 3.9, which
    /// several of those no longer support, trixie's versions of them. A CPython sees, per name, the first that runs on it.
    /// </summary>
    public static readonly CarriedCatalogue Carried = new("build/Manylinux231/Catalogue.cs",
    [
        Deb("build", "python3-build", "1.2.2-2", "1.2.2", "p/python-build", "398f05b1681a6d36b6e5b16e821a803b80582a6c61d91d52b4b886430cf007cd",
            ["packaging>=19.1", "pyproject-hooks", "colorama; os_name == \"nt\"", "importlib-metadata>=4.6; python_full_version < \"3.10.2\"", $"tomli>=1.1.0; {Below311}"]),
        Deb("wheel", "python3-wheel", "0.46.1-2", "0.46.1", "w/wheel", "17b788ad15f8231e5058ed386cd6841d42b31937075b56caf4cf63263910e992", ["packaging>=24.0"]),
        Deb("installer", "python3-installer", "0.7.0+dfsg1-3", "0.7.0", "p/python-installer", "0fb5d2cc9a2f26e86b20ad3f84628791ed12000c833eeb927074d2ced7f2406e", []),
        Deb("packaging", "python3-packaging", "25.0-1", "25.0", "p/python-packaging", "d70c8469f6e9c6105e1ebcd3ebdc963f11dadbeddd89d2d1a2a3cb1c97d2ecbc", []),
        Deb("pyproject-hooks", "python3-pyproject-hooks", "1.2.0-1", "1.2.0", "p/python-pyproject-hooks", "c31cbf03858dbbc8000f528fa785ba6c04bf9410f38270354df3537eef2ccffc", []),
        Deb("importlib-metadata", "python3-importlib-metadata", "8.7.0-1", "8.7.0", "p/python-importlib-metadata", "f895d1f4901176f5e75614bf95b98ccc2a6cd5017ba5ec727b29f281d29be1cd", ["zipp>=3.20"]),
        Deb("zipp", "python3-zipp", "3.21.0-1", "3.21.0", "p/python-zipp", "6cd0f768a5e5c574c7ae4b9d56603f8399b31de732167007e42fc17decc5cc6a", []),
        Deb("tomli", "python3-tomli", "2.0.1-2", "2.0.1", "p/python-tomli", "449d097503c7ea329fab4398f3cd1599fd1f7aa6fcbde8d1ad25a7b08cb8b6af", []),
        Deb("pyelftools", "python3-pyelftools", "0.32-1", "0.32", "p/python-pyelftools", "812d79302b70b375e69b44ee19d2625f1da61f69165567bf4617e7a7dc393005", []),
        Deb("auditwheel", "python3-auditwheel", "6.7.0+ds1-2", "6.7.0+ds1", "p/python-auditwheel", "c72aec2ac32e1ee2140cdf345c347ed57b25557706628319f0e3b51fd85aed73", ["packaging>=20.9", "pyelftools>=0.24"]) with { RequiresPython = ">=3.10" },
        new("setuptools", "setuptools", "78.1.1", "78.1.1", []) { Archive = Setuptools },

        // Debian unstable's, as --base=local has them; Cython's compiled modules are left out (CarriedTree), so it runs as Python on every CPython.
        Unpacked("cython", "c/cython/cython3_3.1.6+dfsg-4_amd64.deb", "1140dc568b377402d85c8134a7363937c4c2c3ae20c8b872433aa4ff8b0c845a") with { Pure = true },
        Unpacked("pybind11", "p/pybind11/python3-pybind11_3.1.0-2_all.deb", "1ff33dea33b6f07f42b502e630d5c59310a7bc6c1e1486c37c7ddf9a506a7d41"),
        Unpacked("setuptools-scm", "s/setuptools-scm/python3-setuptools-scm_9.2.2-2_all.deb", "c24bf0490ac5404e102a392df452558e456f1bd6f0e7fa3e86c4ce0564d02b20"),
        Unpacked("scikit-build-core", "s/scikit-build-core/python3-scikit-build-core_0.12.2-1_all.deb", "8dd8c92aacb1bf1c945259398224c0dca6377b87f617861bf1a20194ac59becd"),
        Unpacked("meson-python", "m/meson-python/python3-mesonpy_0.22.1-1_all.deb", "6aa14ea9888bad29103239e2fea4ea339849089ed657cc99aabb97b9c0895b74"),
        Unpacked("meson", "m/meson/meson_1.12.1-2_all.deb", "3fdbe63dacb2ae5a973a44a5c6955dfd940e20bf8464a24fb9a58e01127a634c"),
        Unpacked("pyproject-metadata", "p/pyproject-metadata/python3-pyproject-metadata_0.12.1-1_all.deb", "4c8cded2643fa3671465d5d2c55c44eaa7bf7174c34a302b301e8ab105991895"),
        Unpacked("pathspec", "p/python-pathspec/python3-pathspec_1.1.1-3_all.deb", "070884b2ec26aa554b0514a38f5b7c68792f2244f9093e2f7387257f6b1130d9"),
        Unpacked("hatchling", "h/hatchling/python3-hatchling_1.32.4-1_all.deb", "c7e19e2a5ad4c8635df4d98335309b0402e9323df8483532070b1ef92fe06252"),
        Unpacked("tomlkit", "p/python-tomlkit/python3-tomlkit_0.13.3-3_all.deb", "678362862effeb4580d0c7fc3160c2754e57f119d49dedf6304773e915d7d6dd"),
        Unpacked("trove-classifiers", "t/trove-classifiers/python3-trove-classifiers_2026.9.21.13-1_all.deb", "83aa94716e78f690edf82253e563c4a8a49f806bb66d53b32f4cf6b056bd5c05"),
        Unpacked("flit-core", "f/flit/python3-flit_4.1.0-4_all.deb", "4f8acd8a9e9163a16e5bea847a66f2af246372e2296b6aea517b205918e47ee5"),
        Unpacked("poetry-core", "p/poetry-core/python3-poetry-core_2.3.1-3_all.deb", "7d0390ce465e670bc2429f158b23b4d9339b804fbe4955519fd93a1fb81e45cf"),
        Unpacked("pytest", "p/pytest/python3-pytest_9.1.1-1_all.deb", "878b10659954dd1903142ecf9587c6b2c8fa5b3569becf313460d297fc9c47cc"),
        Unpacked("iniconfig", "p/python-iniconfig/python3-iniconfig_2.1.0-2_all.deb", "ff5374ac37180f6b01ab91a20062bfb7b4678ef8bfd80623fdd9164a03a87839"),
        Unpacked("pluggy", "p/python-pluggy/python3-pluggy_1.6.0-2_all.deb", "da98f4bb950e0c265f32c8b5aa9d7e7dcbe7278161cd6c5289869c8722b5d075"),
        Unpacked("pygments", "p/pygments/python3-pygments_2.20.0+dfsg-2_all.deb", "86d35bdd58c1c4366a9d3ba2dfda6e7c6b1e3a97c25bf3dd79b50cdf726fd327"),
        Unpacked("hypothesis", "p/python-hypothesis/python3-hypothesis_6.155.7-1_all.deb", "6b5181603b3227e3f54cbe0deb2a326b7635033293cc1a5b153e6cd2f2ff5477"),
        Unpacked("sortedcontainers", "s/sortedcontainers/python3-sortedcontainers_2.4.0-3_all.deb", "bb9e939f2585d5e903daf58cb49fef894a395ad035a7529437815690f66432b2"),
        Deb("typing-extensions", "python3-typing-extensions", "4.16.0-5", "4.16.0", "p/python-typing-extensions", "8c2d6b5c174b030ff4fb666eacff5907692961a760a00ce704d59e015c0e52a3", []) with { RequiresPython = ">=3.9" },

        // For CPython 3.9, trixie's: the unstable ones above need 3.10. exceptiongroup, built into 3.11, is not in unstable at all.
        Deb("exceptiongroup", "python3-exceptiongroup", "1.2.2-1", "1.2.2", "p/python-exceptiongroup", "bbe83be6442ce748b060ab4968b672054479c02840f5ee16e7308c858731f900", []),
        Deb("meson-python", "python3-mesonpy", "0.17.1-1", "0.17.1", "m/meson-python", "2a1a39d83a562bf61562c44f5e97b02472723a67592c393fbb656a9a9ef59e16",
            ["meson>=0.63.3; python_version < \"3.12\"", "meson>=1.2.3; python_version >= \"3.12\"", "packaging>=19.0", "pyproject-metadata>=0.7.1", $"tomli>=1.0.0; {Below311}"]),
        Deb("hatchling", "python3-hatchling", "1.27.0-1", "1.27.0", "h/hatchling", "3cae864c83fc459a03da884419bffe5f8cea1175778a0a9c52a1c6bf28000e22",
            ["packaging>=24.2", "pathspec>=0.10.1", "pluggy>=1.0.0", $"tomli>=1.2.2; {Below311}", "trove-classifiers"]),
        Deb("poetry-core", "python3-poetry-core", "2.1.2-2", "2.1.2", "p/poetry-core", "84e1d1e2a6d36119e1d1c2550b64d3ef9c6d92a1b9a1b61712ffc026a9b9a2db", []) with { RequiresPython = ">=3.9,<4.0" },
        Deb("pytest", "python3-pytest", "8.3.5-2", "8.3.5", "p/pytest", "f933f7b38d1fd2c140684a44fecc7aa23cd6d08364604384c14c4cc21de8f8f9",
            [$"exceptiongroup>=1.0.0rc8; {Below311}", "iniconfig", "packaging", "pluggy<2,>=1.5", $"tomli>=1; {Below311}"]),
        Deb("hypothesis", "python3-hypothesis", "6.130.5-2", "6.130.5", "p/python-hypothesis", "fc302cc434e7ea073641b5199cccd42301f98d40b2329a8febb56957c439f408",
            ["attrs>=22.2.0", $"exceptiongroup>=1.0.0; {Below311}", "sortedcontainers<3.0.0,>=2.1.0"]) with { RequiresPython = ">=3.9" },
        Deb("attrs", "python3-attr", "25.3.0-1", "25.3.0", "p/python-attrs", "72cee7fff9e57e8410956e3071ffe910d9de14ddedf14d598a616319428b369c", []),
    ],
    [
        // Debian 11's: CMake from the build root, Ninja unpacked beside the distributions (CarriedTree).
        new("cmake", "cmake", "3.18.4-2+deb11u1"),
        new("ninja", "ninja-build", "1.10.1-1"),
    ]);

    /// <summary>Debian 11's Ninja, one program linked with Debian 11's C++ runtime.</summary>
    public static readonly ArchiveFile Ninja = new("n/ninja-build/ninja-build_1.10.1-1_amd64.deb", "54e7ab6ca81951f3de4e3d41666409647ad619319dd43f6cc66c1694c849eca3");

    // A package unpacked from its pool folder, the file named as Debian names an architecture-independent one.
    private static CarriedDistribution Deb(string name, string package, string debianVersion, string version, string pool, string sha256, IReadOnlyList<string> requires) =>
        new(name, package, debianVersion, version, requires) { Archive = new($"{pool}/{package}_{debianVersion}_all.deb", sha256) };

    // The same package as --base=local installs, unpacked instead.
    private static CarriedDistribution Unpacked(string name, string poolPath, string sha256) =>
        OfflineCatalogue.Entry(name) with { Archive = new(poolPath, sha256) };

    /// <summary>Why the archive gives the base no CPython for a tag.</summary>
    public static string WhyNot(CPythonTag tag) => tag switch
    {
        { FreeThreaded: true, Minor: < 13 } => $"CPython 3.{tag.Minor} has no free-threaded build (that came with 3.13)",
        { FreeThreaded: true } => $"the archive serves no CPython 3.{tag.Minor} source (its tarballs answer 404) and Debian builds no free-threaded 3.{tag.Minor}",
        _ => $"no suite of the Debian archive this machine reaches has CPython 3.{tag.Minor}",
    };

}
