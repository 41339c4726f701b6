using System.Reflection;
using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Preflight;

/// <summary>
/// What can be known wrong before the first task of a real run, each said in one line: a host
/// that cannot be set up, aarch64 emulation that cannot be had, an engine that does not answer, a
/// base image that is neither present nor pullable, a build or test requirement the offline image does
/// not carry. Nothing here starts a container. Then the
/// containers of killed earlier runs are removed and Ctrl+C/SIGTERM are watched. What is checked
/// follows from the <see cref="NeedsAttribute"/> of the tasks the target runs.
/// </summary>
public static class BuildPreflight
{
    public static void Check(BuildContext context, IReadOnlyList<IFrostingTask> tasks)
    {
        var needs = tasks.Aggregate((TargetNeeds)0, (all, task) => all | (task.GetType().GetCustomAttribute<NeedsAttribute>()?.Needs ?? 0));
        if (needs == 0)
        {
            // The plan alone: no engine, no host set-up.
            return;
        }

        // First: a requirement the image lacks is the project's to fix, whatever the host and the engine.
        if (needs.HasFlag(TargetNeeds.Requirements))
        {
            OfflineRequirements.Check(context.Plan.Cells);
        }

        context.Interruption.Watch();
        if (!needs.HasFlag(TargetNeeds.Host))
        {
            if (needs.HasFlag(TargetNeeds.Engine))
            {
                _ = context.EngineVersion;
            }

            // ImageMagick writes into --output with no engine.
            if (needs.HasFlag(TargetNeeds.OutputLock))
            {
                context.OutputLock.Acquire(context, context.Plan.Options.Output, context.Plan.Options.NoWait, context.Plan.User, context.Plan.RunId);
            }

            return;
        }

        var plan = context.Plan;
        var missing = plan.HostNeeds.Where(r => !r.IsPresent).ToList();
        var canSetUp = HostPrerequisites.CanInstall;
        if (plan.NeedsQemu && !CanEmulateAarch64(context, canSetUp, missing.Count == 0))
        {
            // What the host lacks (exit 1, as the other host checks), named by the option that asks for it.
            throw new CakeException("--arch: arm64 needs QEMU user emulation on this x86_64 host, and it cannot be set up here: install qemu-user-static and binfmt-support and run as root, or build --arch=x86_64");
        }

        if (missing.Count > 0 && !canSetUp)
        {
            throw new CakeException(HostPrerequisites.Explain(missing));
        }

        // On a fresh machine PrepareHost starts the local engine; only an engine that should answer now is asked.
        if (missing.Count == 0 || !string.IsNullOrEmpty(context.Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            _ = context.EngineVersion;
            foreach (var architecture in plan.Options.Architectures)
            {
                RequireBaseImage(context, architecture);
            }

            if (plan.Options.Base.IsLocal())
            {
                WarnIfCacheDiskIsLow(context);
            }

            if (plan.Options.Base == BaseKind.LocalManylinux231 && plan.Options.CPythons is null)
            {
                context.Information(Manylinux231.CPythonCatalogue.In(plan.Options.Get(OptionDeclarations.Cache)).NotGiven);
            }

            // Last: a run that waits for another's --output holds nothing else meanwhile.
            if (needs.HasFlag(TargetNeeds.OutputLock))
            {
                context.OutputLock.Acquire(context, plan.Options.Output, plan.Options.NoWait, plan.User, plan.RunId);
            }

            StaleContainers.Remove(context, plan.ContainerLabels[ToolLabels.Host]);
        }
    }

    // Making the root file systems needs room for a root and its tarball at once (the cross root is the largest).
    private static void WarnIfCacheDiskIsLow(BuildContext context)
    {
        const long needed = 4L * 1024 * 1024 * 1024;
        var cache = context.Options.Get(OptionDeclarations.Cache);
        var existing = cache;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }

        var free = new DriveInfo(existing).AvailableFreeSpace;
        if (free < needed)
        {
            context.Warning($"The cache's disk ({cache}) has {free / 1024.0 / 1024 / 1024:F1} GB free; making the local base's root file systems needs about {needed / 1024 / 1024 / 1024} GB. A run that has to make one may fail for room (--cache moves the cache).");
        }
    }

    // The same ways PrepareQemu has: a handler already enabled, update-binfmts as root, or the registration image.
    private static bool CanEmulateAarch64(BuildContext context, bool canSetUp, bool engineReady) =>
        BinfmtHandler.Read() is { Enabled: true }
        || (HostCommand.IsRoot && (canSetUp || File.Exists("/usr/bin/qemu-aarch64-static")))
        || (engineReady && context.DockerImageId(BinfmtHandler.RegistrationImage) is not null);

    private static void RequireBaseImage(BuildContext context, Architecture architecture)
    {
        var image = BaseImages.For(context.Options, architecture, context.Plan.Paths, context.Plan.Policy.CPythons);
        if (image.Recipe is not null)
        {
            _ = AptMirror.Find();
            return;
        }

        BaseImages.EnsurePulled(context, context.Inventory, image, quiet: true);
    }
}
