using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;

namespace Wheelsmith.Preflight;

/// <summary>
/// Containers a killed earlier run left behind: this tool's label, made on this host by a process
/// that no longer runs. Those of a run still going, or of another host's, are left alone.
/// </summary>
public static class StaleContainers
{
    public static void Remove(ICakeContext context, string host)
    {
        var engine = ContainerEngine.Of(context);
        var settings = new DockerContainerLsSettings { All = true, Format = $"{{{{.Names}}}}\t{engine.LabelFormat(ToolLabels.Host)}\t{engine.LabelFormat(ToolLabels.Pid)}" };
        settings.Filter.Add(ToolLabels.ToolFilter);
        foreach (var fields in context.DockerPs(settings).Select(line => line.Split('\t')))
        {
            if (fields.Length == 3 && fields[1] == host && int.TryParse(fields[2], out var pid) && !IsBuildProcess(pid))
            {
                context.DockerRm(new DockerContainerRmSettings { Force = true }, fields[0]);
                context.Information($"Removed container {fields[0]}, left by an earlier run (process {pid} is gone).");
            }
        }
    }

    // A pid can be reused: only a running build of this tool counts as the owner.
    private static bool IsBuildProcess(int pid)
    {
        var commandLine = $"/proc/{pid}/cmdline";
        return File.Exists(commandLine) && File.ReadAllText(commandLine).Contains("Build", StringComparison.Ordinal);
    }
}
