using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>The tasks that make images; named here because the plan says which of them a run needs.</summary>
public static class ImageTaskNames
{
    public const string X64 = "BuildX64Image";
    public const string Arm = "BuildArmImage";
    public const string Cross = "BuildCrossImage";
}

/// <summary>Which image: the build image of an architecture (--images on its base), the cross image, or the aarch64 test image.</summary>
public enum ImageKind
{
    Build,
    Cross,
    ArmTest,
}

/// <summary>What the cells of an architecture use an image for.</summary>
[Flags]
public enum ImageRoles
{
    /// <summary>The cells build, repair and install into a fresh environment in it.</summary>
    Build = 1,

    /// <summary>The cells' wheels are tested in it, in a clean container.</summary>
    Test = 2,
}

/// <summary>
/// One image a run needs: which task makes it, of which kind, for which architecture's cells and
/// for what; the CPythons of those cells (a base that compiles its CPythons gives the image only these);
/// and the before-all command run in it when the cells build there ({project} and {package} filled in), with its variables
/// and the environment its container's shell evaluates first (the first cell's, as cibuildwheel's).
/// </summary>
public sealed record PlannedImage(string Task, ImageKind Kind, Architecture Architecture, ImageRoles Roles, IReadOnlyList<CPythonTag> CPythons, string? BeforeAll,
    IReadOnlyList<string> BeforeAllEnvironment, EnvironmentScript? BeforeAllScript);
