using Wheelsmith;
using Wheelsmith.Tasks;

return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseRuntimeTasks<BuildContext>(context => context.Cells.Select(cell => new BuildWheelTask(cell)))
    .Run(args);
