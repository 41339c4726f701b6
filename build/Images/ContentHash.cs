using System.Security.Cryptography;
using System.Text;

namespace Wheelsmith.Images;

/// <summary>A SHA-256 over named parts: strings, and files with their path and executable bit.</summary>
public sealed class ContentHash
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ContentHash Add(string name, string value)
    {
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        foreach (var part in new[] { name, value })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            _hash.AppendData(BitConverter.GetBytes(bytes.Length));
            _hash.AppendData(bytes);
        }

        return this;
    }

    /// <summary>Every file under <paramref name="directory"/>, in a fixed order.</summary>
    public ContentHash AddTree(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, file);
            var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
            Add("file", $"{relative}:{(executable ? "x" : "-")}");
            _hash.AppendData(File.ReadAllBytes(file));
        }

        return this;
    }

    public string Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());
}
