using Microsoft.Extensions.DependencyInjection;
using Wheelsmith;
using Wheelsmith.Cells;
using Wheelsmith.Docker;
using Wheelsmith.Options;
using Wheelsmith.Preflight;
using Wheelsmith.Tasks;

return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .ConfigureServices(services => services.AddSingleton(provider => provider.GetRequiredService<BuildContext>().Options.Engine))
    .UseArgumentsHelp("BUILD OPTIONS", [.. OptionDeclarations.All.Select(option => (option.Name, option.Takes))])
    .UsePreflight<BuildContext>(BuildPreflight.Check)
    .UseRuntimeTasks<BuildContext>(context => context.Plan.Cells.Select(cell => new BuildWheelTask(cell, context.Plan)))
    .UseOwnDurations<BuildContext>(context => CellDurations.Of(context.Plan, context.Outcomes))
    .Run(args);
