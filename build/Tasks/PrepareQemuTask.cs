using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Preflight;

namespace Wheelsmith.Tasks;

[TaskName("PrepareQemu")]
[TaskDescription("Makes this x86_64 host run aarch64 programs through QEMU (binfmt_misc), and proves it.")]
[IsDependentOn(typeof(PrepareHostTask))]
[Needs(TargetNeeds.Host)]
public sealed class PrepareQemuTask : FrostingTask<BuildContext>
{
    public override bool ShouldRun(BuildContext context) => context.Plan.NeedsQemu;

    public override void Run(BuildContext context)
    {
        if (!BinfmtHandler.IsMounted)
        {
            RequireRoot("mount binfmt_misc");
            context.Information("Mounting binfmt_misc.");
            HostCommand.Run(context, "mount", "-t", "binfmt_misc", "binfmt_misc", BinfmtHandler.Directory);
        }

        var handler = BinfmtHandler.Read();
        var registered = false;
        if (handler is { Enabled: true })
        {
            context.Information($"aarch64 handler already registered: {handler.Interpreter}, flags {handler.Flags}.");
        }
        else
        {
            Register(context);
            registered = true;
            handler = BinfmtHandler.Read();
            if (handler is not { Enabled: true })
            {
                throw new CakeException($"The aarch64 binfmt handler is still not enabled in {BinfmtHandler.Aarch64} after registration.");
            }

            context.Information($"aarch64 handler registered: {handler.Interpreter}, flags {handler.Flags}.");
        }

        if (!handler.FixBinary)
        {
            context.Information($"The handler lacks the F flag: {handler.Interpreter} will be copied into the aarch64 images' build contexts.");
        }

        // A handler found in place proved itself when its images were made (their probe checks uname -m);
        // only one registered now is proved here, so that a run with everything in place starts no container.
        if (!File.Exists(handler.Interpreter))
        {
            throw new CakeException($"The aarch64 handler names {handler.Interpreter}, which does not exist: reinstall qemu-user-static, or remove the handler (echo -1 > {BinfmtHandler.Aarch64}) and run again.");
        }

        if (registered)
        {
            Prove(context, handler);
        }
    }

    private static void Register(BuildContext context)
    {
        if (File.Exists("/usr/bin/qemu-aarch64-static") && File.Exists("/usr/sbin/update-binfmts") && HostCommand.IsRoot)
        {
            context.Information("Enabling the qemu-aarch64 handler with update-binfmts.");
            HostCommand.Run(context, "update-binfmts", "--enable", "qemu-aarch64");
            return;
        }

        if (context.DockerImageId(BinfmtHandler.RegistrationImage) is not null)
        {
            // The one privileged container this tool ever starts: it writes the kernel's binfmt table.
            context.Information($"Registering the handlers with the privileged {BinfmtHandler.RegistrationImage} container.");
            // A run of the image's own entry point, not a session: it does its work as it starts, then ends.
            var registration = new DockerContainerRunSettings { Rm = true, Privileged = true, Network = "none", Label = new(context.Plan.ContainerLabels) };
            context.DockerRun(registration, BinfmtHandler.RegistrationImage, "--reset", "-p", "yes");
            return;
        }

        throw new CakeException("This host cannot run aarch64 programs: install qemu-user-static and binfmt-support and run as root (apt-get install qemu-user-static binfmt-support), or load the multiarch/qemu-user-static image.");
    }

    // Without the F flag an image needs the emulator inside it; such a base cannot prove anything before BuildArmImage.
    private static void Prove(BuildContext context, BinfmtHandler handler)
    {
        var planned = context.Plan.Images.First(image => image.Architecture == Architecture.Arm64);
        var image = ImageSpec.For(planned, context.Options, context.Plan.Paths).Bases[0].Reference;
        if (!handler.FixBinary || context.DockerImageId(image) is null)
        {
            context.Information($"No runnable aarch64 image yet ({image}); BuildArmImage checks uname -m in the image it makes.");
            return;
        }

        var request = new ContainerRequest($"wheelsmith-{context.Plan.RunId}-prove-aarch64", image, context.Plan.ContainerLabels, "none")
        {
            Machine = Architecture.Arm64,
        };
        using var container = ContainerSession.Create(context, context.Resources, request, line => context.Warning(line));
        container.Start();
        var machine = string.Concat(container.ExecWithOutput(new DockerContainerExecSettings(), ["uname", "-m"])).Trim();
        if (machine != Architecture.Arm64.Machine)
        {
            throw new CakeException($"uname -m in {image} printed '{machine}', not aarch64: the binfmt handler does not work.");
        }

        context.Information($"uname -m in {image}: {machine}.");
    }

    private static void RequireRoot(string what)
    {
        if (!HostCommand.IsRoot)
        {
            throw new CakeException($"To {what} this build must run as root (or do it once by hand: sudo mount -t binfmt_misc binfmt_misc {BinfmtHandler.Directory}).");
        }
    }
}
