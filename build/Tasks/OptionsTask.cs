using Spectre.Console;
using Wheelsmith.Options;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Prints every option's effective value and where it came from (command line, WHEELSMITH_<NAME>, [tool.wheelsmith], [tool.cibuildwheel], default), and nothing else; no engine, no container.")]
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
        }

        if (options.Selectors is { } selectors)
        {
            table.AddRow("(cells)", Markup.Escape($"build {string.Join(' ', selectors.Build)}, skip {string.Join(' ', selectors.Skip)}: {string.Join(", ", context.Plan.Cells.Select(c => c.Identifier))}"),
                Markup.Escape($"{options.ConfigFile} [tool.cibuildwheel] build/skip"));
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 240);
        }

        AnsiConsole.Write(table);
        if (options.ConfigWarnings.Count > 0)
        {
            AnsiConsole.WriteLine($"Not acted on by this build: {string.Join(", ", options.ConfigWarnings)}.");
        }
    }
}
