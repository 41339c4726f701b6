using Cake.Core;
using Cake.Core.Annotations;

namespace Wheelsmith.Docker;

public static partial class DockerAliases
{
    [CakeMethodAlias]
    public static void DockerRun(this ICakeContext context, DockerContainerRunSettings settings, string image, params string[] command) =>
        new DockerRunner<DockerContainerRunSettings>(context).Run(settings, [image, .. command]);

    /// <summary>Creates a container and returns its id.</summary>
    [CakeMethodAlias]
    public static string DockerCreate(this ICakeContext context, DockerContainerCreateSettings settings, string image, params string[] command) =>
        new DockerRunner<DockerContainerCreateSettings>(context).RunWithOutput(settings, [image, .. command]).Last().Trim();

    /// <summary>Makes an image of a container (which need not have run) as <paramref name="reference"/>.</summary>
    [CakeMethodAlias]
    public static void DockerCommit(this ICakeContext context, DockerContainerCommitSettings settings, string container, string reference) =>
        new DockerRunner<DockerContainerCommitSettings>(context).RunWithOutput(settings, container, reference);

    [CakeMethodAlias]
    public static void DockerStart(this ICakeContext context, DockerContainerStartSettings settings, params string[] containers) =>
        new DockerRunner<DockerContainerStartSettings>(context).RunWithOutput(settings, containers);

    [CakeMethodAlias]
    public static void DockerExec(this ICakeContext context, DockerContainerExecSettings settings, string container, params string[] command) =>
        new DockerRunner<DockerContainerExecSettings>(context).Run(settings, [container, .. command]);

    /// <summary>Runs a command in a container, handing each line it prints to <paramref name="onLine"/>.</summary>
    [CakeMethodAlias]
    public static void DockerExec(this ICakeContext context, DockerContainerExecSettings settings, Action<string> onLine, string container, params string[] command) =>
        new DockerRunner<DockerContainerExecSettings>(context).RunStreaming(settings, onLine, [container, .. command]);

    /// <summary>Runs a command in a container and returns its standard output.</summary>
    [CakeMethodAlias]
    public static IReadOnlyList<string> DockerExecWithOutput(this ICakeContext context, DockerContainerExecSettings settings, string container, params string[] command) =>
        new DockerRunner<DockerContainerExecSettings>(context).RunWithOutput(settings, [container, .. command]);

    /// <summary>Runs a command without failing the run: its exit code and standard output.</summary>
    [CakeMethodAlias]
    public static (int ExitCode, IReadOnlyList<string> Output) DockerExecTry(this ICakeContext context, DockerContainerExecSettings settings, string container, params string[] command) =>
        new DockerRunner<DockerContainerExecSettings>(context).TryRun(settings, [container, .. command]);

    /// <summary>Copies between the host and a container; a container path is written <c>container:/path</c>.</summary>
    [CakeMethodAlias]
    public static void DockerCp(this ICakeContext context, DockerContainerCpSettings settings, string source, string destination) =>
        new DockerRunner<DockerContainerCpSettings>(context).Run(settings, source, destination);

    /// <summary>Copies, handing every line docker prints (its errors) to <paramref name="onLine"/>.</summary>
    [CakeMethodAlias]
    public static void DockerCp(this ICakeContext context, DockerContainerCpSettings settings, Action<string> onLine, string source, string destination) =>
        new DockerRunner<DockerContainerCpSettings>(context).RunStreaming(settings, onLine, source, destination);

    /// <summary>The containers docker lists, one formatted line each.</summary>
    [CakeMethodAlias]
    public static IReadOnlyList<string> DockerPs(this ICakeContext context, DockerContainerLsSettings settings) =>
        new DockerRunner<DockerContainerLsSettings>(context).RunWithOutput(settings).Where(l => l.Length > 0).ToList();

    [CakeMethodAlias]
    public static void DockerRm(this ICakeContext context, DockerContainerRmSettings settings, params string[] containers) =>
        new DockerRunner<DockerContainerRmSettings>(context).RunWithOutput(settings, containers);
}
