using Spectre.Console;

namespace Wheelsmith.Report;

/// <summary>The closing table: one row per wheel, or per cell that delivered none; drawn on the console, or as Markdown for a CI summary.</summary>
public static class WheelReport
{
    private static readonly string[] Columns = ["Wheel", "Arch", "CPython", "Platform", "Size", "Duration", "Tested", "Result"];

    public static Table Table(IReadOnlyList<WheelResult> results, string output)
    {
        var table = new Table().Title($"Wheels in {output}").AddColumns(Columns);
        foreach (var (row, _) in Rows(results))
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        var failures = Failures(results);
        if (failures.Count > 0)
        {
            table.Caption(Markup.Escape(string.Join('\n', failures)));
        }

        return table;
    }

    /// <summary>The same table in GitHub-flavoured Markdown, with each wheel's SHA-256.</summary>
    public static string Markdown(IReadOnlyList<WheelResult> results, string output)
    {
        var lines = new List<string>
        {
            $"### Wheels in `{output}`",
            string.Empty,
            $"| {string.Join(" | ", Columns)} | SHA-256 |",
            $"|{string.Concat(Enumerable.Repeat("---|", Columns.Length + 1))}",
        };
        lines.AddRange(Rows(results).Select(row => $"| {string.Join(" | ", row.Cells.Select(EscapeCell))} | {(row.Sha256 is { } hash ? $"`{hash}`" : "-")} |"));
        lines.AddRange(Failures(results).Select(failure => $"\n**Failed:** {EscapeCell(failure)}"));
        return string.Join('\n', lines) + "\n";
    }

    // A wheel tested on several CPythons (abi3) is one row naming them all; a cell that tested an earlier cell's wheel has a row of its own only when it failed.
    private static IEnumerable<(string[] Cells, string? Sha256)> Rows(IReadOnlyList<WheelResult> results)
    {
        foreach (var result in results.Where(r => !r.Succeeded || r.Reused.Count == 0))
        {
            var outcome = !result.Succeeded ? "FAILED" : result.Wheels.Any(w => w.Replaced) ? "ok, replaced the old file" : "ok";
            var duration = $"{result.Duration.TotalSeconds:F1} s";
            var cpython = result.Cell.CPython.ToString();
            var architecture = result.Cell.Architecture.Name;
            if (result.Wheels.Count == 0)
            {
                var reused = result.Reused.Count > 0 ? $"{string.Join(", ", result.Reused)} (of another cell)" : "-";
                yield return ([reused, architecture, cpython, "-", "-", duration, result.Test.Label(), outcome], null);
                continue;
            }

            foreach (var wheel in result.Wheels)
            {
                var reusers = result.ReusedBy(results, wheel);
                var cpythons = string.Join(", ", new[] { result }.Concat(reusers).Select(r => r.Cell.CPython));
                var tested = reusers.Count > 0 && result.TestedOn(results, wheel) is { Count: > 0 } on ? $"tested on {string.Join(", ", on)}" : result.Test.Label();
                var built = reusers.Count > 0 ? $"{outcome}, {BuiltOn(cpython, reusers)}" : outcome;
                yield return ([wheel.File, architecture, cpythons, wheel.PlatformTag, $"{wheel.Size / 1024.0 / 1024.0:F1} MB", duration, tested, built], wheel.Sha256);
            }
        }
    }

    // Where a reused wheel was built: once, or also in cells that had started beside its cell, before it was published.
    private static string BuiltOn(string cpython, IReadOnlyList<WheelResult> reusers)
    {
        var again = reusers.Where(r => r.BuiltToo).Select(r => r.Cell.CPython.ToString()).ToList();
        var notAgain = reusers.Where(r => !r.BuiltToo).Select(r => r.Cell.CPython.ToString()).ToList();
        return (again.Count == 0 ? $"built once on {cpython}" : $"built on {cpython}, also on {string.Join(", ", again)} (started beside it; tested this one)")
            + (notAgain.Count > 0 ? $", not again on {string.Join(", ", notAgain)}" : string.Empty);
    }

    private static List<string> Failures(IReadOnlyList<WheelResult> results) =>
        results.Where(r => !r.Succeeded).Select(r => $"{r.Cell.Name}: {r.Failure}; log {r.LogFile}").ToList();

    private static string EscapeCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
