using Spectre.Console;

namespace Wheelsmith.Report;

/// <summary>The closing table: one row per wheel, or per cell that delivered none; drawn on the console, or as Markdown for a CI summary.</summary>
public static class WheelReport
{
    private static readonly string[] Columns = ["Wheel", "Arch", "CPython", "Platform", "Size", "Duration", "Tested", "Result"];

    public static Table Table(IReadOnlyList<WheelResult> results, string output)
    {
        var table = new Table().Title($"Wheels in {output}").AddColumns(Columns);
        foreach (var row in Rows(results))
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
        var sha256 = results.SelectMany(r => r.Wheels.Count > 0 ? r.Wheels.Select(w => $"`{w.Sha256}`") : ["-"]).ToList();
        var lines = new List<string>
        {
            $"### Wheels in `{output}`",
            string.Empty,
            $"| {string.Join(" | ", Columns)} | SHA-256 |",
            $"|{string.Concat(Enumerable.Repeat("---|", Columns.Length + 1))}",
        };
        lines.AddRange(Rows(results).Zip(sha256, (row, hash) => $"| {string.Join(" | ", row.Select(EscapeCell))} | {hash} |"));
        lines.AddRange(Failures(results).Select(failure => $"\n**Failed:** {EscapeCell(failure)}"));
        return string.Join('\n', lines) + "\n";
    }

    private static IEnumerable<string[]> Rows(IReadOnlyList<WheelResult> results)
    {
        foreach (var result in results)
        {
            var outcome = !result.Succeeded ? "FAILED" : result.Wheels.Any(w => w.Replaced) ? "ok, replaced the old file" : "ok";
            var duration = $"{result.Duration.TotalSeconds:F1} s";
            var wheels = result.Wheels.Count > 0
                ? result.Wheels.Select(w => new[] { w.File, w.PlatformTag, $"{w.Size / 1024.0 / 1024.0:F1} MB" })
                : [["-", "-", "-"]];
            foreach (var wheel in wheels)
            {
                yield return [wheel[0], result.Cell.Architecture.Name, result.Cell.CPython.ToString(), wheel[1], wheel[2], duration, result.Test.Label(), outcome];
            }
        }
    }

    private static List<string> Failures(IReadOnlyList<WheelResult> results) =>
        results.Where(r => !r.Succeeded).Select(r => $"{r.Cell.Name}: {r.Failure}; log {r.LogFile}").ToList();

    private static string EscapeCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
