using Cake.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Wheelsmith.Docker;

/// <summary>
/// The container engine's command-line client, chosen with --engine: Docker, or Podman, whose CLI
/// takes the same verbs and flags. What differs between the two is declared here and nowhere else:
/// the verbs' settings classes and aliases are the same for both, and <see cref="Adapt{TSettings}"/>
/// returns a copy of a verb's settings adjusted for this engine.
/// </summary>
public sealed record ContainerEngine(string Name, string DebianPackage, bool NeedsDaemon, bool CopyHasQuiet, string LocalRegistryPrefix, string StaleLabelFormat, bool IsPodman = false)
{
    public const string Accepted = "docker or podman";

    private const string GoThreads = "GOMAXPROCS";

    // Read once: a user's own GOMAXPROCS reaches the docker CLI as set.
    private static readonly bool GoThreadsUnset = Environment.GetEnvironmentVariable(GoThreads) is null;

    /// <summary>The Docker CLI and engine (dockerd).</summary>
    public static readonly ContainerEngine Docker = new("docker", "docker.io", NeedsDaemon: true, CopyHasQuiet: true, LocalRegistryPrefix: string.Empty,
        StaleLabelFormat: "{{{{.Label \"{0}\"}}}}");

    /// <summary>Podman: no daemon; its cp prints no progress and has no --quiet; it names local images localhost/NAME.</summary>
    public static readonly ContainerEngine Podman = new("podman", "podman", NeedsDaemon: false, CopyHasQuiet: false, LocalRegistryPrefix: "localhost/",
        StaleLabelFormat: "{{{{index .Labels \"{0}\"}}}}", IsPodman: true);

    public static ContainerEngine? Find(string name) => name switch
    {
        "docker" => Docker,
        "podman" => Podman,
        _ => null,
    };

    /// <summary>The run's engine, registered as a service by the build; Docker where none is.</summary>
    public static ContainerEngine Of(ICakeContext context) => context.ServiceProvider?.GetService<ContainerEngine>() ?? Docker;

    /// <summary>A label's value in a container listing's --format.</summary>
    public string LabelFormat(string label) => string.Format(System.Globalization.CultureInfo.InvariantCulture, StaleLabelFormat, label);

    /// <summary>An image name as the engine lists it, back to the name this tool gave it.</summary>
    public string LocalName(string listed) =>
        LocalRegistryPrefix.Length > 0 && listed.StartsWith(LocalRegistryPrefix, StringComparison.Ordinal) ? listed[LocalRegistryPrefix.Length..] : listed;

    /// <summary>A copy of <paramref name="settings"/> as this engine's CLI takes it; the caller's object is left as it was.</summary>
    public TSettings Adapt<TSettings>(TSettings settings)
        where TSettings : DockerSettings
    {
        var copy = (TSettings)settings.Copy();
        if (!IsPodman && GoThreadsUnset)
        {
            // A docker call is a short request to the daemon, yet its Go runtime starts a scheduler thread per core and
            // collects garbage on them: one thread costs a call a sixth less CPU (0.056 against 0.067 CPU-s measured, 50
            // calls), on a host whose cores the builds need. Podman's CLI does the engine's work itself and keeps them.
            copy.EnvironmentVariables = new Dictionary<string, string>(copy.EnvironmentVariables ?? new Dictionary<string, string>()) { [GoThreads] = "1" };
        }

        switch (copy)
        {
            // Podman's cp prints no progress and refuses --quiet.
            case DockerContainerCpSettings { Quiet: true } cp when !CopyHasQuiet:
                cp.Quiet = false;
                break;

            // Podman's rm --force waits 10 s for a stop first; Docker's kills at once.
            case DockerContainerRmSettings { Force: true } rm when IsPodman:
                rm.Time = "0";
                break;

            // Podman keeps a commit message only in Docker's image format.
            case DockerContainerCommitSettings { Message: not null } commit when IsPodman:
                commit.Format = "docker";
                break;
            case DockerContainerCreateSettings { Ulimit.Count: 0 } create:
                create.Ulimit.AddRange(Limits());
                break;
            case DockerContainerRunSettings { Ulimit.Count: 0 } run:
                run.Ulimit.AddRange(Limits());
                break;
        }

        return copy;
    }

    public override string ToString() => Name;

    /// <summary>
    /// The open-files and process limits a container gets. Podman, where it runs as root, raises its
    /// containers' limits past this process's own, which a host without CAP_SYS_RESOURCE refuses
    /// ("error setting rlimits"): it is given this process's open-files limits and podman build's
    /// default process limit instead. Docker's containers take the daemon's, and get nothing here.
    /// </summary>
    private IReadOnlyList<string> Limits()
    {
        if (!IsPodman || !File.Exists("/proc/self/limits"))
        {
            return [];
        }

        var files = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return files is { Length: >= 5 } ? [$"nofile={files[3]}:{files[4]}", "nproc=32768:32768"] : ["nproc=32768:32768"];
    }
}
