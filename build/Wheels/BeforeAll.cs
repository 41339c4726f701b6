using System.Security.Cryptography;
using System.Text;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Wheels;

/// <summary>
/// cibuildwheel's before-all: once per architecture, as root, in a container of the architecture's
/// build image holding the source at /project, before any of its cells. What it leaves is committed
/// as an image the cells then build in, tagged by a hash of the build image, the command and the
/// source's content: a later run with all three unchanged reuses it without running the command.
/// Its output is in &lt;output&gt;/logs/before-all-&lt;arch&gt;.log; a failure fails the image task, naming it.
/// </summary>
public static class BeforeAll
{
    public static BuiltImage Apply(BuildContext context, BuiltImage image, Architecture architecture, IReadOnlyList<string> environment)
    {
        if (context.Options.BeforeAll is not { } command)
        {
            return image;
        }

        var key = Key(image.Reference, command, context.Options.Source);
        var reference = $"{image.Reference.Split(':')[0]}-before-all:{key}";
        var derived = image with { Reference = reference, Outcome = image.Outcome + "; before-all" };
        if (context.Inventory.Find(reference) is not null)
        {
            context.Information($"before-all for {architecture}: {reference} is up to date (same image, command and source).");
            return derived with { Outcome = image.Outcome + "; before-all reused" };
        }

        var log = Path.Combine(context.Options.Output, "logs", $"before-all-{architecture}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var name = $"wheelsmith-{context.RunId}-{architecture}-before-all";
        var create = new DockerContainerCreateSettings { Name = name, Network = BasePolicy.For(context.Options).Network, Memory = context.Options.Memory, Cpus = context.Options.Cpus };
        foreach (var (label, value) in context.ContainerLabels)
        {
            create.Label[label] = value;
        }

        context.ActiveContainers.TryAdd(name, 0);
        using var file = new StreamWriter(log, append: false) { AutoFlush = true };
        void Line(string line)
        {
            lock (file)
            {
                file.WriteLine(line);
            }
        }

        try
        {
            context.Information($"before-all for {architecture}: {command} (log {log}).");
            context.DockerCreate(create, image.Reference, "sleep", "infinity");
            context.DockerCp(new DockerContainerCpSettings { Quiet = true }, Line, context.Options.Source.TrimEnd('/') + "/.", $"{name}:{WheelCell.ProjectPath}");
            context.DockerStart(new DockerContainerStartSettings(), name);
            var exec = new DockerContainerExecSettings { User = "0:0", Workdir = WheelCell.ProjectPath };
            exec.Env.AddRange(environment);
            Line($"==> before-all: {command}");
            context.DockerExec(exec, Line, name, "sh", "-c", command);
            var commit = new DockerContainerCommitSettings { Message = $"before-all: {command}" };
            commit.Change.Add($"LABEL io.wheelsmith.before-all={key}");
            context.DockerCommit(commit, name, reference);
            context.Inventory.Forget(reference);
            return derived;
        }
        catch (CakeException exception)
        {
            Line($"FAILED: {exception.Message}");
            throw new CakeException($"before-all for {architecture} failed ({exception.Message.TrimEnd('.')}); its output: {log}");
        }
        finally
        {
            context.DockerRm(new DockerContainerRmSettings { Force = true }, name);
            context.ActiveContainers.TryRemove(name, out _);
        }
    }

    // The build image, the command and every file of the source (path and content), in a stable order.
    private static string Key(string image, string command, string source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{image}\n{command}\n"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(source, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
