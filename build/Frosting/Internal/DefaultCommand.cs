using System.Reflection;
using Cake.Cli;
using Cake.Cli.Infrastructure;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;
using Wheelsmith.FrostingExtensions;

namespace Wheelsmith.Frosting.Internal;

internal sealed class DefaultCommand(IServiceCollection services) : Command<DefaultCommandSettings>
{
    public override int Execute(CommandContext context, DefaultCommandSettings settings, CancellationToken cancellationToken)
    {
        var arguments = context.Remaining.ToCakeArguments([settings.Target]);
        services.AddSingleton<ICakeArguments>(arguments);
        services.AddSingleton(context.Remaining);
        services.UseCakeDefaultModules();
        services.AddCakeDiagnostics();
        // Extension: the summary from normal verbosity up, with tasks' own durations.
        services.AddSingleton<ICakeReportPrinter, VerbosityReportPrinter>();
        services.AddSingleton<ICakeConfiguration>(provider => new CakeConfigurationProvider(
                provider.GetRequiredService<IFileSystem>(), provider.GetRequiredService<ICakeEnvironment>())
            .CreateConfiguration(provider.GetRequiredService<ICakeEnvironment>().WorkingDirectory, new Dictionary<string, string>()));
        services.AddSingleton<BuildScriptHost<IFrostingContext>>();
        services.AddSingleton<DryRunScriptHost<IFrostingContext>>();
        services.AddSingleton<TreeScriptHost>();
        services.AddSingleton<DescriptionScriptHost>();

        using var provider = services.BuildServiceProvider();
        var log = provider.GetRequiredService<ICakeLog>();
        if (settings.Version)
        {
            var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            provider.GetRequiredService<IConsole>().WriteLine("{0} (Cake.Core {1})", version ?? "unknown", typeof(ICakeEngine).Assembly.GetName().Version!);
            return 0;
        }

        // Extension: output targets log quietly.
        log.Verbosity = provider.GetServices<OutputTargets>().Any(output => output.Contains(settings.Target)) ? Verbosity.Quiet : settings.Verbosity;
        try
        {
            var engine = FrostingEngine.Create(provider, settings);
            if (settings is { DryRun: false, Tree: false, Description: false })
            {
                // Extension: the preflight, given the tasks the target runs.
                foreach (var preflight in provider.GetServices<PreflightCheck>())
                {
                    preflight.Run(provider.GetRequiredService<IFrostingContext>(), engine.TasksOf(settings.Target));
                }
            }

            var report = engine.Run(settings.Target, settings.Exclusive);
            return report is null || report.All(entry => entry.ExecutionStatus != CakeTaskExecutionStatus.Failed) ? 0 : 1;
        }
        catch (Exception exception)
        {
            return log.LogException(exception);
        }
    }
}
