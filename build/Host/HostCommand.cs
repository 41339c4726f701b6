using Cake.Common;
using Cake.Core;
using Cake.Core.IO;
using Wheelsmith.Docker;

namespace Wheelsmith.Host;

/// <summary>Runs a program of the host (not docker) with an exact argument list.</summary>
public static class HostCommand
{
    /// <summary>Runs the program, its output shown as <see cref="ToolOutput"/> decides.</summary>
    public static void Run(ICakeContext context, string program, params string[] arguments) => Run(context, [], program, arguments);

    /// <summary>The same, with <paramref name="environment"/> (NAME=VALUE) added to this process's.</summary>
    public static void Run(ICakeContext context, IReadOnlyList<string> environment, string program, params string[] arguments)
    {
        var output = new ToolOutput(context);
        var settings = Settings(arguments);
        if (environment.Count > 0)
        {
            settings.EnvironmentVariables = environment.Select(variable => variable.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        }

        settings.RedirectStandardOutput = true;
        settings.RedirectStandardError = true;
        settings.RedirectedStandardOutputHandler = line =>
        {
            output.Line(line);
            return line;
        };
        settings.RedirectedStandardErrorHandler = settings.RedirectedStandardOutputHandler;
        output.Around(() =>
        {
            var exitCode = context.StartProcess(program, settings);
            if (exitCode != 0)
            {
                throw new CakeException($"{program} {string.Join(' ', arguments)} failed with exit code {exitCode}.");
            }
        });
    }

    public static ProcessSettings Settings(IEnumerable<string> arguments)
    {
        var builder = new ProcessArgumentBuilder();
        foreach (var argument in arguments)
        {
            builder.Append(new ExactArgument(argument));
        }

        return new ProcessSettings { Arguments = builder };
    }

    public static bool IsRoot => Environment.IsPrivilegedProcess;
}
