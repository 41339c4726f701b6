using System.Text;
using Wheelsmith.Options;

namespace Wheelsmith.Host;

/// <summary>
/// The CPU QEMU emulates for the aarch64 programs of this host's containers. QEMU's default, "max",
/// authenticates pointers with the architected QARMA5 algorithm, computed in software at every call
/// and return of code built with branch protection, which is all of Debian's arm64 packages: an
/// emulated Python spent about three quarters of its time there (importing setuptools and auditwheel
/// took 16 to 21 s, and 5.5 to 6.7 s with this setting). The same "max" CPU with QEMU's
/// implementation-defined algorithm has the same features, so a build sees the same machine and
/// makes the same bytes; only the signatures differ, which no program can rely on. Given to every
/// process the tool starts in a container that runs under emulation, when the host's emulator knows
/// the setting (QEMU's own advice for TCG; its later releases made it the default); a project's own
/// QEMU_CPU (--env) comes after it and wins.
/// </summary>
public static class EmulatedCpu
{
    public const string Variable = "QEMU_CPU";

    public const string Model = "max,pauth-impdef=on";

    private const string Property = "pauth-impdef";

    // Read once, when the first emulated container runs: PrepareQemu has registered the handler by then.
    private static readonly Lazy<bool> Known = new(() =>
        BinfmtHandler.Read() is { Enabled: true } handler && File.Exists(handler.Interpreter) && Mentions(handler.Interpreter, Property));

    /// <summary>What a process of a container that runs as <paramref name="machine"/> gets first in its environment.</summary>
    public static IReadOnlyList<string> Environment(Architecture machine) =>
        machine != Architecture.Host && Known.Value ? [$"{Variable}={Model}"] : [];

    // The emulator's property names are strings in its binary; one it lacks would stop every emulated program.
    private static bool Mentions(string file, string text)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
    }
}
