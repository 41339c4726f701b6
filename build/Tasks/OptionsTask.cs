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
        foreach (var option in BuildOptions.Known)
        {
            table.AddRow(Markup.Escape("--" + option.Name), Markup.Escape(Value(options, option.Name)), Markup.Escape(options.Sources[option.Name].Label));
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

    // The parsed value, defaults included, as the flag would write it.
    private static string Value(BuildOptions options, string name) => name switch
    {
        "arch" => string.Join(',', options.Architectures),
        "cpython" => options.CPythons is null ? "all" : string.Join(',', options.CPythons),
        "only" => options.Only is null ? "-" : string.Join(',', options.Only),
        "base" => options.Base.ToString().ToLowerInvariant(),
        "x64-base-image" => options.BaseImageOverrides.GetValueOrDefault(Architecture.X86_64) ?? "-",
        "arm-base-image" => options.BaseImageOverrides.GetValueOrDefault(Architecture.Arm64) ?? "-",
        "arm-build" => options.ArmBuild.ToString().ToLowerInvariant(),
        "source" => options.Source,
        "package-dir" => options.PackageDirectory,
        "output" => options.Output,
        "plat" => options.Platform?.Policy ?? "(the base's)",
        "test-command" => options.TestCommand ?? "-",
        "imagemagick-path" => options.ImageMagickPath ?? "-",
        "fail-fast" => options.FailFast ? "true" : "false",
        "before-all" => options.BeforeAll ?? "-",
        "before-build" => options.BeforeBuild ?? "-",
        "repair-command" => options.RepairCommand ?? "(auditwheel repair)",
        "env" => options.Environment.Count == 0 ? "-" : string.Join(' ', options.Environment),
        "images" => options.Images,
        "jobs" => options.Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "format" => options.Format.ToString().ToLowerInvariant(),
        "memory" => options.Memory,
        "cpus" => options.Cpus ?? "no limit",
        "engine" => options.Engine.Name,
        "no-wait" => options.NoWait ? "true" : "false",
        _ => "?",
    };
}
