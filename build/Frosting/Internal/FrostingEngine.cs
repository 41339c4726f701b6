using System.Reflection;
using Cake.Cli;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.Scripting;
using Microsoft.Extensions.DependencyInjection;
using Wheelsmith.FrostingExtensions;

namespace Wheelsmith.Frosting.Internal;

/// <summary>
/// Registers the task classes with Cake's engine and runs a target through the chosen script host.
/// The target is checked when the engine is made, so that an unknown one is reported before any preflight work.
/// </summary>
internal sealed class FrostingEngine(IScriptHost host, ICakeEngine engine, IFrostingContext context, ICakeLog log,
    IReadOnlyList<IFrostingTask> tasks, IFrostingSetup? setup, IFrostingTeardown? teardown)
{
    public static FrostingEngine Create(IServiceProvider provider, DefaultCommandSettings settings)
    {
        IScriptHost host = settings switch
        {
            { DryRun: true } => provider.GetRequiredService<DryRunScriptHost<IFrostingContext>>(),
            { Tree: true } => provider.GetRequiredService<TreeScriptHost>(),
            { Description: true } => provider.GetRequiredService<DescriptionScriptHost>(),
            _ => provider.GetRequiredService<BuildScriptHost<IFrostingContext>>(),
        };
        var context = provider.GetRequiredService<IFrostingContext>();
        // Extension: the tasks made at run time, beside those of the registered classes.
        var tasks = provider.GetServices<IFrostingTask>().Concat(provider.GetServices<RuntimeTaskSource>().SelectMany(source => source.Create(context))).ToList();
        var frosting = new FrostingEngine(host, provider.GetRequiredService<ICakeEngine>(), context,
            provider.GetRequiredService<ICakeLog>(), tasks,
            provider.GetService<IFrostingSetup>(), provider.GetService<IFrostingTeardown>());
        frosting.Register(settings.Target);
        return frosting;
    }

    public CakeReport? Run(string target, bool exclusive)
    {
        if (exclusive)
        {
            host.Settings.UseExclusiveTarget();
        }

        return host.RunTarget(target);
    }

    /// <summary>Extension: the target and every task it depends on, whose traits the preflight reads.</summary>
    public IReadOnlyList<IFrostingTask> TasksOf(string target)
    {
        var byName = tasks.ToDictionary(TaskName, StringComparer.OrdinalIgnoreCase);
        var graph = engine.Tasks.ToDictionary(task => task.Name, StringComparer.OrdinalIgnoreCase);
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([target]);
        while (pending.TryPop(out var name))
        {
            if (reached.Add(name) && graph.TryGetValue(name, out var task))
            {
                foreach (var dependency in task.Dependencies.Select(d => d.Name)
                             .Concat(graph.Values.Where(other => other.Dependees.Any(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase))).Select(other => other.Name)))
                {
                    pending.Push(dependency);
                }
            }
        }

        return [.. reached.Where(byName.ContainsKey).Select(name => byName[name])];
    }

    private void Register(string target)
    {
        var builders = tasks.ToDictionary(TaskName, Register);

        // A dependee link drawn as the dependee's dependency, so that --tree shows it too.
        foreach (var (name, dependee) in tasks.SelectMany(task => Dependees(task).Select(dependee => (TaskName(task), dependee))))
        {
            if (builders.TryGetValue(dependee, out var builder))
            {
                builder.IsDependentOn(name);
            }
            else
            {
                builders[name].IsDependeeOf(dependee);
            }
        }

        if (setup is not null)
        {
            engine.RegisterSetupAction(info => setup.Setup(context, info));
        }

        if (teardown is not null)
        {
            engine.RegisterTeardownAction(info => teardown.Teardown(context, info));
        }

        if (!engine.Tasks.Any(task => task.Name.Equals(target, StringComparison.OrdinalIgnoreCase)))
        {
            throw new CakeException(ExitCodes.BadInput, $"--target: '{target}' is not a task; expected one of {string.Join(", ", engine.Tasks.Select(task => task.Name).Order(StringComparer.Ordinal))}");
        }
    }

    private static string TaskName(IFrostingTask task) => (task as IRuntimeFrostingTask)?.Name ?? TaskNames.Of(task.GetType());

    private static IEnumerable<string> Dependees(IFrostingTask task) =>
        task.GetType().GetCustomAttributes<IsDependeeOfAttribute>().Select(a => TaskNames.Of(a.Task)).Concat((task as IRuntimeFrostingTask)?.DependeeOf ?? []);

    private CakeTaskBuilder Register(IFrostingTask task)
    {
        var type = task.GetType();
        var runtime = task as IRuntimeFrostingTask;
        var name = TaskName(task);
        log.Debug("Registering task: {0}", name);
        var builder = engine.RegisterTask(name);

        var description = runtime?.Description ?? type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description;
        if (!string.IsNullOrWhiteSpace(description))
        {
            builder.Description(description);
        }

        if (IsOverridden(type, "Run") || IsOverridden(type, "RunAsync"))
        {
            builder.Does(task.RunAsync);
        }

        if (IsOverridden(type, nameof(IFrostingTask.ShouldRun)))
        {
            builder.WithCriteria(task.ShouldRun, task.SkippedMessage);
        }

        if (IsOverridden(type, nameof(IFrostingTask.OnError), typeof(Exception)))
        {
            builder.OnError(exception => task.OnError(exception, context));
        }

        if (IsOverridden(type, nameof(IFrostingTask.Finally)))
        {
            builder.Finally(() => task.Finally(context));
        }

        foreach (var dependency in type.GetCustomAttributes<IsDependentOnAttribute>().Select(a => TaskNames.Of(a.Task)).Concat(runtime?.DependsOn ?? []))
        {
            builder.IsDependentOn(dependency);
        }

        return builder;
    }

    // Cake.Frosting registers only what a task overrides, so a task without Run shows as having no action.
    private bool IsOverridden(Type type, string method, params Type[] leading)
    {
        var found = type.GetMethod(method, BindingFlags.Public | BindingFlags.Instance, [.. leading, context.GetType()]);
        return found is not null && !(found.DeclaringType is { IsGenericType: true } declaring
            && (declaring.GetGenericTypeDefinition() == typeof(FrostingTask<>) || declaring.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>)));
    }
}
