using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>
/// The --plat value: a policy such as manylinux2014 or manylinux_2_28 applied to each
/// architecture, or one already naming its architecture (manylinux2014_x86_64), or auto.
/// </summary>
public sealed partial record PlatformSelection(string Policy)
{
    public const string Accepted = "auto, a policy (manylinux2014, manylinux_2_28, …) or a policy with the architecture (manylinux2014_x86_64, manylinux_2_28_aarch64)";

    public static readonly PlatformSelection Auto = new("auto");

    /// <summary>The auditwheel --plat value for one architecture.</summary>
    public string For(Architecture architecture) => Policy == "auto" ? "auto" : $"{Policy}_{architecture.Machine}";

    public static PlatformSelection Parse(string text, IReadOnlyList<Architecture> architectures)
    {
        if (text == "auto")
        {
            return Auto;
        }

        var match = PlatformPattern().Match(text);
        if (!match.Success)
        {
            throw OptionException.Rejected("plat", text, Accepted);
        }

        var architecture = match.Groups[2].Success ? Architecture.All.First(a => a.Machine == match.Groups[2].Value) : null;
        var other = architectures.FirstOrDefault(a => architecture is not null && a != architecture);
        if (other is not null)
        {
            throw new OptionException("plat", $"'{text}' is for {architecture!.Machine}, but --arch includes {other}; give the policy alone ({match.Groups[1].Value}) to use it for every architecture");
        }

        return new PlatformSelection(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^(manylinux1|manylinux2010|manylinux2014|manylinux_2_[0-9]{1,2})(?:_(x86_64|aarch64))?$")]
    private static partial Regex PlatformPattern();
}
