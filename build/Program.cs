using Wheelsmith;
using Wheelsmith.Options;
using Wheelsmith.Preflight;
using Wheelsmith.Tasks;

return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseArgumentsHelp("BUILD OPTIONS", [.. OptionDeclarations.All.Select(option => (option.Name, option.Takes))])
    .UsePreflight<BuildContext>(BuildPreflight.Check)
    .UseOutputTargets(MatrixTask.Name, OptionsTask.Name)
    .UseRuntimeTasks<BuildContext>(context => context.Cells.Select(cell => new BuildWheelTask(cell)))
    .Run(args);
