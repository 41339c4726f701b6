using System.Text.RegularExpressions;

namespace Wheelsmith.Options;

/// <summary>The options that choose what the images are built on: --base, the base image overrides, and --arm-build.</summary>
public static partial class BaseOptions
{
    public const string BaseAccepted =
        "manylinux2014 (quay.io/pypa images), local (Debian unstable bootstrapped here) or local-manylinux_2_31 (Debian 11 bootstrapped here, CPythons compiled on it)";

    public static BaseKind Base(string option, string text) =>
        Enum.GetValues<BaseKind>().Cast<BaseKind?>().FirstOrDefault(kind => kind!.Value.OptionValue() == text) ?? throw OptionException.Rejected(option, text, BaseAccepted);

    public static string ImageReference(string option, string text) =>
        ImageReferencePattern().IsMatch(text) ? text : throw OptionException.Rejected(option, text, "a Docker image reference such as quay.io/pypa/manylinux2014_x86_64 or name:tag");

    /// <summary>Cross needs the local cross image; manylinux2014 images carry no aarch64 cross toolchain. Null text: the default.</summary>
    public static ArmBuild ArmBuild(string option, string? text, BaseKind baseKind, bool armBaseImage)
    {
        var crossPossible = baseKind.IsLocal() && !armBaseImage && Architecture.Host != Architecture.Arm64;
        return text switch
        {
            null => crossPossible ? Options.ArmBuild.Cross : Options.ArmBuild.Emulated,
            "emulated" when baseKind == BaseKind.LocalManylinux231 && !armBaseImage => throw new OptionException(option,
                "'emulated' has no aarch64 build root on --base=local-manylinux_2_31 (its aarch64 CPythons are cross-compiled); expected cross, or --base=local"),
            "emulated" => Options.ArmBuild.Emulated,
            "cross" when crossPossible => Options.ArmBuild.Cross,
            "cross" when !baseKind.IsLocal() => throw new OptionException(option, "'cross' needs --base=local or local-manylinux_2_31 (the manylinux2014 images carry no aarch64 cross toolchain); expected emulated, or --base=local"),
            "cross" when armBaseImage => throw new OptionException(option, "'cross' builds in the local cross image, but --arm-base-image names an image to build in under emulation; expected emulated, or no --arm-base-image"),
            "cross" => throw new OptionException(option, "'cross' is for an x86_64 host; this aarch64 host builds arm64 natively; expected emulated"),
            _ => throw OptionException.Rejected(option, text, "cross or emulated"),
        };
    }

    // registry[:port]/path[:tag][@digest], lower case path as Docker requires.
    [GeneratedRegex(@"^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReferencePattern();
}
