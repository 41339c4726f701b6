using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Images;

namespace Wheelsmith.Wheels;

/// <summary>
/// One container's whole life: create, copy in, start, run steps, copy out, and always remove.
/// Files go in and out by copying, never by bind mount: a build cannot write into the source,
/// two cells never share a folder, and a remote engine (DOCKER_HOST) works the same.
/// </summary>
public sealed class WheelContainer : IDisposable
{
    private readonly ICakeContext _context;
    private readonly CellLog _log;

    private WheelContainer(ICakeContext context, CellLog log, string name)
    {
        _context = context;
        _log = log;
        Name = name;
    }

    public string Name { get; }

    public static WheelContainer Start(ICakeContext context, CellLog log, string image, string name, string? network, IEnumerable<(string Host, string Container)> inputs)
    {
        var create = new DockerContainerCreateSettings { Name = name, Network = network };
        create.Label[ImageLabels.Tool] = ImageLabels.ToolName;
        context.DockerCreate(create, image, "sleep", "infinity");
        var container = new WheelContainer(context, log, name);
        try
        {
            foreach (var (host, path) in inputs)
            {
                container.CopyIn(host, path);
            }

            context.DockerStart(new DockerContainerStartSettings(), name);
            return container;
        }
        catch
        {
            container.Dispose();
            throw;
        }
    }

    /// <summary>Copies a host folder's content (or a file) to <paramref name="path"/> in the container.</summary>
    public void CopyIn(string host, string path) =>
        Copy($"copy in {host} to {path}", Directory.Exists(host) ? host.TrimEnd('/') + "/." : host, $"{Name}:{path}");

    public void CopyOut(string path, string host) => Copy($"copy out {path}", $"{Name}:{path}", host);

    private void Copy(string title, string source, string destination)
    {
        _log.Step(title);
        try
        {
            _context.DockerCp(new DockerContainerCpSettings(), source, destination);
        }
        catch (CakeException exception)
        {
            throw new CakeException($"{title} failed ({exception.Message})");
        }
    }

    /// <summary>Runs one step; its output goes to the cell's log as it comes. A non-zero exit fails the step.</summary>
    public void Run(string title, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string? workdir = null)
    {
        _log.Step($"{title}: {string.Join(' ', command)}");
        var settings = new DockerContainerExecSettings { Workdir = workdir };
        settings.Env.AddRange(environment.Select(kv => $"{kv.Key}={kv.Value}"));
        try
        {
            _context.DockerExec(settings, _log.Line, Name, [.. command]);
        }
        catch (CakeException exception)
        {
            throw new CakeException($"{title} failed ({exception.Message})");
        }
    }

    /// <summary>The names of the files in a folder of the container.</summary>
    public IReadOnlyList<string> List(string path) =>
        _context.DockerExecWithOutput(new DockerContainerExecSettings(), Name, "ls", "-1", path).Where(n => n.Length > 0).ToList();

    public void Dispose()
    {
        try
        {
            _context.DockerRm(new DockerContainerRmSettings { Force = true }, Name);
        }
        catch (CakeException exception)
        {
            _log.Line($"could not remove container {Name}: {exception.Message}");
        }
    }
}

