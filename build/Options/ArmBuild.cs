namespace Wheelsmith.Options;

/// <summary>How aarch64 wheels are built and repaired on an x86_64 host.</summary>
public enum ArmBuild
{
    /// <summary>In an x86_64 container with the aarch64 cross toolchain, natively; only the test runs under QEMU.</summary>
    Cross,

    /// <summary>In the aarch64 image, every step under QEMU (natively on an aarch64 host).</summary>
    Emulated,
}
