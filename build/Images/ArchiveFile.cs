namespace Wheelsmith.Images;

/// <summary>
/// A file of the Debian archive, by its path under pool/main and the SHA-256 its suite's index
/// gives: an upstream source tarball (a source package's .orig) or an architecture-independent
/// package. Pinned, so that what is built is known before anything is fetched.
/// </summary>
public sealed record ArchiveFile(string PoolPath, string Sha256)
{
    public string FileName => PoolPath[(PoolPath.LastIndexOf('/') + 1)..];

    public string Url(string mirror) => $"{mirror.TrimEnd('/')}/pool/main/{PoolPath}";
}
