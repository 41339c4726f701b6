using Microsoft.Extensions.DependencyInjection;

namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// This build's additions to Cake.Frosting's host, each a service the port's host picks up: options
/// read from Cake's arguments in --help, a preflight before a real run's first task, tasks made at
/// run time from the context, and durations tasks report for themselves in Cake's summary.
/// </summary>
public static class CakeHostExtensions
{
    /// <summary>Adds to --help the options a context reads from Cake's arguments.</summary>
    public static CakeHost UseArgumentsHelp(this CakeHost host, string title, IReadOnlyList<(string Name, string Takes)> options) =>
        host.ConfigureServices(services => services.AddSingleton(new ArgumentsHelp(title, options)));

    /// <summary>Registers tasks made at run time from the context.</summary>
    public static CakeHost UseRuntimeTasks<TContext>(this CakeHost host, Func<TContext, IEnumerable<IRuntimeFrostingTask>> create)
        where TContext : class, IFrostingContext =>
        host.ConfigureServices(services => services.AddSingleton(new RuntimeTaskSource(context => create((TContext)context))));

    /// <summary>Registers a check that runs before a real run's first task; it is given the tasks the target runs.</summary>
    public static CakeHost UsePreflight<TContext>(this CakeHost host, Action<TContext, IReadOnlyList<IFrostingTask>> check)
        where TContext : class, IFrostingContext =>
        host.ConfigureServices(services => services.AddSingleton(new PreflightCheck((context, tasks) => check((TContext)context, tasks))));

    /// <summary>
    /// Durations tasks report for themselves, shown in Cake's summary instead of the engine's
    /// measurement: for tasks whose work overlaps, which the engine measures one after another.
    /// </summary>
    public static CakeHost UseOwnDurations<TContext>(this CakeHost host, Func<TContext, OwnDurations.Report?> report)
        where TContext : class, IFrostingContext =>
        host.ConfigureServices(services => services.AddSingleton(new OwnDurations(context => report((TContext)context))));
}
