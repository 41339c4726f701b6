namespace Wheelsmith.Options;

/// <summary>A bad command-line value, reported as one line before any work starts.</summary>
public sealed class OptionException(string option, string message) : Exception($"--{option}: {message}")
{
    public string Option { get; } = option;

    public static OptionException Rejected(string option, string value, string accepted) =>
        new(option, $"'{value}' is not accepted; expected {accepted}");
}
