using System.Reflection;
using Cake.Cli;
using Cake.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;
using Wheelsmith.Frosting.Internal;

namespace Wheelsmith.Frosting;

/// <summary>
/// Cake.Frosting's host builder, on Cake.Core's engine and Cake.Cli's script hosts.
/// Tasks are the concrete <see cref="IFrostingTask"/> types of the registered assemblies.
/// </summary>
public sealed class CakeHost
{
    private readonly IServiceCollection _services = new ServiceCollection();
    private readonly List<Assembly> _assemblies = [Assembly.GetEntryAssembly()!];
    private ArgumentsHelp? _argumentsHelp;

    public CakeHost AddAssembly(Assembly assembly)
    {
        _assemblies.Add(assembly);
        return this;
    }

    public CakeHost ConfigureServices(Action<IServiceCollection> configure)
    {
        configure(_services);
        return this;
    }

    /// <summary>Adds to --help the options a context reads from Cake's arguments (this host's addition to Cake.Frosting's shape).</summary>
    public CakeHost UseArgumentsHelp(string title, IReadOnlyList<(string Name, string Takes)> options)
    {
        _argumentsHelp = new ArgumentsHelp(title, options);
        return this;
    }

    public int Run(IEnumerable<string> args)
    {
        foreach (var task in _assemblies.Distinct().SelectMany(TaskTypes))
        {
            _services.AddSingleton(typeof(IFrostingTask), task);
        }

        var registrar = new ServiceCollection();
        registrar.AddSingleton(_services);
        var app = new CommandApp<DefaultCommand>(new TypeRegistrar(registrar));
        app.Configure(config =>
        {
            config.SetApplicationName("build.sh");
            if (_argumentsHelp is not null)
            {
                config.SetHelpProvider(new ArgumentsHelpProvider(config.Settings, _argumentsHelp));
            }

            // Spectre draws a parse error as a diagram and exits 255; a bad argument is one line and exit 1 here, as bad values are.
            config.SetExceptionHandler((exception, _) =>
            {
                Console.Error.WriteLine($"Error: {exception.Message.TrimEnd('.')}. Every argument is an option written --name=value (the task: --target=NAME); --help lists them.");
                return 1;
            });
        });
        return app.Run(args.SelectMany(SplitEmptyValue));
    }

    // Spectre.Console.Cli refuses "--name=" outright; as "--name ''" it reaches the build's own validation.
    private static IEnumerable<string> SplitEmptyValue(string argument) =>
        argument.StartsWith("--", StringComparison.Ordinal) && argument.EndsWith('=') ? [argument[..^1], string.Empty] : [argument];

    private static IEnumerable<Type> TaskTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => typeof(IFrostingTask).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
            && t.GetConstructor(Type.EmptyTypes) is not null);
}

public static class CakeHostExtensions
{
    public static CakeHost UseContext<TContext>(this CakeHost host)
        where TContext : class, IFrostingContext =>
        host.ConfigureServices(services =>
        {
            services.AddSingleton<TContext>();
            services.AddSingleton<IFrostingContext>(provider => provider.GetRequiredService<TContext>());
        });

    /// <summary>Registers tasks made at run time from the context (this host's addition to Cake.Frosting's shape).</summary>
    public static CakeHost UseRuntimeTasks<TContext>(this CakeHost host, Func<TContext, IEnumerable<IRuntimeFrostingTask>> create)
        where TContext : class, IFrostingContext =>
        host.ConfigureServices(services => services.AddSingleton(new RuntimeTaskSource(context => create((TContext)context))));

    /// <summary>Registers a check that runs before a real run's first task (this host's addition to Cake.Frosting's shape).</summary>
    public static CakeHost UsePreflight<TContext>(this CakeHost host, Action<TContext> check)
        where TContext : class, IFrostingContext =>
        host.ConfigureServices(services => services.AddSingleton(new Preflight(context => check((TContext)context))));

    /// <summary>
    /// Targets whose standard output is their result, for a script to capture: their log is quiet,
    /// errors only (on standard error), and no task headers or summary (this host's addition).
    /// </summary>
    public static CakeHost UseOutputTargets(this CakeHost host, params string[] targets) =>
        host.ConfigureServices(services => services.AddSingleton(new OutputTargets(targets)));

    public static CakeHost UseLifetime<TLifetime>(this CakeHost host)
        where TLifetime : class, IFrostingLifetime =>
        host.ConfigureServices(services =>
        {
            services.AddSingleton<TLifetime>();
            services.AddSingleton<IFrostingSetup>(provider => provider.GetRequiredService<TLifetime>());
            services.AddSingleton<IFrostingTeardown>(provider => provider.GetRequiredService<TLifetime>());
        });
}
