using System.Runtime.InteropServices;
using Cake.Core;

namespace Wheelsmith.Host;

/// <summary>Files this tool writes for the invoking user belong to that user, also when it runs as root through sudo.</summary>
public static partial class Ownership
{
    public static void GiveTo(string path, InvokingUser user)
    {
        if (Environment.IsPrivilegedProcess && user.Uid != 0 && Chown(path, user.Uid, user.Gid) != 0)
        {
            throw new CakeException($"could not give {path} to uid {user.Uid}");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);
}
