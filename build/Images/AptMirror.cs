using Cake.Core;

namespace Wheelsmith.Images;

/// <summary>The Debian archive this machine's apt already uses, so no host name is written into the tool.</summary>
public static class AptMirror
{
    public static string Find(string sourcesDirectory = "/etc/apt")
    {
        var lines = Directory.Exists(Path.Combine(sourcesDirectory, "sources.list.d"))
            ? Directory.EnumerateFiles(Path.Combine(sourcesDirectory, "sources.list.d")).SelectMany(File.ReadLines)
            : [];
        var list = Path.Combine(sourcesDirectory, "sources.list");
        if (File.Exists(list))
        {
            lines = lines.Concat(File.ReadLines(list));
        }

        var uris = lines.Select(l => l.Trim())
            .SelectMany(l => l.StartsWith("URIs:", StringComparison.Ordinal) ? l[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : l.StartsWith("deb ", StringComparison.Ordinal) ? l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Contains("://")).Take(1)
                : []);
        return uris.FirstOrDefault(u => u.TrimEnd('/').EndsWith("/debian", StringComparison.Ordinal))
            ?? throw new CakeException($"--base=local needs a Debian archive, and none is named in {sourcesDirectory}/sources.list(.d): add one, or use --base=manylinux2014.");
    }
}
