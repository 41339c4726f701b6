namespace Wheelsmith.Options;

/// <summary>A target architecture and the names each tool in the chain gives it.</summary>
public sealed record Architecture(string Name, string Machine, string DebianArch, string[] Aliases)
{
    public static readonly Architecture X86_64 = new("x86_64", "x86_64", "amd64", ["amd64", "x64"]);
    public static readonly Architecture Arm64 = new("arm64", "aarch64", "arm64", ["aarch64"]);
    public static readonly IReadOnlyList<Architecture> All = [X86_64, Arm64];

    public const string Accepted = "x86_64 (or amd64, x64), arm64 (or aarch64), a comma list of these, or all";

    public static Architecture? Find(string name) =>
        All.FirstOrDefault(a => a.Name == name || a.Aliases.Contains(name));

    /// <summary>The architecture this process runs on, as the kernel names it to containers.</summary>
    public static Architecture? Host => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => X86_64,
        System.Runtime.InteropServices.Architecture.Arm64 => Arm64,
        _ => null,
    };

    public override string ToString() => Name;
}
