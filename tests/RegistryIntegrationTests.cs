using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// The registry path against a real registry (Debian's docker-registry) on a loopback port: a
/// base pushed there, pulled by the build and not pulled again; a registry that comes back during
/// the retries; one that stays down; a name it does not have.
/// </summary>
[Order(StartOrder.Registry)]
public sealed partial class RegistryIntegrationTests : DockerFixture
{
    protected override string Needing => "The registry path";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    // Alone it takes about 26 s for 12 CPU-seconds: the rest is its retries' back-off and a registry down.
    protected override bool MostlyWaits => true;

    private string _folder = null!;
    private int _port;
    private Process? _registry;

    private string Base => $"127.0.0.1:{_port}/wheelsmith-test/debian:1";

    private string[] Images(string baseImage) => ["--target=Images", "--base=local", "--arch=x86_64", "--x64-base-image=" + baseImage];

    [OneTimeSetUp]
    public void StartRegistryWithALocalBase()
    {
        RequireRegistry();
        _folder = Directory.CreateTempSubdirectory("wheelsmith-registry-").FullName;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        // The local amd64 base, as the x86_64 image task makes it, pushed under the registry's name. The registry's
        // storage is kept in the cache, one per base image (pushing 850 MB costs a core for a minute): a later suite
        // with the same base starts the registry on it and pushes nothing.
        var made = BuildProcess.Run(["--target=BuildX64Image", "--base=local"], timeout: TimeSpan.FromMinutes(30));
        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        var local = DockerEngine.Output("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "wheelsmith/debian-unstable-amd64").Split('\n')[0];
        var storage = Storage(DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", local));
        var pushed = Path.Combine(storage, "pushed");
        File.WriteAllText(Path.Combine(_folder, "config.yml"),
            $"version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: {storage}/data\nhttp:\n  addr: 127.0.0.1:{_port}\n");
        StartRegistry();
        if (!File.Exists(pushed))
        {
            DockerEngine.Output("tag", local, Base);
            DockerEngine.Output("push", "--quiet", Base);
            DockerEngine.Output("image", "rm", Base);
            File.WriteAllText(pushed, local);
        }
    }

    // The registry's storage for a base image, the storage of any other base removed.
    private static string Storage(string imageId)
    {
        var parent = Path.Combine(OptionsTests.Parse().Get(Options.OptionDeclarations.Cache), "tests");
        var storage = Path.Combine(parent, "registry-" + imageId.Replace("sha256:", string.Empty, StringComparison.Ordinal)[..16]);
        foreach (var other in Directory.Exists(parent) ? Directory.GetDirectories(parent, "registry-*").Where(d => d != storage) : [])
        {
            Directory.Delete(other, recursive: true);
        }

        Directory.CreateDirectory(storage);
        return storage;
    }

    [OneTimeTearDown]
    public void StopRegistry()
    {
        StopRegistryProcess();
        DockerEngine.Docker("image", "rm", Base);
        Directory.Delete(_folder, recursive: true);
    }

    [SetUp]
    public void RegistryUpAndBaseOffTheEngine()
    {
        StartRegistry();
        DockerEngine.Docker("image", "rm", Base);
    }

    private static void RequireRegistry()
    {
        if (File.Exists("/usr/bin/docker-registry"))
        {
            return;
        }

        if (Environment.IsPrivilegedProcess && File.Exists("/usr/bin/apt-get"))
        {
            BuildProcess.Exec("apt-get", ["-o", "Acquire::Check-Valid-Until=false", "update"], timeout: TimeSpan.FromMinutes(5));
            var install = BuildProcess.Exec("apt-get", ["install", "-y", "--no-install-recommends", "docker-registry"], new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }, TimeSpan.FromMinutes(5));
            Assert.That(install.ExitCode, Is.Zero, install.ToString());
            // The package starts its own service on :5000; these tests run their own.
            BuildProcess.Exec("sh", ["-c", "service docker-registry stop || pkill -f '^/usr/bin/docker-registry serve /etc/docker/registry/config.yml' || true"]);
            return;
        }

        var message = "The registry tests need Debian's docker-registry (apt-get install docker-registry).";
        if (DockerEngine.InCI)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    private void StartRegistry()
    {
        if (_registry is { HasExited: false })
        {
            return;
        }

        _registry = Process.Start(new ProcessStartInfo("sh", ["-c", $"exec /usr/bin/docker-registry serve '{_folder}/config.yml' >>'{_folder}/registry.log' 2>&1"]))!;
        var clock = Stopwatch.StartNew();
        while (!Answers())
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), () => "the registry did not start:\n" + File.ReadAllText(Path.Combine(_folder, "registry.log")));
            Thread.Sleep(100);
        }
    }

    private void StopRegistryProcess()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill();
            _registry.WaitForExit();
        }
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, _port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Pulls(long since, long until) => DockerEngine.Output("events", "--since", since.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--until", until.ToString(System.Globalization.CultureInfo.InvariantCulture), "--filter", "type=image", "--filter", "event=pull", "--format", "{{.Actor.ID}}");

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Test]
    public void A_base_in_the_registry_is_pulled_once_and_a_second_run_does_not_pull_again()
    {
        var since = Now() - 1;
        var first = BuildProcess.Run(Images(Base), timeout: TimeSpan.FromMinutes(10));
        var between = Now() + 1;
        var second = BuildProcess.Run(Images(Base), timeout: TimeSpan.FromMinutes(10));
        var until = Now() + 1;
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(Pulls(since, between), Does.Contain(Base), "the first run pulled the base");
            Assert.That(Pulls(between, until), Is.Empty, "the second run pulled again");
            Assert.That(first.Output + second.Output, Does.Not.Contain("attempt"));
        });
    }

    [Test]
    public void A_registry_that_comes_back_during_the_retries_is_pulled_from()
    {
        StopRegistryProcess();
        using var run = BuildProcess.Start(Images(Base));
        run.WaitFor("attempt 1 of 4 failed", TimeSpan.FromMinutes(2));
        StartRegistry();
        var result = run.Wait(TimeSpan.FromMinutes(10));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Match($@"Pulling {Regex.Escape(Base)}: attempt 1 of 4 failed \(.+\); trying 127\.0\.0\.1:{_port} again in 2 s\."));
            Assert.That(RetryLine().Matches(result.Output), Has.Count.LessThanOrEqualTo(2), "each retry is one line");
        });
    }

    [Test]
    public void A_registry_that_stays_down_is_one_line_after_bounded_retries_and_no_container()
    {
        StopRegistryProcess();
        var since = Now() - 1;
        var clock = Stopwatch.StartNew();
        var run = BuildProcess.Run(Images(Base), timeout: TimeSpan.FromMinutes(5));

        TestContext.Out.WriteLine($"Gave up after {clock.Elapsed.TotalSeconds:F1} s.");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(RetryLine().Matches(run.Output).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "1", "2", "3" }), "three retries, each one line");
            Assert.That(run.Output, Does.Contain($"Error: --x64-base-image: base image '{Base}' could not be pulled: the registry 127.0.0.1:{_port} did not answer in 4 attempts over 14 s"));
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(14)).And.LessThan(TimeSpan.FromSeconds(90)));
            Assert.That(DockerEngine.ContainersCreatedBy(run.ProcessId, since, Now() + 1), Is.Empty, "no container started");
        });
    }

    [Test]
    public void A_name_the_registry_does_not_have_is_one_line_without_retries()
    {
        var missing = $"127.0.0.1:{_port}/wheelsmith-test/nothing-here:1";
        var clock = Stopwatch.StartNew();
        var run = BuildProcess.Run(Images(missing), timeout: TimeSpan.FromMinutes(2));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Contain($"Error: --x64-base-image: base image '{missing}' is not in the registry 127.0.0.1:{_port}"));
            Assert.That(RetryLine().Matches(run.Output), Is.Empty, "no retry for an answer");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        });
    }

    [GeneratedRegex(@"attempt (\d) of 4 failed")]
    private static partial Regex RetryLine();
}
