using Spectre.Console;

namespace Wheelsmith.Wheels;

/// <summary>The closing table: one row per wheel, or per cell that delivered none.</summary>
public static class WheelReport
{
    public static Table Table(IReadOnlyList<WheelResult> results, string output)
    {
        var table = new Table().Title($"Wheels in {output}")
            .AddColumns("Wheel", "Arch", "CPython", "Platform", "Size", "Duration", "Tested", "Result");
        foreach (var result in results)
        {
            var tested = result.Test switch
            {
                TestOutcome.Passed => "tested",
                TestOutcome.Failed => "test failed",
                TestOutcome.NotReached => "not reached",
                _ => "not tested",
            };
            var outcome = !result.Succeeded ? "FAILED" : result.Wheels.Any(w => w.Replaced) ? "ok, replaced the old file" : "ok";
            var duration = $"{result.Duration.TotalSeconds:F1} s";
            var rows = result.Wheels.Count > 0
                ? result.Wheels.Select(w => new[] { w.File, w.PlatformTag, $"{w.Size / 1024.0 / 1024.0:F1} MB" })
                : [["-", "-", "-"]];
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row[0]), result.Cell.Architecture.Name, result.Cell.CPython.ToString(), Markup.Escape(row[1]), row[2], duration, tested, Markup.Escape(outcome));
            }
        }

        var failures = results.Where(r => !r.Succeeded).Select(r => $"{r.Cell.Name}: {r.Failure}; log {r.LogFile}").ToList();
        if (failures.Count > 0)
        {
            table.Caption(Markup.Escape(string.Join('\n', failures)));
        }

        return table;
    }
}
