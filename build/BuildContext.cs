using Cake.Core;
using LibGit2Sharp;
using Wheelsmith.Docker;
using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith;

/// <summary>
/// What every task shares: the validated options, the paths, and what earlier tasks found.
/// Constructed for --tree and --dryrun too, so the constructor only parses.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    private readonly Lazy<string> _revision;
    private string? _engineVersion;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        Options = BuildOptions.Parse(context.Arguments);
        Paths = BuildPaths.Discover(context.Environment.GetEnvironmentVariable);
        _revision = new Lazy<string>(() => ReadRevision(Paths.RepositoryRoot));
    }

    public BuildOptions Options { get; }

    public BuildPaths Paths { get; }

    /// <summary>The commit of this repository, for the images' org.opencontainers.image.revision label.</summary>
    public string Revision => _revision.Value;

    /// <summary>Set by PrepareQemu when the binfmt handler lacks the F flag: the emulator the arm image must carry.</summary>
    public string? QemuInterpreterToStage { get; set; }

    /// <summary>The images the image tasks built or found, by architecture.</summary>
    public Dictionary<Architecture, BuiltImage> Images { get; } = [];

    /// <summary>Checks once per run that an engine answers.</summary>
    public string EngineVersion => _engineVersion ??= this.DockerEngineVersion();

    private static string ReadRevision(string root)
    {
        var gitDirectory = Repository.Discover(root);
        if (gitDirectory is null)
        {
            return "unknown";
        }

        using var repository = new Repository(gitDirectory);
        return repository.Head.Tip?.Sha ?? "unknown";
    }
}
