using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Git;
using LibGit2Sharp;

namespace Wheelsmith.Host;

/// <summary>
/// What git knows, through the given Cake context, about the work tree holding a path (the images' revision label, the commit time
/// behind SOURCE_DATE_EPOCH, the report's describe and dirty flag), read with Cake.Git's aliases.
/// The aliases throw where there is no repository or no commit; each fact has its fallback instead,
/// since a source that is not a git work tree (a release tarball, a fresh <c>git init</c>) still builds.
/// </summary>
public sealed class GitFacts(ICakeContext context)
{
    public const string UnknownRevision = "unknown";

    /// <summary>git's shortest abbreviation, the one it uses in any repository of fewer than about 16 thousand objects.</summary>
    private const int AbbreviatedLength = 7;

    /// <summary>The full SHA of HEAD's commit, or <see cref="UnknownRevision"/>.</summary>
    public string Revision(string path) =>
        GitDirectory(path) is { } repository && Tip(repository) is { } tip ? tip.Sha : UnknownRevision;

    /// <summary>HEAD's committer time in unix seconds, or null.</summary>
    public long? CommitTime(string path) =>
        GitDirectory(path) is { } repository && Tip(repository) is { } tip ? tip.Committer.When.ToUnixTimeSeconds() : null;

    /// <summary>
    /// Like <c>git describe --tags --always</c>: the nearest tag reachable from HEAD (with the commits
    /// since it and the abbreviated SHA when HEAD is not the tagged commit), else HEAD's abbreviated SHA;
    /// null without a repository or commit.
    /// </summary>
    public string? Describe(string path)
    {
        if (GitDirectory(path) is not { } repository || Tip(repository) is not { } tip)
        {
            return null;
        }

        // GitDescribe has no --always: where no tag describes HEAD it logs a warning carrying the whole
        // exception and returns "". That is the common case (an untagged repository), so it gets a
        // context whose log says nothing, and "" becomes the abbreviated SHA, as --always gives.
        var described = new QuietContext(context).GitDescribe(repository, renderLongFormat: false, GitDescribeStrategy.Tags);
        return described.Length > 0 ? described : tip.Sha[..AbbreviatedLength];
    }

    /// <summary>Whether the work tree differs from HEAD (untracked files count, as in <c>git status</c>); null without a repository.</summary>
    public bool? HasUncommittedChanges(string path) =>
        GitDirectory(path) is { } repository ? context.GitHasUncommitedChanges(repository) : null;

    /// <summary>
    /// The git directory of the repository holding the path, looked for upward as git does; null when
    /// there is none. The aliases open whatever path they are given, so they take it in place of the
    /// work tree. Not GitFindRootFromPath: it walks up with "../", which at "/" collapses to "/"
    /// again, so for a path in no repository it never returns.
    /// </summary>
    private DirectoryPath? GitDirectory(string path)
    {
        // A relative path is taken from the context's working directory, as Cake's own aliases take it.
        var start = new DirectoryPath(path).MakeAbsolute(context.Environment).FullPath;
        return Repository.Discover(start) is { } found ? new DirectoryPath(found) : null;
    }

    /// <summary>HEAD's commit; null in a repository without one.</summary>
    private GitCommit? Tip(DirectoryPath repository)
    {
        try
        {
            return context.GitLogTip(repository);
        }
        catch (ArgumentNullException)
        {
            // GitLogTip wraps HEAD's commit unchecked: with none yet, its GitCommit constructor is what throws.
            return null;
        }
    }

    /// <summary>The caller's context with a log that writes nothing (Cake's adapter forwards the rest).</summary>
    private sealed class QuietContext(ICakeContext context) : CakeContextAdapter(context)
    {
        public override ICakeLog Log { get; } = new NullLog();
    }
}
