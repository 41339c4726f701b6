using Cake.Core;
using Cake.Core.Annotations;

namespace Wheelsmith.Docker;

public static partial class DockerAliases
{
    /// <summary>The engine's version; fails with how to start one when none answers.</summary>
    [CakeMethodAlias]
    public static string DockerEngineVersion(this ICakeContext context)
    {
        var engine = ContainerEngine.Of(context);
        if (context.Tools.Resolve(engine.Name) is null)
        {
            throw new CakeException($"The {engine} command is not installed: install it (Debian: apt-get install {engine.DebianPackage}).");
        }

        var (exitCode, output) = new DockerRunner<DockerVersionSettings>(context).TryRun(new DockerVersionSettings { Format = "{{.Server.Version}}" });
        if (exitCode == 0 && output.Count > 0 && output[0].Trim().Length > 0)
        {
            return output[0].Trim();
        }

        if (!engine.NeedsDaemon)
        {
            throw new CakeException($"{engine} does not answer 'version': check its installation ({engine} version).");
        }

        var host = context.Environment.GetEnvironmentVariable("DOCKER_HOST");
        throw new CakeException(string.IsNullOrEmpty(host)
            ? "No Docker engine answers at unix:///var/run/docker.sock. Start one (as root: dockerd --bridge=none --iptables=false >/var/log/dockerd.log 2>&1 &, or systemctl start docker), or set DOCKER_HOST to a running engine."
            : $"No Docker engine answers at DOCKER_HOST={host}. Start that engine, or unset DOCKER_HOST to use the local one.");
    }
}
