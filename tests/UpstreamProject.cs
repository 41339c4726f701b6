using Wheelsmith.Images;

namespace Wheelsmith.Tests;

/// <summary>
/// A real open-source project with a C extension, as its upstream released it: the source tarball
/// Debian's archive keeps for it, pinned by the SHA-256 the archive's index gives, fetched once into
/// the cache (as the build fetches its own sources) and unpacked unchanged into a folder of the test.
/// </summary>
internal sealed record UpstreamProject(string Name, ArchiveFile Tarball)
{
    /// <summary>crc32c 2.7.1 (ICRAR/crc32c): the GitHub release tarball, its workflows and tests included.</summary>
    public static readonly UpstreamProject Crc32c = new("crc32c", new("p/python-crc32c/python-crc32c_2.7.1.orig.tar.gz",
        "41f9d55c03121862a191a06ef92463ab3dcfa23a639953a89ae10e04dff55848"));

    /// <summary>
    /// pycryptodome 3.20.0, an abi3 project (py_limited_api, cp35-abi3 wheels): Debian's repack, which differs from
    /// the upstream tag only by the documentation theme it leaves out.
    /// </summary>
    public static readonly UpstreamProject Pycryptodome = new("pycryptodome", new("p/pycryptodome/pycryptodome_3.20.0+dfsg.orig.tar.xz",
        "f7d907ec53696f7559fb9a1b19d61f55f7aff053f3196be5bf8dff83bc049a16"));

    /// <summary>Unpacks the project into <paramref name="folder"/> and returns its top folder, the project's root.</summary>
    public string UnpackInto(string folder)
    {
        var cache = Path.Combine(OptionsTests.Parse().Get(Options.OptionDeclarations.Cache), "tests", "upstream");
        var tarball = ArchiveFiles.Ensure(new GitContext(), AptMirror.Find(), cache, Tarball);
        var unpacked = BuildProcess.Exec("tar", ["-xf", tarball, "-C", folder]);
        Assert.That(unpacked.ExitCode, Is.Zero, unpacked.ToString());
        return Directory.GetDirectories(folder).Single();
    }
}
