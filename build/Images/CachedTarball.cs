using System.Security.Cryptography;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Wheelsmith.Images;

/// <summary>
/// A root file system tarball in the cache, with its SHA-256 kept beside it (&lt;tarball&gt;.sha256,
/// written before the tarball takes its name): a truncated or altered tarball is found before it is
/// imported or derived from, said in a line, and removed so that it is made again. A tarball an
/// earlier version cached without a record is read whole by tar once, then recorded.
/// </summary>
public static class CachedTarball
{
    /// <summary>True when <paramref name="tarball"/> is there and whole; a damaged one is removed.</summary>
    public static bool Intact(ICakeContext context, string tarball)
    {
        if (!File.Exists(tarball))
        {
            return false;
        }

        var record = RecordPath(tarball);
        string? damage = null;
        if (File.Exists(record))
        {
            var recorded = File.ReadAllText(record).Split(' ', 2)[0].Trim();
            damage = Sha256(tarball) == recorded ? null : $"its SHA-256 is not the {recorded[..Math.Min(12, recorded.Length)]}… recorded when it was made";
        }
        else if (ReadsWhole(context, tarball))
        {
            Record(tarball, tarball);
        }
        else
        {
            damage = "tar cannot read it whole";
        }

        if (damage is null)
        {
            return true;
        }

        context.Warning($"Cached root file system {tarball} is damaged ({damage}); removing it and making it again.");
        Remove(tarball);
        return false;
    }

    /// <summary>Removes a tarball and its record.</summary>
    public static void Remove(string tarball)
    {
        File.Delete(tarball);
        File.Delete(RecordPath(tarball));
    }

    /// <summary>Keeps the SHA-256 of <paramref name="file"/> as the record of <paramref name="tarball"/>, the name it is to have.</summary>
    public static void Record(string file, string tarball) =>
        File.WriteAllText(RecordPath(tarball), $"{Sha256(file)}  {Path.GetFileName(tarball)}\n");

    private static string RecordPath(string tarball) => tarball + ".sha256";

    private static bool ReadsWhole(ICakeContext context, string tarball)
    {
        var listing = Host.HostCommand.Settings(["-tf", tarball]);
        listing.RedirectStandardOutput = true;
        listing.RedirectStandardError = true;
        return Cake.Common.ProcessAliases.StartProcess(context, "tar", listing) == 0;
    }

    /// <summary>A file's SHA-256, as sha256sum prints it.</summary>
    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
