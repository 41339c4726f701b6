using System.ComponentModel;
using Cake.Cli;
using Cake.Core.Diagnostics;
using Spectre.Console.Cli;

namespace Wheelsmith.Frosting.Internal;

/// <summary>The command line of a Cake.Frosting program; everything else goes to the build's arguments.</summary>
internal sealed class DefaultCommandSettings : CommandSettings
{
    [CommandOption("--target|-t <TARGET>")]
    [DefaultValue("Default")]
    [Description("Target task to invoke.")]
    public string Target { get; set; } = "Default";

    [CommandOption("--verbosity|-v <VERBOSITY>")]
    [Description("Amount of information to display: quiet, minimal, normal, verbose, diagnostic.")]
    [TypeConverter(typeof(VerbosityConverter))]
    [DefaultValue(Verbosity.Normal)]
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    [CommandOption("--description")]
    [Description("Shows the description of each task.")]
    public bool Description { get; set; }

    [CommandOption("--tree")]
    [Description("Shows the task dependency tree.")]
    public bool Tree { get; set; }

    [CommandOption("--dryrun|--noop|--whatif")]
    [Description("Lists the tasks that would run, and runs none.")]
    public bool DryRun { get; set; }

    [CommandOption("--exclusive|-e")]
    [Description("Runs the target task without its dependencies.")]
    public bool Exclusive { get; set; }

    [CommandOption("--version|--ver")]
    [Description("Displays version information.")]
    public bool Version { get; set; }
}
