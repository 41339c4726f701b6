using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Plan;
using Wheelsmith.Options;

namespace Wheelsmith.Report;

/// <summary>
/// &lt;output&gt;/wheels.json: what a run built, for a pipeline to read instead of the console. Its schema
/// is versioned (<see cref="SchemaVersion"/>) and described in docs/ci-and-report.md; a field is added without a
/// new version, renamed or removed only with one.
/// </summary>
public sealed record RunReport(
    int Schema,
    RunReport.ToolInfo Tool,
    RunReport.SourceInfo Source,
    IReadOnlyDictionary<string, object?> Options,
    IReadOnlyList<RunReport.ImageInfo> Images,
    IReadOnlyList<RunReport.CellInfo> Cells)
{
    public const int SchemaVersion = 1;

    public const string FileName = "wheels.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The report of a run: its plan, the images made ready and the cells' results in the plan's order.</summary>
    public static RunReport From(RunPlan plan, SourceInfo source, IReadOnlyList<BuiltImage> images, IReadOnlyList<WheelResult> results)
    {
        var options = plan.Options;

        // Where a base made here got each CPython; a registry image's are its own.
        var catalogue = options.Base == BaseKind.LocalManylinux231 ? Manylinux231.CPythonCatalogue.In(options.Get(OptionDeclarations.Cache)) : null;
        return new RunReport(
            SchemaVersion,
            new ToolInfo("wheelsmith", Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "unknown", plan.Revision.Value),
            source,
            // The target and the source's date are not options; they frame the declared ones.
            new OrderedDictionary<string, object?>([new("target", plan.Target), .. OptionDeclarations.ReportValues(options), new("sourceDateEpoch", plan.SourceDate.Seconds)]),
            [.. images.Select(i => new ImageInfo(i.Title, i.Reference, i.InputHash, [.. i.CPythons.Select(c => c.ToString())], i.MagickWandVersion, i.Outcome))],
            [.. results.Select(r => new CellInfo(
                r.Cell.Identifier.ToString(),
                r.Cell.Architecture.Name,
                r.Cell.CPython.ToString(),
                catalogue?.Find(r.Cell.CPython)?.Origin,
                r.Succeeded ? "ok" : "failed",
                r.Failure,
                r.Test.Label(),
                Math.Round(r.Duration.TotalSeconds, 1),
                Path.GetRelativePath(options.Output, r.LogFile),
                [.. r.Wheels.Select(w => new WheelInfo(w.File, w.PlatformTag, w.Size, w.Sha256, r.TestedOn(results, w)))],
                r.Reused,
                r.BuiltToo))]);
    }

    /// <summary>Writes the report into <paramref name="output"/>, next to the wheels, whole or not at all (a reader never sees half a file).</summary>
    public string Write(string output, InvokingUser user)
    {
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, FileName);
        var partial = path + ".partial";
        try
        {
            File.WriteAllText(partial, JsonSerializer.Serialize(this, Json) + "\n");
        }
        catch (IOException exception) when (DiskFull.Is(exception))
        {
            File.Delete(partial);
            throw new Cake.Core.CakeException($"Could not write {path}: {DiskFull.Reason(output)}; the previous report stays as it was.");
        }

        Ownership.GiveTo(partial, user);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public sealed record ToolInfo(string Name, string Version, string Revision);

    /// <summary>The source as git saw it: `git describe --tags --always` and whether its work tree had uncommitted changes; null outside a repository.</summary>
    public sealed record SourceInfo(string? GitDescribe, bool? UncommittedChanges);

    public sealed record ImageInfo(string Title, string Reference, string InputHash, IReadOnlyList<string> Cpythons, string? MagickWand, string Outcome);

    /// <summary>
    /// A cell; <c>reused</c>: the wheels of another cell it tested on its CPython instead of its own (abi3), listed under that cell only;
    /// <c>builtToo</c>: it had built them too, having started beside that cell before either had published.
    /// </summary>
    public sealed record CellInfo(string Identifier, string Arch, string Cpython, string? CpythonOrigin, string Result, string? Failure, string Test, double DurationSeconds, string Log,
        IReadOnlyList<WheelInfo> Wheels, IReadOnlyList<string> Reused, bool BuiltToo);

    /// <summary>A delivered wheel; <c>testedOn</c>: the CPythons whose test of it passed, its own cell's and those that reused it.</summary>
    public sealed record WheelInfo(string File, string PlatformTag, long Size, string Sha256, IReadOnlyList<string> TestedOn);
}
