namespace Wheelsmith.Options;

/// <summary>
/// A path option that differs per architecture: {arch} (x86_64, arm64) and {machine} (x86_64,
/// aarch64) are filled in for each architecture built, and each path is checked before any
/// container, a missing one named with its architecture.
/// </summary>
public static class ArchitecturePath
{
    public static string Expand(string template, Architecture architecture) =>
        template.Replace("{arch}", architecture.Name, StringComparison.Ordinal).Replace("{machine}", architecture.Machine, StringComparison.Ordinal);

    /// <summary>Checks the path of every architecture; returns the template, absolute, with its placeholders.</summary>
    public static string Check(string option, string template, IReadOnlyList<Architecture> architectures, string workingDirectory, Func<string, string> check)
    {
        if (!template.Contains("{arch}", StringComparison.Ordinal) && !template.Contains("{machine}", StringComparison.Ordinal))
        {
            return check(template);
        }

        foreach (var architecture in architectures)
        {
            try
            {
                check(Expand(template, architecture));
            }
            catch (OptionException exception)
            {
                throw new OptionException(option, $"for {architecture.Name}, {exception.Detail}");
            }
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(template, workingDirectory));
    }
}
