using System.Security.Cryptography;
using System.Text;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith.Images;

/// <summary>
/// cibuildwheel's before-all: once per architecture, as root, in a container of the architecture's
/// build image holding the source at /project, before any of its cells, after the container's shell
/// evaluated the environment (as a cell's does). What it leaves is committed as an image the cells
/// then build in, tagged by a hash of the build image, the command, the environment it ran with
/// (the variables, the assignments and the passed host values) and the source's content: a later run
/// with all of them unchanged reuses it without running the command.
/// Its output is in &lt;output&gt;/logs/before-all-&lt;arch&gt;.log; a failure fails the image task, naming it.
/// </summary>
public static class BeforeAll
{
    public static BuiltImage Apply(ImageWork work, BuiltImage image, PlannedImage planned, Architecture machine)
    {
        if (planned.BeforeAll is not { } command)
        {
            return image;
        }

        var context = work.Cake;
        var options = work.Plan.Options;
        var architecture = planned.Architecture;
        var key = Key(image.Reference, command, Environment(planned), options.Source);
        var reference = $"{image.Reference.Split(':')[0]}-before-all:{key}";
        var derived = image with { Reference = reference, Outcome = image.Outcome + "; before-all" };
        if (work.Inventory.Find(reference) is not null)
        {
            context.Information($"before-all for {architecture}: {reference} is up to date (same image, command, environment and source).");
            return derived with { Outcome = image.Outcome + "; before-all reused" };
        }

        var log = Path.Combine(options.Output, "logs", $"before-all-{architecture}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        using var file = new StreamWriter(log, append: false) { AutoFlush = true };
        void Line(string line)
        {
            lock (file)
            {
                file.WriteLine(line);
            }
        }

        var request = new ContainerRequest($"wheelsmith-{work.Plan.RunId}-{architecture}-before-all", image.Reference, work.Plan.ContainerLabels,
            work.Plan.Policy.Network, options.Memory, options.Cpus) { Machine = machine };
        try
        {
            context.Information($"before-all for {architecture}: {command} (log {log}).");
            using var container = ContainerSession.Create(context, work.Resources, request, Line);
            container.CopyIn(options.Source, WheelCell.ProjectPath, Line);
            container.Start();
            var exec = new DockerContainerExecSettings { User = "0:0", Workdir = WheelCell.ProjectPath };
            exec.Env.AddRange(planned.BeforeAllEnvironment);
            if (planned.BeforeAllScript is { } script)
            {
                // Only the names: the values may be secrets.
                Line($"==> environment: {string.Join(' ', script.Names)} evaluated by the container's shell");
                var evaluated = new List<KeyValuePair<string, string>>();
                container.Exec(exec, EnvironmentScript.Reader(evaluated, Line), script.Command);
                exec.Env.AddRange(evaluated.Select(kv => $"{kv.Key}={kv.Value}"));
            }

            Line($"==> before-all: {command}");
            container.Exec(exec, Line, ["sh", "-c", command]);
            container.Commit(reference, $"before-all: {command}", [$"LABEL io.wheelsmith.before-all={key}"]);
            work.Inventory.Forget(reference);
            return derived;
        }
        catch (CakeException exception)
        {
            Line($"FAILED: {exception.Message}");
            throw new CakeException($"before-all for {architecture} failed ({exception.Message.TrimEnd('.')}); its output: {log}");
        }
    }

    // What the command runs with: its variables (a NAME item with this environment's value, as docker passes it) and the
    // environment's assignments; a changed one runs before-all again.
    private static string Environment(PlannedImage planned) =>
        string.Join('\n', [.. planned.BeforeAllEnvironment.Select(item => item.Contains('=') ? item : $"{item}={System.Environment.GetEnvironmentVariable(item)}"),
            planned.BeforeAllScript?.Text ?? string.Empty]);

    // The build image, the command, its environment and every file of the source (path and content), in a stable order.
    private static string Key(string image, string command, string environment, string source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{image}\n{command}\n{environment}\n"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(source, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
