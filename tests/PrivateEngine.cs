using System.Diagnostics;

namespace Wheelsmith.Tests;

/// <summary>
/// A Docker engine of the test's own (its data root, socket and containerd namespace under a
/// temporary folder), which a test may stop and start again without touching the machine's engine.
/// </summary>
internal sealed class PrivateEngine : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wheelsmith-engine-").FullName;
    private Process? _dockerd;

    private PrivateEngine()
    {
    }

    public string DockerHost => $"unix://{Path.Combine(_folder, "docker.sock")}";

    public static PrivateEngine Start()
    {
        var engine = new PrivateEngine();
        engine.Restart();
        return engine;
    }

    /// <summary>Starts (again) on the same data root, and waits until it answers.</summary>
    public void Restart()
    {
        var namespaceName = "wheelsmith-test-" + Path.GetFileName(_folder).Split('-')[^1].ToLowerInvariant();
        var command = $"exec dockerd --data-root '{_folder}/data' --exec-root '{_folder}/exec' --pidfile '{_folder}/docker.pid' -H '{DockerHost}' "
            + $"--bridge=none --iptables=false --ip6tables=false --containerd-namespace {namespaceName} --containerd-plugins-namespace {namespaceName}-plugins "
            + $">>'{_folder}/dockerd.log' 2>&1";
        _dockerd = Process.Start(new ProcessStartInfo("sh", ["-c", command]))!;
        var clock = Stopwatch.StartNew();
        while (BuildProcess.Exec("docker", ["-H", DockerHost, "version"]).ExitCode != 0)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), () => "the private engine did not start:\n" + File.ReadAllText(Path.Combine(_folder, "dockerd.log")));
            Thread.Sleep(250);
        }
    }

    /// <summary>Stops the engine as its service would (SIGTERM), and waits for it to end.</summary>
    public void Stop()
    {
        if (_dockerd is null || _dockerd.HasExited)
        {
            return;
        }

        BuildProcess.Exec("kill", ["-TERM", _dockerd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (!_dockerd.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            _dockerd.Kill();
            _dockerd.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        BuildProcess.Exec("sh", ["-c", $"grep -o ' {_folder}/[^ ]*' /proc/mounts | sort -r | xargs -r umount -l; rm -rf '{_folder}'"]);
    }
}
