using System.Reflection;
using Cake.Cli;
using Cake.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;
using Wheelsmith.Frosting.Internal;
using Wheelsmith.FrostingExtensions;

namespace Wheelsmith.Frosting;

/// <summary>
/// Cake.Frosting's host builder, on Cake.Core's engine and Cake.Cli's script hosts.
/// Tasks are the concrete <see cref="IFrostingTask"/> types of the registered assemblies.
/// </summary>
public sealed class CakeHost
{
    private readonly IServiceCollection _services = new ServiceCollection();
    private readonly List<Assembly> _assemblies = [Assembly.GetEntryAssembly()!];

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

    public int Run(IEnumerable<string> args)
    {
        var taskTypes = _assemblies.Distinct().SelectMany(TaskTypes).ToList();
        foreach (var task in taskTypes)
        {
            _services.AddSingleton(typeof(IFrostingTask), task);
        }

        // Extension: targets marked [OutputTarget] get a quiet log; the build's options are in --help.
        _services.AddSingleton(OutputTargets.Of(taskTypes));
        var argumentsHelp = _services.Select(service => service.ImplementationInstance).OfType<ArgumentsHelp>().LastOrDefault();

        var registrar = new ServiceCollection();
        registrar.AddSingleton(_services);
        var app = new CommandApp<DefaultCommand>(new TypeRegistrar(registrar));
        app.Configure(config =>
        {
            config.SetApplicationName("build.sh");
            if (argumentsHelp is not null)
            {
                config.SetHelpProvider(new ArgumentsHelpProvider(config.Settings, argumentsHelp));
            }

            // Spectre draws a parse error as a diagram and exits 255; a bad argument is one line here, as bad values are.
            config.SetExceptionHandler((exception, _) =>
            {
                Console.Error.WriteLine($"Error: {exception.Message.TrimEnd('.')}. Every argument is an option written --name=value (the task: --target=NAME); --help lists them.");
                return ExitCodes.BadInput;
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

    public static CakeHost UseLifetime<TLifetime>(this CakeHost host)
        where TLifetime : class, IFrostingLifetime =>
        host.ConfigureServices(services =>
        {
            services.AddSingleton<TLifetime>();
            services.AddSingleton<IFrostingSetup>(provider => provider.GetRequiredService<TLifetime>());
            services.AddSingleton<IFrostingTeardown>(provider => provider.GetRequiredService<TLifetime>());
        });
}
