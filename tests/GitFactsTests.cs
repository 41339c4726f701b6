using System.Diagnostics;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using Wheelsmith.Host;
using Path = System.IO.Path;

namespace Wheelsmith.Tests;

/// <summary>
/// The git facts read through Cake.Git 0.22 on Cake 7 (with LibGit2Sharp 0.32 underneath), on
/// repositories the real git CLI makes, and what each fact falls back to where the aliases throw.
/// </summary>
[Order(StartOrder.GitFacts)]
public sealed class GitFactsTests
{
    private static readonly DateTimeOffset Committed = new(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset Authored = new(2023, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempFolders _folders = new();
    private GitContext _context = null!;

    [SetUp]
    public void CreateContext() => _context = new GitContext();

    [TearDown]
    public void RemoveFolders() => _folders.RemoveAll();

    [Test]
    public void A_folder_in_no_repository_has_every_fallback()
    {
        var folder = _folders.New("git-none");
        Assume.That(Run(folder, "git", "rev-parse", "--git-dir").ExitCode, Is.Not.Zero, "the temp folder must be in no repository");

        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).Revision(folder), Is.EqualTo(GitFacts.UnknownRevision));
            Assert.That(new GitFacts(_context).CommitTime(folder), Is.Null);
            Assert.That(new GitFacts(_context).Describe(folder), Is.Null);
            Assert.That(new GitFacts(_context).HasUncommittedChanges(folder), Is.Null);
        });
    }

    [Test]
    public void A_path_that_does_not_exist_has_every_fallback()
    {
        var missing = Path.Combine(_folders.New("git-missing"), "not-here");

        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).Revision(missing), Is.EqualTo(GitFacts.UnknownRevision));
            Assert.That(new GitFacts(_context).Describe(missing), Is.Null);
            Assert.That(new GitFacts(_context).HasUncommittedChanges(missing), Is.Null);
        });
    }

    [Test]
    public void A_repository_without_a_commit_has_no_revision_time_or_description_and_a_clean_tree()
    {
        var repository = NewRepository();

        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).Revision(repository), Is.EqualTo(GitFacts.UnknownRevision));
            Assert.That(new GitFacts(_context).CommitTime(repository), Is.Null);
            Assert.That(new GitFacts(_context).Describe(repository), Is.Null);
            Assert.That(new GitFacts(_context).HasUncommittedChanges(repository), Is.False);
        });
    }

    [Test]
    public void An_untagged_commit_gives_its_sha_its_committer_time_and_the_abbreviated_sha_as_description()
    {
        var repository = NewRepository();
        Commit(repository, "pyproject.toml");

        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).Revision(repository), Is.EqualTo(Git(repository, "rev-parse", "HEAD")));
            Assert.That(new GitFacts(_context).CommitTime(repository), Is.EqualTo(Committed.ToUnixTimeSeconds()), "the committer's time, not the author's");
            Assert.That(new GitFacts(_context).Describe(repository), Is.EqualTo(Git(repository, "describe", "--tags", "--always"))
                .And.EqualTo(Git(repository, "rev-parse", "--short=7", "HEAD")));
            Assert.That(_context.Logged, Is.Empty, "Cake.Git's warning for a commit no tag describes is not shown");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_tagged_commit_is_described_by_its_tag_and_a_later_one_as_git_describes_it(bool annotated)
    {
        var repository = NewRepository();
        Commit(repository, "pyproject.toml");
        Git(repository, annotated ? ["tag", "-a", "-m", "release", "v1.2.0"] : ["tag", "v1.2.0"]);

        Assert.That(new GitFacts(_context).Describe(repository), Is.EqualTo("v1.2.0"));

        Commit(repository, "README.md");
        var described = new GitFacts(_context).Describe(repository);
        Assert.Multiple(() =>
        {
            Assert.That(described, Does.StartWith("v1.2.0-1-g"));
            Assert.That(described, Is.EqualTo(Git(repository, "describe", "--tags", "--always")));
        });
    }

    [Test]
    public void A_changed_tracked_file_or_an_untracked_one_makes_the_tree_dirty_and_a_commit_clean_again()
    {
        var repository = NewRepository();
        Commit(repository, "pyproject.toml");
        Assert.That(new GitFacts(_context).HasUncommittedChanges(repository), Is.False);

        File.AppendAllText(Path.Combine(repository, "pyproject.toml"), "changed\n");
        Assert.That(new GitFacts(_context).HasUncommittedChanges(repository), Is.True);

        Git(repository, "checkout", "--", "pyproject.toml");
        File.WriteAllText(Path.Combine(repository, "new.py"), "");
        Assert.That(new GitFacts(_context).HasUncommittedChanges(repository), Is.True, "untracked files count, as in git status");

        Commit(repository, "new.py");
        Assert.That(new GitFacts(_context).HasUncommittedChanges(repository), Is.False);
    }

    [Test]
    public void A_subfolder_of_the_work_tree_has_the_facts_of_its_repository()
    {
        var repository = NewRepository();
        var subfolder = Directory.CreateDirectory(Path.Combine(repository, "src", "package")).FullName;
        Commit(repository, Path.Combine("src", "package", "module.py"));
        Git(repository, "tag", "v2.0");
        File.AppendAllText(Path.Combine(subfolder, "module.py"), "changed\n");

        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).Revision(subfolder), Is.EqualTo(Git(repository, "rev-parse", "HEAD")));
            Assert.That(new GitFacts(_context).CommitTime(subfolder), Is.EqualTo(Committed.ToUnixTimeSeconds()));
            Assert.That(new GitFacts(_context).Describe(subfolder), Is.EqualTo("v2.0"));
            Assert.That(new GitFacts(_context).HasUncommittedChanges(subfolder), Is.True);
        });
    }

    [Test]
    public void A_relative_path_is_taken_from_the_working_directory()
    {
        var repository = NewRepository();
        Directory.CreateDirectory(Path.Combine(repository, "src"));
        Commit(repository, Path.Combine("src", "module.py"));
        // Setting the context's WorkingDirectory would change the process's, under tests running beside this one.
        var relative = Path.GetRelativePath(_context.Environment.WorkingDirectory.FullPath, Path.Combine(repository, "src"));

        Assert.That(new GitFacts(_context).Revision(relative), Is.EqualTo(Git(repository, "rev-parse", "HEAD")));
    }

    [Test]
    public void A_linked_worktree_is_a_work_tree_of_its_own()
    {
        var repository = NewRepository();
        Commit(repository, "pyproject.toml");
        var worktree = Path.Combine(_folders.New("git-worktree"), "linked");
        Git(repository, "worktree", "add", "-q", "-b", "other", worktree);
        Commit(worktree, "other.py");

        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).Revision(worktree), Is.EqualTo(Git(worktree, "rev-parse", "HEAD"))
                .And.Not.EqualTo(Git(repository, "rev-parse", "HEAD")));
            Assert.That(new GitFacts(_context).HasUncommittedChanges(worktree), Is.False);
        });

        File.AppendAllText(Path.Combine(worktree, "other.py"), "changed\n");
        Assert.Multiple(() =>
        {
            Assert.That(new GitFacts(_context).HasUncommittedChanges(worktree), Is.True, "the linked work tree's own changes");
            Assert.That(new GitFacts(_context).HasUncommittedChanges(repository), Is.False);
        });
    }

    private string NewRepository()
    {
        var folder = _folders.New("git");
        Git(folder, "init", "-q", "-b", "main");
        return folder;
    }

    /// <summary>Writes the file and commits it with fixed, different author and committer times.</summary>
    private static void Commit(string workTree, string file)
    {
        File.AppendAllText(Path.Combine(workTree, file), $"{file}\n");
        Git(workTree, "add", file);
        Git(workTree, "commit", "-q", "-m", $"add {file}");
    }

    private static string Git(string workTree, params string[] arguments)
    {
        var (exitCode, output) = Run(workTree, "git", arguments);
        Assert.That(exitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {output}");
        return output.Trim();
    }

    private static (int ExitCode, string Output) Run(string folder, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No system or user configuration (signing, hooks, a default branch) reaches these repositories.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Wheelsmith Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "tests@wheelsmith.invalid";
        start.Environment["GIT_AUTHOR_DATE"] = $"@{Authored.ToUnixTimeSeconds()} +0000";
        start.Environment["GIT_COMMITTER_DATE"] = $"@{Committed.ToUnixTimeSeconds()} +0200";
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
