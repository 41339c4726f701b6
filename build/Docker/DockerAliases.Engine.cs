using Cake.Core;
using Cake.Core.Annotations;

namespace Wheelsmith.Docker;

public static partial class DockerAliases
{
    /// <summary>The engine's version; fails with how to start one when none answers.</summary>
    [CakeMethodAlias]
    public static string DockerEngineVersion(this ICakeContext context)
    {
        if (context.Tools.Resolve("docker") is null)
        {
            throw new CakeException("The docker command is not installed: install a Docker client and engine (Debian: apt-get install docker.io).");
        }

        var (exitCode, output) = new DockerRunner<DockerVersionSettings>(context).TryRun(new DockerVersionSettings { Format = "{{.Server.Version}}" });
        if (exitCode == 0 && output.Count > 0 && output[0].Trim().Length > 0)
        {
            return output[0].Trim();
        }

        var host = context.Environment.GetEnvironmentVariable("DOCKER_HOST");
        throw new CakeException(string.IsNullOrEmpty(host)
            ? "No Docker engine answers at unix:///var/run/docker.sock. Start one (as root: dockerd --bridge=none --iptables=false >/var/log/dockerd.log 2>&1 &, or systemctl start docker), or set DOCKER_HOST to a running engine."
            : $"No Docker engine answers at DOCKER_HOST={host}. Start that engine, or unset DOCKER_HOST to use the local one.");
    }
}
