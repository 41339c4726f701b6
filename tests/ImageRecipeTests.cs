using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Tests;

/// <summary>What goes into the images, without Docker: the root file systems' commands and the staged build contexts.</summary>
public sealed class ImageRecipeTests
{
    private const string Emulator = "/usr/libexec/qemu-binfmt/aarch64-binfmt-P";

    [Test]
    public void With_the_F_flag_the_bootstrap_is_one_debootstrap()
    {
        var commands = new DebianBaseRecipe(Architecture.Arm64).Steps("/cache/rootfs", new TreeInputs("http://deb.example/debian", Emulator: null, ParentTarball: null, LayerTarballs: [], Sources: "/cache/sources"));
        Assert.That(commands, Has.Count.EqualTo(1));
        Assert.That(commands[0].Program, Is.EqualTo("debootstrap"));
        Assert.That(commands[0].Arguments[0], Is.EqualTo("--arch=arm64"));
        Assert.That(commands[0].Arguments[^3..], Is.EqualTo(new[] { "unstable", "/cache/rootfs", "http://deb.example/debian" }));
    }

    [Test]
    public void Without_the_F_flag_the_second_stage_runs_with_the_emulator_inside_and_it_is_removed_after()
    {
        var recipe = new DebianBaseRecipe(Architecture.Arm64);
        var commands = recipe.Steps("/cache/rootfs", new TreeInputs("http://deb.example/debian", Emulator, ParentTarball: null, LayerTarballs: [], Sources: "/cache/sources"));
        Assert.That(commands.Select(c => c.ToString()), Is.EqualTo(new[]
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
    public void The_base_has_a_cpp_compiler_the_installer_of_test_environments_and_the_offline_catalogue() =>
        Assert.That(DebianBaseRecipe.Packages, Has.Member("g++").And.Member("python3-installer").And.Member("cmake").And.Member("python3-pytest"));

    [Test]
    public void The_cross_root_is_the_amd64_root_plus_arm64_development_files_by_apt_in_a_chroot()
    {
        var recipe = new CrossBaseRecipe(OptionsTests.Paths.CrossHookDirectory);
        var steps = recipe.Steps("/cache/rootfs/cross", new TreeInputs("http://deb.example/debian", Emulator, "/cache/bases/amd64.tar", [], "/cache/sources")).Select(s => s.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(recipe.Parent, Is.EqualTo(new DebianBaseRecipe(Architecture.X86_64)));
            Assert.That(recipe.Reference, Does.Match(@"^wheelsmith/debian-unstable-amd64-cross-arm64:[0-9a-f]{16}$"));
            Assert.That(steps[1], Is.EqualTo("tar --numeric-owner -xf /cache/bases/amd64.tar -C /cache/rootfs/cross"));
            Assert.That(steps, Has.Member("chroot /cache/rootfs/cross dpkg --add-architecture arm64"));
            Assert.That(steps.Single(s => s.Contains(" install -y ")), Does.Contain("crossbuild-essential-arm64").And.Contain("libpython3.13-dev:arm64").And.Contain("libpython3.14-dev:arm64")
                .And.Contain("libmagickwand-7.q16-dev:arm64").And.Contain("pkgconf:arm64"));
            Assert.That(steps, Has.None.Contains(Emulator), "nothing of the cross root runs under QEMU");
        });
    }

    [Test]
    public void The_cross_root_changes_with_its_parent_and_its_start_up_hook()
    {
        var hooks = Directory.CreateTempSubdirectory("wheelsmith-hook-").FullName;
        try
        {
            File.Copy(Path.Combine(OptionsTests.Paths.CrossHookDirectory, "wheelsmith_cross.py"), Path.Combine(hooks, "wheelsmith_cross.py"));
            var before = new CrossBaseRecipe(hooks).Hash;
            File.AppendAllText(Path.Combine(hooks, "wheelsmith_cross.py"), "# changed\n");
            Assert.That(new CrossBaseRecipe(hooks).Hash, Is.Not.EqualTo(before));
        }
        finally
        {
            Directory.Delete(hooks, recursive: true);
        }
    }

    [Test]
    public void The_arm64_test_root_is_extracted_without_package_scripts()
    {
        var recipe = ArmRuntimeRecipe.Local;
        var steps = recipe.Steps("/cache/rootfs/rt", new TreeInputs("http://deb.example/debian", Emulator, null, [], "/cache/sources"));
        Assert.Multiple(() =>
        {
            Assert.That(steps.Select(s => s.Program), Is.EqualTo(new[] { "mmdebstrap" }));
            Assert.That(steps[0].Arguments, Has.Member("--variant=extract").And.Member("--architectures=arm64").And.Member("--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr"));
            Assert.That(steps[0].Arguments.Single(a => a.StartsWith("--include=", StringComparison.Ordinal)).Split('=')[1].Split(','),
                Is.SupersetOf(new[] { "python3.13", "python3.14", "libpython3.13-stdlib", "libstdc++6", "libgcc-s1", "dash", "coreutils" }));
            Assert.That(steps[0].Arguments[^2..], Is.EqualTo(new[] { "/cache/rootfs/rt", "http://deb.example/debian" }));
            Assert.That(recipe.Reference, Does.StartWith("wheelsmith/debian-unstable-arm64-runtime:"));
        });
    }

    [Test]
    public void Each_image_kind_has_its_recipe_bases_and_machine()
    {
        var options = OptionsTests.Parse("--base=local");
        var build = ImageSpec.Build(options, Architecture.Arm64, OptionsTests.Paths, BasePolicy.LocalCPythons);
        var cross = ImageSpec.Cross(options, OptionsTests.Paths, BasePolicy.LocalCPythons);
        var test = ImageSpec.ArmTest(options, OptionsTests.Paths, BasePolicy.LocalCPythons);
        Assert.Multiple(() =>
        {
            Assert.That((build.Repository, build.Machine, build.RecipeDirectory), Is.EqualTo(("wheelsmith/build-aarch64", Architecture.Arm64, OptionsTests.Paths.ImagesDirectory)));
            Assert.That(build.Bases.Single().Recipe, Is.EqualTo(new DebianBaseRecipe(Architecture.Arm64)));
            Assert.That((cross.Repository, cross.Machine, cross.RecipeDirectory), Is.EqualTo(("wheelsmith/cross-aarch64", Architecture.X86_64, OptionsTests.Paths.ImagesDirectory)));
            Assert.That(cross.Bases.Single().Recipe, Is.TypeOf<CrossBaseRecipe>());
            Assert.That((test.Repository, test.Machine, test.RecipeDirectory), Is.EqualTo(("wheelsmith/test-aarch64", Architecture.Arm64, OptionsTests.Paths.TestImageDirectory)));
            Assert.That(test.Bases.Select(b => (b.BuildArgument, b.Recipe?.Name)), Is.EqualTo(new[]
            {
                ("RUNTIME_BASE", "debian-unstable-arm64-runtime"), ("COMPILER_IMAGE", "debian-unstable-amd64"),
            }));
            Assert.That(new[] { build, cross, test }.Select(s => s.Offline), Is.All.True);
        });
    }

    [Test]
    public void The_emulator_is_staged_into_aarch64_contexts_only_and_changes_their_image()
    {
        var cache = Directory.CreateTempSubdirectory("wheelsmith-contexts-").FullName;
        var emulator = Path.Combine(cache, "qemu-aarch64-static");
        File.WriteAllText(emulator, "not really an emulator");
        try
        {
            var options = OptionsTests.Parse("--base=local");
            var images = OptionsTests.Paths.ImagesDirectory;
            var arm = ImageSpec.Build(options, Architecture.Arm64, OptionsTests.Paths, BasePolicy.LocalCPythons);
            string Hash(string context) => new ImageRecipe(arm, new Dictionary<string, string> { ["BASE_IMAGE"] = "sha256:1" }, context).Hash;

            var plain = Hash(ImageRecipe.StageContext(arm, Path.Combine(cache, arm.Key), qemuInterpreter: null));
            var staged = ImageRecipe.StageContext(arm, Path.Combine(cache, arm.Key), emulator);
            Assert.Multiple(() =>
            {
                Assert.That(File.ReadAllText(Path.Combine(staged, "overlay", emulator.TrimStart('/'))), Is.EqualTo("not really an emulator"));
                Assert.That(Hash(staged), Is.Not.EqualTo(plain));
                Assert.That(Directory.GetFiles(images, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Has.None.EqualTo("qemu-aarch64-static"), "written into --images");
            });

            var test = ImageRecipe.StageContext(ImageSpec.ArmTest(options, OptionsTests.Paths, BasePolicy.LocalCPythons), Path.Combine(cache, "test"), emulator);
            Assert.That(File.Exists(Path.Combine(test, "overlay", emulator.TrimStart('/'))), Is.True, "the test image runs under QEMU too");
            foreach (var x64 in new[] { ImageSpec.Build(options, Architecture.X86_64, OptionsTests.Paths, BasePolicy.LocalCPythons), ImageSpec.Cross(options, OptionsTests.Paths, BasePolicy.LocalCPythons) })
            {
                Assert.That(File.Exists(Path.Combine(ImageRecipe.StageContext(x64, Path.Combine(cache, x64.Key), emulator), "overlay", emulator.TrimStart('/'))), Is.False, x64.Repository);
            }
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    // A cache made by an earlier version stays valid: these are the names its tarballs have. Change them only with the recipes.
    [Test]
    public void The_local_base_roots_keep_their_hashes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new DebianBaseRecipe(Architecture.X86_64).TarballName, Is.EqualTo("debian-unstable-amd64-d6d29a2ae98156c3.tar"));
            Assert.That(new DebianBaseRecipe(Architecture.Arm64).TarballName, Is.EqualTo("debian-unstable-arm64-279ecb7f71259259.tar"));
            Assert.That(new CrossBaseRecipe(OptionsTests.Paths.CrossHookDirectory).TarballName, Is.EqualTo("debian-unstable-amd64-cross-arm64-f1febbb1841102db.tar"));
            Assert.That(ArmRuntimeRecipe.Local.TarballName, Is.EqualTo("debian-unstable-arm64-runtime-e78659e342b03dad.tar"));
        });
    }
}
