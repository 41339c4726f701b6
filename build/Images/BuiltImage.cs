using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>An image that is ready, and what the probe run inside it reported (a test image has no MagickWand to report).</summary>
public sealed record BuiltImage(string Title, string Reference, string InputHash, string Outcome, IReadOnlyList<CPythonTag> CPythons, string? MagickWandVersion);
