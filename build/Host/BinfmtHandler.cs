namespace Wheelsmith.Host;

/// <summary>The kernel's registration of an emulator for a foreign architecture (binfmt_misc).</summary>
public sealed record BinfmtHandler(bool Enabled, string Interpreter, string Flags)
{
    public const string Directory = "/proc/sys/fs/binfmt_misc";
    public const string Aarch64 = Directory + "/qemu-aarch64";

    /// <summary>The image whose privileged container registers QEMU's handlers, where update-binfmts cannot.</summary>
    public const string RegistrationImage = "multiarch/qemu-user-static";

    /// <summary>With F the kernel holds the interpreter open, so images need no copy of it.</summary>
    public bool FixBinary => Flags.Contains('F');

    /// <summary>
    /// The emulator an aarch64 image's build context or chroot must carry: the handler's interpreter
    /// when it lacks the F flag (the kernel then looks for it inside), else null. Read when needed,
    /// after PrepareQemu made the handler ready.
    /// </summary>
    public static string? InterpreterToStage() => Read() is { Enabled: true, FixBinary: false } handler ? handler.Interpreter : null;

    public static bool IsMounted => File.Exists(Path.Combine(Directory, "register"));

    public static BinfmtHandler? Read(string path = Aarch64)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? string.Empty;
        return new BinfmtHandler(lines.Contains("enabled"), Field("interpreter"), Field("flags:"));
    }
}
