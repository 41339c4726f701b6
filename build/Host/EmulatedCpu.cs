using System.Text;
using Wheelsmith.Options;

namespace Wheelsmith.Host;

/// <summary>
/// The CPU QEMU emulates for the aarch64 programs of this host's containers: an Arm Neoverse N1, the
/// core of the common aarch64 build and server machines (AWS Graviton2, Ampere Altra). QEMU's
/// default, "max", has every feature QEMU knows, and two of them cost an emulated program most of
/// its time: pointer authentication, computed in software at every call and return of code built
/// with branch protection (all of Debian's arm64 packages; an emulated Python spent three quarters
/// of its time there), and SVE, which glibc's string functions choose when present and which is slow
/// to emulate. The N1 has neither (the branch-protection instructions are hints it runs as no-ops),
/// so the emulated sample's build and repair took 19.3 to 19.5 s, against 21.7 s on "max" with
/// QEMU's cheaper pointer authentication (the setting used before) and far more on "max" alone. A
/// real machine is also the safer one to build on: a build that asks what the CPU can do is told what
/// most aarch64 hosts can, never SVE2 or SME. Compilers do not ask unless told to, and the sample's
/// emulated wheel is byte-identical on either CPU. Given to every process the tool starts in a
/// container that runs under emulation, when the host's emulator knows the model; a project's own
/// QEMU_CPU (--env) comes after it and wins.
/// </summary>
public static class EmulatedCpu
{
    public const string Variable = "QEMU_CPU";

    public const string Model = "neoverse-n1";

    // Read once, when the first emulated container runs: PrepareQemu has registered the handler by then.
    private static readonly Lazy<bool> Known = new(() =>
        BinfmtHandler.Read() is { Enabled: true } handler && File.Exists(handler.Interpreter) && Mentions(handler.Interpreter, Model));

    /// <summary>What a process of a container that runs as <paramref name="machine"/> gets first in its environment.</summary>
    public static IReadOnlyList<string> Environment(Architecture machine) =>
        machine != Architecture.Host && Known.Value ? [$"{Variable}={Model}"] : [];

    // The emulator's CPU models are strings in its binary; one it lacks would stop every emulated program.
    private static bool Mentions(string file, string text)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
    }
}
