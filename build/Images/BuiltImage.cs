using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>A build image that is ready, and what a probe run inside it reported.</summary>
public sealed record BuiltImage(Architecture Architecture, string Reference, string Outcome, IReadOnlyList<CPythonTag> CPythons, string MagickWandVersion);
