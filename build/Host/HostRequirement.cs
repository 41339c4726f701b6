namespace Wheelsmith.Host;

/// <summary>
/// A program a build needs on this host and the Debian package that brings it. A service (the
/// Docker engine) must also be answering.
/// </summary>
public sealed record HostRequirement(string What, string Program, string DebianPackage, Func<bool>? Answers = null)
{
    public bool IsInstalled => OnPath(Program);

    public bool IsPresent => IsInstalled && (Answers?.Invoke() ?? true);

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/usr/bin", "/sbin"])
        .Any(dir => File.Exists(Path.Combine(dir, program)));
}
