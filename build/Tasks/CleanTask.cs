using Cake.Common.Diagnostics;
using Wheelsmith.Docker;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Removes every container and image labelled io.wheelsmith.tool=wheelsmith, and nothing else; the cache of root file systems stays.")]
[Needs(TargetNeeds.Engine)]
public sealed class CleanTask : FrostingTask<BuildContext>
{
    public const string Name = "Clean";

    public override void Run(BuildContext context)
    {
        var containers = new DockerContainerLsSettings { All = true, Format = "{{.Names}}" };
        containers.Filter.Add(ToolLabels.ToolFilter);
        var names = context.DockerPs(containers);
        if (names.Count > 0)
        {
            context.DockerRm(new DockerContainerRmSettings { Force = true }, [.. names]);
        }

        // Build images first: a base cannot go while an image on top of it is there.
        var images = new DockerImageLsSettings { Format = "{{.ID}} {{.Repository}}" };
        images.Filter.Add(ToolLabels.ToolFilter);
        var references = context.DockerImages(images).Select(line => line.Split(' ')).DistinctBy(fields => fields[0])
            .OrderBy(fields => fields[^1].Contains("/debian-", StringComparison.Ordinal)).Select(fields => fields[0]).ToList();
        foreach (var id in references)
        {
            context.DockerRmi(new DockerImageRmSettings { Force = true }, id);
        }

        context.Information($"Removed {names.Count} container(s) and {references.Count} image(s) labelled {ToolLabels.Tool}={ToolLabels.ToolName}.");
    }
}
