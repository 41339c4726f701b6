using Spectre.Console;
using Wheelsmith.Options;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Prints every option's effective value and where it came from (command line, WHEELSMITH_<NAME>, CIBW_<KEY>, [tool.wheelsmith], [tool.cibuildwheel], default), the values overrides give single cells, and the cells selected; no engine, no container.")]
[OutputTarget]
public sealed class OptionsTask : FrostingTask<BuildContext>
{
    public const string Name = "Options";

    public override void Run(BuildContext context)
    {
        var options = context.Options;
        var table = new Table().Border(TableBorder.Simple).AddColumns("Option", "Value", "From");
        foreach (var option in OptionDeclarations.All)
        {
            table.AddRow(Markup.Escape("--" + option.Name), Markup.Escape(option.Shown(options)), Markup.Escape(options.Sources[option.Name].Label));

            // As cibuildwheel's summary: an override's value under the option, for the cells it selects.
            foreach (var cell in context.Plan.Cells.Where(cell => option.Shown(cell.Options) != option.Shown(options) || cell.Options.Sources[option.Name] != options.Sources[option.Name]))
            {
                table.AddRow(Markup.Escape($"  {cell.Identifier}"), Markup.Escape(option.Shown(cell.Options)), Markup.Escape(cell.Options.Sources[option.Name].Label));
            }
        }

        table.AddRow("(cells)", Markup.Escape(string.Join(", ", context.Plan.Cells.Select(cell => cell.TestSkipped ? $"{cell.Identifier} (not tested: test-skip)" : cell.Identifier.ToString())) is { Length: > 0 } cells ? cells : "none"),
            "build, skip, archs, requires-python, enable");

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 240);
        }

        AnsiConsole.Write(table);
        if (options.ConfigWarnings.Count > 0)
        {
            AnsiConsole.WriteLine($"Not acted on by this build: {string.Join(", ", options.ConfigWarnings)}.");
        }

        foreach (var note in context.Plan.Notes)
        {
            AnsiConsole.WriteLine(note);
        }
    }
}
