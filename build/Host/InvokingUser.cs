namespace Wheelsmith.Host;

/// <summary>Who asked for the build: the sudo caller when run through sudo, else this process's user.</summary>
public sealed record InvokingUser(int Uid, int Gid)
{
    public static InvokingUser Current(Func<string, string?> environment)
    {
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        int Id(string field) => status.FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))?
            .Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(int.Parse).FirstOrDefault() ?? 0;
        var uid = Id("Uid");
        var gid = Id("Gid");
        return uid == 0 && int.TryParse(environment("SUDO_UID"), out var sudoUid) && int.TryParse(environment("SUDO_GID"), out var sudoGid)
            ? new InvokingUser(sudoUid, sudoGid)
            : new InvokingUser(uid, gid);
    }
}
