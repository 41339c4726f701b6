using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>
/// The CPythons the base gives on this machine: the archive's (<see cref="Catalogue.Served"/>) and those compiled
/// from a release tarball dropped into the cache's source folder (Python-3.14.2.tar.xz, fetched elsewhere), which
/// is used like one from the archive. Per tag, the newest source wins (a dropped one over the archive's of the same
/// version: it was put there on purpose), and any source wins over Debian's build.
/// </summary>
public sealed partial record CPythonCatalogue(IReadOnlyList<CPythonSource> CPythons, string SourceFolder)
{
    // Hashing a tarball takes a tenth of a second; a run reads the catalogue several times.
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), string> Hashes = new();

    public static CPythonCatalogue In(string cache)
    {
        var folder = ArchiveFiles.Folder(cache);
        var sources = Catalogue.Served.Concat(Dropped(folder))
            .GroupBy(source => source.Tag)
            .Select(tag => tag.OfType<CompiledCPython>().OrderByDescending(source => Version.Parse(source.Version)).ThenBy(Catalogue.Served.Contains).FirstOrDefault()
                ?? tag.First())
            .OrderBy(source => source.Tag);
        return new([.. sources], folder);
    }

    public IEnumerable<CPythonTag> Tags => CPythons.Select(source => source.Tag);

    /// <summary>The CPython the base gives for a tag, or null when it has none.</summary>
    public CPythonSource? Find(CPythonTag tag) => CPythons.FirstOrDefault(source => source.Tag == tag);

    /// <summary>Why the base has no CPython for a tag, and how to give it one where a tarball can.</summary>
    public string WhyNot(CPythonTag tag) => tag is { FreeThreaded: true, Minor: < 13 }
        ? Catalogue.WhyNot(tag)
        : $"{Catalogue.WhyNot(tag)}; to compile it here, put its release tarball (Python-3.{tag.Minor}.N.tar.xz from python.org) into {SourceFolder}";

    /// <summary>What --cpython=all says on this base: the CPythons of a registry base it cannot give, and why.</summary>
    public string NotGiven =>
        $"--base=local-manylinux_2_31 gives {string.Join(", ", Tags)}; not "
        + string.Join("; ", BasePolicy.RegistryCPythons.Where(tag => Find(tag) is null).Select(tag => $"{tag}: {Catalogue.WhyNot(tag)}"))
        + $". A CPython release tarball put into {SourceFolder} is compiled like the archive's.";

    // A dropped CPython 3.13 or newer gives its free-threaded build too, as the archive's 3.13 does.
    private static IEnumerable<CompiledCPython> Dropped(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.EnumerateFiles(folder).Select(path => (Path: path, Match: TarballName().Match(Path.GetFileName(path))))
            .Where(file => file.Match.Success)
            .SelectMany(file =>
            {
                var minor = int.Parse(file.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var tarball = new ArchiveFile(Path.GetFileName(file.Path), Sha256(file.Path));
                var version = $"3.{minor}.{file.Match.Groups[2].Value}";
                return (minor >= 13 ? new[] { false, true } : [false]).Select(freeThreaded => new CompiledCPython(new(minor, freeThreaded), version, tarball));
            });

    private static string Sha256(string path)
    {
        var file = new FileInfo(path);
        return Hashes.GetOrAdd((path, file.Length, file.LastWriteTimeUtc), _ => CachedTarball.Sha256(path));
    }

    [GeneratedRegex(@"^Python-3\.(\d+)\.(\d+)\.(?:tar\.xz|tar\.gz|tgz)$")]
    private static partial Regex TarballName();
}
