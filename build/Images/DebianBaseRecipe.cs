using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// A manylinux-shaped base image made from Debian unstable, for machines that reach no
/// container registry: it has CPython 3.13 and 3.14, build, auditwheel, patchelf and ImageMagick 7.
/// Everything is installed at bootstrap because image builds on such machines have no network.
/// </summary>
public sealed record DebianBaseRecipe(Architecture Architecture)
{
    public const string Suite = "unstable";

    /// <summary>The CPythons of the image: each has its -dev and -venv packages below.</summary>
    public static readonly IReadOnlyList<CPythonTag> CPythons = [new(13, false), new(14, false)];

    public static readonly IReadOnlyList<string> Packages =
    [
        .. CPythons.Select(p => $"python3.{p.Minor}-dev"),
        .. CPythons.Select(p => $"python3.{p.Minor}-venv"),
        "python3-build", "python3-setuptools", "python3-wheel", "python3-auditwheel",
        "patchelf", "gcc", "libc6-dev", "pkg-config", "libmagickwand-dev", "libpng-dev",
    ];

    /// <summary>Bump when the layout step below changes, so existing bases are not reused.</summary>
    private const string LayoutVersion = "opt-python-symlinks/1";

    public IReadOnlyList<string> DebootstrapArguments =>
        [$"--arch={Architecture.DebianArch}", "--variant=minbase", "--include=" + string.Join(',', Packages), Suite];

    /// <summary>
    /// The host commands that make the root file system in <paramref name="rootfs"/>. Given an emulator
    /// (a binfmt handler without the F flag, so the kernel looks for it inside the chroot), the foreign
    /// second stage runs with a copy of it at the handler's path, removed afterwards.
    /// </summary>
    public IReadOnlyList<(string Program, string[] Arguments)> BootstrapCommands(string rootfs, string mirror, string? emulator) =>
        emulator is null
            ? [("debootstrap", [.. DebootstrapArguments, rootfs, mirror])]
            :
            [
                ("debootstrap", ["--foreign", .. DebootstrapArguments, rootfs, mirror]),
                ("install", ["-D", "-m", "0755", emulator, rootfs + emulator]),
                ("chroot", [rootfs, "/debootstrap/debootstrap", "--second-stage"]),
                ("rm", ["-f", rootfs + emulator]),
            ];

    public string Hash => new ContentHash()
        .Add("debootstrap", string.Join(' ', DebootstrapArguments))
        .Add("layout", LayoutVersion)
        .Hex();

    public string Reference => $"wheelsmith/debian-{Suite}-{Architecture.DebianArch}:{Hash[..16]}";

    /// <summary>The root file system, kept between runs and machines that share the cache.</summary>
    public string TarballName => $"debian-{Suite}-{Architecture.DebianArch}-{Hash[..16]}.tar";

    /// <summary>Gives the root file system the manylinux layout: /opt/python/cp3X-cp3X/bin/python.</summary>
    public static IReadOnlyList<CPythonTag> ApplyLayout(string rootfs)
    {
        var tags = Directory.EnumerateFiles(Path.Combine(rootfs, "usr", "bin"), "python3.*")
            .Select(Path.GetFileName)
            .Select(name => System.Text.RegularExpressions.Regex.Match(name!, @"^python3\.(\d+)$"))
            .Where(m => m.Success)
            .Select(m => new CPythonTag(int.Parse(m.Groups[1].Value), false))
            .Order()
            .ToList();
        foreach (var tag in tags)
        {
            var bin = Path.Combine(rootfs, "opt", "python", tag.Identifier, "bin");
            Directory.CreateDirectory(bin);
            File.CreateSymbolicLink(Path.Combine(bin, "python"), $"/usr/bin/python3.{tag.Minor}");
        }

        return tags;
    }
}
