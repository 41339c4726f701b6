using Cake.Core;
using LibGit2Sharp;

namespace Wheelsmith.Host;

/// <summary>Placeholder until the Cake.Git version lands.</summary>
public static class GitFacts
{
    public static string Revision(ICakeContext context, string path)
    {
        if (Repository.Discover(path) is not { } gitDirectory)
        {
            return "unknown";
        }

        using var repository = new Repository(gitDirectory);
        return repository.Head.Tip?.Sha ?? "unknown";
    }

    public static string? Describe(ICakeContext context, string path) => null;

    public static bool? HasUncommittedChanges(ICakeContext context, string path) => null;

    public static long? CommitTime(ICakeContext context, string path) => null;
}
