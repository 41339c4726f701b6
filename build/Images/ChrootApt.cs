namespace Wheelsmith.Images;

/// <summary>Apt in a chroot of a cached root, natively: how the cross roots add a foreign architecture's development files.</summary>
public static class ChrootApt
{
    /// <summary>
    /// The parent root extracted into <paramref name="tree"/>, the architecture added and the packages installed.
    /// The chroot reaches the archive the root was bootstrapped from (its sources.list) through the host's resolver.
    /// </summary>
    public static IReadOnlyList<HostStep> AddArchitecture(string tree, string parentTarball, string debianArch, IReadOnlyList<string> packages) =>
    [
        new("mkdir", "-p", tree),
        new("tar", "--numeric-owner", "-xf", parentTarball, "-C", tree),
        new("install", "-m", "0644", "/etc/resolv.conf", Path.Combine(tree, "etc", "resolv.conf")),
        new("chroot", tree, "dpkg", "--add-architecture", debianArch),
        new("chroot", tree, "apt-get", "-o", "Acquire::Check-Valid-Until=false", "update"),
        new("chroot", [tree, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends", .. packages]),
        new("chroot", tree, "apt-get", "clean"),
    ];

    /// <summary>Removes the package lists apt fetched: they are large and stale by the next run.</summary>
    public static void ForgetPackageLists(string tree)
    {
        foreach (var list in Directory.EnumerateFiles(Path.Combine(tree, "var", "lib", "apt", "lists")))
        {
            File.Delete(list);
        }
    }
}
