namespace Wheelsmith.Options;

/// <summary>A bad option value, reported as one line before any work starts, naming where it was given.</summary>
public sealed class OptionException(string option, string message, string? label = null) : Exception($"{label ?? "--" + option}: {message}"), IExitCode
{
    public int ExitCode => ExitCodes.BadInput;

    public string Option { get; } = option;

    public string Detail { get; } = message;

    public static OptionException Rejected(string option, string value, string accepted) =>
        new(option, $"'{value}' is not accepted; expected {accepted}");

    /// <summary>The same error, named by where the value came from (WHEELSMITH_ARCH, a file's key) rather than the flag.</summary>
    public OptionException From(OptionSource source) => new(Option, Detail, source.Label);
}
