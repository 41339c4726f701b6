using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// Spectre's help for the host's options, then the options the build reads from Cake's arguments:
/// Spectre never sees those, as they reach the build as remaining arguments.
/// </summary>
internal sealed class ArgumentsHelpProvider(ICommandAppSettings settings, ArgumentsHelp help) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(4).PadRight(4).NoWrap()).AddColumn();
        foreach (var (name, takes) in help.Options)
        {
            grid.AddRow(new Text($"--{name}"), new Text(takes));
        }

        return [.. base.GetFooter(model, command), Text.NewLine, new Markup($"[yellow]{help.Title.EscapeMarkup()}:[/]"), Text.NewLine, grid];
    }
}

/// <summary>A section of --help listing options that a task context reads from Cake's arguments.</summary>
internal sealed record ArgumentsHelp(string Title, IReadOnlyList<(string Name, string Takes)> Options);
