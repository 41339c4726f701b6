using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Tests;

/// <summary>What goes into the images, without Docker: the Debian bootstrap's commands and the staged build context.</summary>
public sealed class ImageRecipeTests
{
    private const string Emulator = "/usr/libexec/qemu-binfmt/aarch64-binfmt-P";

    [Test]
    public void With_the_F_flag_the_bootstrap_is_one_debootstrap()
    {
        var commands = new DebianBaseRecipe(Architecture.Arm64).BootstrapCommands("/cache/rootfs", "http://deb.example/debian", emulator: null);
        Assert.That(commands, Has.Count.EqualTo(1));
        Assert.That(commands[0].Program, Is.EqualTo("debootstrap"));
        Assert.That(commands[0].Arguments[0], Is.EqualTo("--arch=arm64"));
        Assert.That(commands[0].Arguments[^3..], Is.EqualTo(new[] { "unstable", "/cache/rootfs", "http://deb.example/debian" }));
    }

    [Test]
    public void Without_the_F_flag_the_second_stage_runs_with_the_emulator_inside_and_it_is_removed_after()
    {
        var recipe = new DebianBaseRecipe(Architecture.Arm64);
        var commands = recipe.BootstrapCommands("/cache/rootfs", "http://deb.example/debian", Emulator);
        Assert.That(commands.Select(c => c.Program + " " + string.Join(' ', c.Arguments)), Is.EqualTo(new[]
        {
            "debootstrap --foreign " + string.Join(' ', recipe.DebootstrapArguments) + " /cache/rootfs http://deb.example/debian",
            "install -D -m 0755 " + Emulator + " /cache/rootfs" + Emulator,
            "chroot /cache/rootfs /debootstrap/debootstrap --second-stage",
            "rm -f /cache/rootfs" + Emulator,
        }));
    }

    [Test]
    public void The_base_recipe_names_one_image_per_architecture_whichever_way_it_is_made()
    {
        var arm = new DebianBaseRecipe(Architecture.Arm64);
        Assert.Multiple(() =>
        {
            Assert.That(arm.Reference, Does.Match(@"^wheelsmith/debian-unstable-arm64:[0-9a-f]{16}$"));
            Assert.That(new DebianBaseRecipe(Architecture.X86_64).Reference, Does.StartWith("wheelsmith/debian-unstable-amd64:").And.Not.EndWith(arm.Hash[..16]));
            Assert.That(arm.TarballName, Is.EqualTo($"debian-unstable-arm64-{arm.Hash[..16]}.tar"));
        });
    }

    [Test]
    public void The_emulator_is_staged_into_the_arm_context_only_and_changes_its_image()
    {
        var cache = Directory.CreateTempSubdirectory("wheelsmith-contexts-").FullName;
        var emulator = Path.Combine(cache, "qemu-aarch64-static");
        File.WriteAllText(emulator, "not really an emulator");
        try
        {
            var images = OptionsTests.Paths.ImagesDirectory;
            string Hash(string context) => new ImageRecipe(Architecture.Arm64, "base", "sha256:1", context, Offline: true).Hash;

            var plain = Hash(ImageRecipe.StageContext(images, cache, Architecture.Arm64, qemuInterpreter: null));
            var arm = ImageRecipe.StageContext(images, cache, Architecture.Arm64, emulator);
            var staged = Path.Combine(arm, "overlay", emulator.TrimStart('/'));
            Assert.Multiple(() =>
            {
                Assert.That(File.ReadAllText(staged), Is.EqualTo("not really an emulator"));
                Assert.That(Hash(arm), Is.Not.EqualTo(plain));
                Assert.That(Directory.GetFiles(images, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Has.None.EqualTo("qemu-aarch64-static"), "written into --images");
            });

            var x64 = ImageRecipe.StageContext(images, cache, Architecture.X86_64, emulator);
            Assert.That(File.Exists(Path.Combine(x64, "overlay", emulator.TrimStart('/'))), Is.False);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
