namespace Wheelsmith.Images;

/// <summary>
/// mmdebstrap's extract variant: packages and their dependencies unpacked, no package script run, so a foreign
/// architecture needs no QEMU (seconds). The merged-/usr hook puts the loader where binaries name it.
/// </summary>
public static class MmdebstrapExtract
{
    /// <summary>The arguments before the target folder and the mirror, in the order the cached trees' hashes were made of.</summary>
    public static IReadOnlyList<string> Arguments(string debianArch, IEnumerable<string> packages, string suite) =>
    [
        "--mode=root", "--variant=extract", $"--architectures={debianArch}",
        "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr", "--aptopt=Acquire::Check-Valid-Until \"false\"",
        "--include=" + string.Join(',', packages), suite,
    ];
}
