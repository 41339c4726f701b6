using System.Net.Sockets;
using Cake.Common.Diagnostics;
using Cake.Core;

namespace Wheelsmith.Host;

/// <summary>
/// Installs what the run plan's host needs lack (Docker engine, QEMU user emulation, debootstrap) on a
/// Debian-family host when run as root, and starts the local Docker engine.
/// </summary>
public static class HostPrerequisites
{
    private const string DefaultSocket = "/var/run/docker.sock";
    private const string EngineLog = "/var/log/wheelsmith-dockerd.log";

    /// <summary>Root on a Debian-family system: PrepareHost can install and start what is missing.</summary>
    public static bool CanInstall => HostCommand.IsRoot && File.Exists("/etc/debian_version");

    public static string Explain(IReadOnlyList<HostRequirement> missing) =>
        $"This host lacks {string.Join(", ", missing.Select(m => m.What))}: install {string.Join(" ", missing.Select(m => m.DebianPackage).Distinct())} (Debian/Ubuntu package names) and start the Docker engine, or run the build as root on a Debian-family system to let it do so.";

    public static void Install(ICakeContext context, IReadOnlyList<HostRequirement> missing)
    {
        if (!CanInstall)
        {
            throw new CakeException(Explain(missing));
        }

        var toInstall = missing.Where(m => !m.IsInstalled).Select(m => m.DebianPackage).Distinct().ToArray();
        if (toInstall.Length > 0)
        {
            context.Information($"Installing {string.Join(", ", toInstall)} with apt-get.");
            HostCommand.Run(context, "apt-get", "update");
            var install = HostCommand.Settings(["install", "-y", "--no-install-recommends", .. toInstall]);
            install.EnvironmentVariables = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            if (Cake.Common.ProcessAliases.StartProcess(context, "apt-get", install) != 0)
            {
                throw new CakeException($"apt-get install {string.Join(' ', toInstall)} failed; see its output above.");
            }
        }

        if (missing.Any(m => m.Answers is not null) && !LocalEngineAnswers())
        {
            StartEngine(context);
        }
    }

    // The engine runs with no bridge: builds and containers never need a network here.
    private static void StartEngine(ICakeContext context)
    {
        context.Information($"Starting the Docker engine (dockerd --bridge=none), log in {EngineLog}.");
        // Not through HostCommand.Run: an engine holding a redirected stream open would keep the run waiting for its end.
        var start = HostCommand.Settings(["--start", "--background", "--oknodo", "--exec", "/usr/sbin/dockerd",
            "--output", EngineLog, "--", "--bridge=none", "--iptables=false", "--ip6tables=false"]);
        if (Cake.Common.ProcessAliases.StartProcess(context, "start-stop-daemon", start) != 0)
        {
            throw new CakeException($"start-stop-daemon could not start the Docker engine; see {EngineLog}.");
        }
        for (var waited = 0; waited < 60 && !Answers(DefaultSocket); waited++)
        {
            Thread.Sleep(500);
        }

        if (!Answers(DefaultSocket))
        {
            throw new CakeException($"The Docker engine did not start within 30 s; see {EngineLog}.");
        }
    }

    /// <summary>Whether the local Docker engine answers on its default socket (a connection, no process started).</summary>
    public static bool LocalEngineAnswers() => Answers(DefaultSocket);

    private static bool Answers(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
