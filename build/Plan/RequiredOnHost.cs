using Wheelsmith.Host;
using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>What this host must have for the selected work: the engine's client (and for Docker a running engine), QEMU, debootstrap, mmdebstrap.</summary>
public static class RequiredOnHost
{
    public static IReadOnlyList<HostRequirement> For(BuildOptions options, Func<string, string?> environment, bool needsQemu, bool crossBuildsArm64)
    {
        var engine = options.Engine;
        var needs = new List<HostRequirement> { new($"the {engine} client", engine.Name, engine.DebianPackage) };

        // An engine named with DOCKER_HOST is the user's to run; only the local default is started here. Podman has no daemon.
        if (engine.NeedsDaemon && string.IsNullOrEmpty(environment("DOCKER_HOST")))
        {
            needs.Add(new("a running Docker engine", "dockerd", "docker.io", HostPrerequisites.LocalEngineAnswers));
        }

        if (options.Architectures.Any(a => BasePolicy.Bootstraps(options, a)))
        {
            needs.Add(new("debootstrap (for --base=local)", "debootstrap", "debootstrap"));
        }

        if (crossBuildsArm64)
        {
            needs.Add(new("mmdebstrap (for the aarch64 test image of cross builds)", "mmdebstrap", "mmdebstrap"));
        }

        if (needsQemu)
        {
            needs.Add(new("QEMU user emulation for aarch64", "qemu-aarch64-static", "qemu-user-static"));
            needs.Add(new("binfmt registration (update-binfmts)", "update-binfmts", "binfmt-support"));
        }

        return needs;
    }
}
