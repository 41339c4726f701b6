namespace Wheelsmith.Tests;

/// <summary>
/// Around the whole suite: first the build's own set-up (it installs what is missing as root on
/// Debian and finds it in place afterwards), so that on a fresh machine the test command alone is
/// enough; at the end, no container of this tool may be left.
/// </summary>
[SetUpFixture]
public sealed class SuiteChecks
{
    /// <summary>The set-up step that failed and what it said; every Docker test then fails in CI (is skipped elsewhere) saying so.</summary>
    public static string? SetUpFailure { get; private set; }

    private static readonly object FirstFailure = new();

    /// <summary>
    /// The one shared set-up of the slow tests, before any fixture: the host (engine, QEMU, debootstrap,
    /// mmdebstrap, and Podman for its fixture), then, side by side, every image of the local base, cross-built and
    /// emulated, with their cached root file systems, and the manylinux_2_31 base's images for the
    /// CPythons its tests build. A fresh machine makes them once here (the emulated arm64 root takes
    /// minutes under QEMU, the compiled trees about half an hour); later it finds them all up to date in seconds.
    /// The fixtures then only read the cache, also those that run beside the Docker lane.
    /// </summary>
    [OneTimeSetUp]
    public void PrepareTheHostAndTheImages()
    {
        string[][] host =
        [
            ["--target=PrepareQemu", "--base=local"],
            ["--target=PrepareHost", "--base=local", "--engine=podman"],
        ];
        string[][] localBase =
        [
            ["--target=Images", "--base=local"],
            ["--target=Images", "--base=local", "--arch=arm64", "--arm-build=emulated"],
        ];
        string[][] manylinux231Base =
        [
            ["--target=Images", "--base=local-manylinux_2_31", Manylinux231IntegrationTests.CPythons],
            ["--target=Images", "--base=local-manylinux_2_31", BuildBackendsIntegrationTests.Manylinux231Pair],
        ];

        // The two bases side by side: the manylinux_2_31 base's compiles keep both cores busy but for their configure
        // scripts and unpacking, which the local base's making (package scripts, most of them under QEMU on one core)
        // fills. Trees both need are made once: a run waits for the other's lock on a tree (CachedTrees).
        if (Steps(host))
        {
            Task.WaitAll(Task.Run(() => Steps(localBase)), Task.Run(() => Steps(manylinux231Base)));
        }
    }

    /// <summary>Runs <paramref name="steps"/> one after another, until one fails.</summary>
    private static bool Steps(string[][] steps)
    {
        foreach (var step in steps)
        {
            var result = BuildProcess.Run(step, timeout: TimeSpan.FromMinutes(60));
            if (result.ExitCode != 0)
            {
                // Not fatal here: each Docker test then fails in CI, or is skipped elsewhere, saying why, rather than
                // making the images itself beside the others.
                lock (FirstFailure)
                {
                    SetUpFailure ??= $"{string.Join(' ', step)}: {result}";
                }

                TestContext.Progress.WriteLine($"The suite's set-up ({string.Join(' ', step)}) did not complete; tests that need Docker or QEMU will say so.\n{result}");
                return false;
            }
        }

        return true;
    }

    [OneTimeTearDown]
    public void NoContainerOfTheToolIsLeft()
    {
        if (DockerEngine.Docker("version").ExitCode != 0)
        {
            return;
        }

        Assert.That(DockerEngine.LabelledContainers(), Is.Empty,
            "containers labelled io.wheelsmith.tool were left behind");
    }
}
