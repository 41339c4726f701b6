using Cake.Common.Diagnostics;
using Cake.Core;

namespace Wheelsmith.Images;

/// <summary>
/// The cache's source folder (&lt;cache&gt;/sources): archive files fetched once and checked against
/// their pinned SHA-256, and tarballs a user drops there by hand.
/// </summary>
public static class ArchiveFiles
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(10) };

    public static string Folder(string cache) => Path.Combine(cache, "sources");

    /// <summary>The file's path in <paramref name="folder"/>, fetched from the archive when it is missing or not what is pinned.</summary>
    public static string Ensure(ICakeContext context, string mirror, string folder, ArchiveFile file)
    {
        var path = Path.Combine(folder, file.FileName);
        if (File.Exists(path) && CachedTarball.Sha256(path) == file.Sha256)
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        var url = file.Url(mirror);
        context.Information($"Fetching {url}.");
        var partial = $"{path}.{Environment.ProcessId}.partial";
        using (var response = Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CakeException($"The Debian archive answers {(int)response.StatusCode} for {url}; the pinned file is no longer served there. Put the file (SHA-256 {file.Sha256}) into {folder} to build without it.");
            }

            using var target = File.Create(partial);
            response.Content.ReadAsStream().CopyTo(target);
        }

        var actual = CachedTarball.Sha256(partial);
        if (actual != file.Sha256)
        {
            File.Delete(partial);
            throw new CakeException($"{url} has SHA-256 {actual}, not the pinned {file.Sha256}: not used.");
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }
}
