namespace Wheelsmith.Images;

/// <summary>Labels on what this tool makes, so it can be found (and only it cleaned) later.</summary>
public static class ImageLabels
{
    public const string ToolName = "wheelsmith";
    public const string Tool = "io.wheelsmith.tool";
    public const string Inputs = "io.wheelsmith.inputs";
    public const string Recipe = "io.wheelsmith.recipe";
    public const string Revision = "org.opencontainers.image.revision";
    public const string BaseName = "org.opencontainers.image.base.name";
}
