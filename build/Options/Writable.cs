using System.Runtime.InteropServices;

namespace Wheelsmith.Options;

/// <summary>Whether this process may write into a folder, asked of the kernel without writing anything.</summary>
internal static partial class Writable
{
    private const int WriteOk = 2;

    // access(2) also refuses root on a read-only file system or an immutable folder.
    public static bool Check(string directory) => OperatingSystem.IsWindows() || Access(directory, WriteOk) == 0;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
