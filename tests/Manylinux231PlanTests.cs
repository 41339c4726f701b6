using Wheelsmith.Host;
using Wheelsmith.Images;
using Wheelsmith.Manylinux231;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith.Tests;

/// <summary>The manylinux_2_31 base without an engine: its options, which trees each image's root is assembled from, and how they are compiled.</summary>
public sealed class Manylinux231PlanTests
{
    private const string Base = "--base=local-manylinux_2_31";

    // A cache with no tarball dropped into it (it need not exist): what the archive gives, whatever this machine's cache holds.
    private const string ArchiveOnly = "--cache=/nonexistent/wheelsmith-cache";

    private static RunPlan Plan(params string[] arguments) => PlanIn(ArchiveOnly, arguments);

    private static RunPlan PlanIn(string cache, params string[] arguments) =>
        RunPlan.Make("Wheels", OptionsTests.Parse([Base, cache, .. arguments]), OptionsTests.Paths, new InvokingUser(1000, 1001), name => name == "DOCKER_HOST" ? null : Environment.GetEnvironmentVariable(name), new GitFacts(new GitContext()));

    private static ImageSpec Spec(RunPlan plan, ImageKind kind) => ImageSpec.For(plan.Images.Single(i => i.Kind == kind), plan.Options, plan.Paths);

    private static AssembledRoot Root(ImageSpec spec) => (AssembledRoot)spec.Bases.Single().Recipe!;

    [Test]
    public void It_cross_builds_arm64_repairs_to_manylinux_2_31_and_offers_every_cpython_it_can_give()
    {
        var plan = Plan();
        Assert.Multiple(() =>
        {
            Assert.That(plan.CrossBuildsArm64, Is.True);
            Assert.That(plan.Cells.Select(c => c.Identifier.ToString()).Distinct(), Is.EqualTo(new[]
            {
                "cp39-manylinux_x86_64", "cp311-manylinux_x86_64", "cp313-manylinux_x86_64", "cp313t-manylinux_x86_64", "cp314-manylinux_x86_64", "cp315-manylinux_x86_64",
                "cp39-manylinux_aarch64", "cp311-manylinux_aarch64", "cp313-manylinux_aarch64", "cp313t-manylinux_aarch64", "cp314-manylinux_aarch64", "cp315-manylinux_aarch64",
            }));
            Assert.That(plan.Cells.Select(c => c.Platform).Distinct(), Is.EqualTo(new[] { "manylinux_2_31_x86_64", "manylinux_2_31_aarch64" }));
            Assert.That(plan.Policy.BuildIsolation, Is.False);
            Assert.That(plan.HostNeeds.Select(n => n.Program), Does.Contain("debootstrap").And.Contain("mmdebstrap"));
        });
    }

    [TestCase("--cpython=cp314t", "--cpython: cp314t is not a CPython of --base=local-manylinux_2_31: the archive serves no CPython 3.14 source (its tarballs answer 404) and Debian builds no free-threaded 3.14")]
    [TestCase("--cpython=cp312", "--cpython: cp312 is not a CPython of --base=local-manylinux_2_31: no suite of the Debian archive this machine reaches has CPython 3.12")]
    [TestCase("--cpython=cp311t", "--cpython: cp311t is not a CPython of --base=local-manylinux_2_31: CPython 3.11 has no free-threaded build")]
    [TestCase("--arm-build=emulated", "--arm-build: 'emulated' has no aarch64 build root on --base=local-manylinux_2_31")]
    [TestCase("--only=cp310-manylinux_x86_64", "--only: 'cp310-manylinux_x86_64' is not a cell of --base=local-manylinux_2_31; its CPythons are cp39, cp311, cp313, cp313t, cp314, cp315")]
    public void What_it_cannot_give_is_one_line_saying_why(string argument, string said)
    {
        var error = Assert.Throws<OptionException>(() => OptionsTests.Parse(Base, ArchiveOnly, argument))!;
        Assert.That(error.Message, Does.StartWith(said));
    }

    [Test]
    public void Each_image_root_is_assembled_from_the_trees_of_the_selected_cpythons_only()
    {
        var plan = Plan("--cpython=cp39,cp311");
        var build = Root(Spec(plan, ImageKind.Build));
        var cross = Root(Spec(plan, ImageKind.Cross));
        var test = Root(Spec(plan, ImageKind.ArmTest));
        Assert.Multiple(() =>
        {
            Assert.That(build.Parent, Is.TypeOf<BullseyeBuildRecipe>());
            Assert.That(build.Layers.Select(l => l.Name), Is.EqualTo(new[]
            {
                "patchelf-0.18.0-x86_64", "imagemagick-7.1.1.43-x86_64", "manylinux_2_31-carried", "cpython-3.9.2-x86_64", "cpython-3.11.2-x86_64",
            }));
            Assert.That(cross.Parent, Is.TypeOf<BullseyeCrossRecipe>());
            Assert.That(cross.Layers.Select(l => l.Name), Is.EqualTo(new[]
            {
                "patchelf-0.18.0-x86_64", "imagemagick-7.1.1.43-aarch64", "manylinux_2_31-carried",
                "cpython-3.9.2-x86_64", "cpython-3.11.2-x86_64", "cpython-3.9.2-aarch64", "cpython-3.11.2-aarch64",
            }));
            Assert.That(test.Parent!.Name, Is.EqualTo("debian-bullseye-arm64-runtime"));
            Assert.That(test.Layers.Select(l => l.Name), Is.EqualTo(new[] { "cpython-3.9.2-aarch64", "cpython-3.11.2-aarch64" }));
            Assert.That(Spec(plan, ImageKind.ArmTest).RecipeDirectory, Is.EqualTo(OptionsTests.Paths.Manylinux231TestImageDirectory));
            Assert.That(Root(Spec(Plan("--cpython=cp311"), ImageKind.Build)).Hash, Is.Not.EqualTo(build.Hash), "another selection, another root");
        });
    }

    [Test]
    public void The_cross_root_puts_the_aarch64_cpythons_apart_and_nothing_runs_under_qemu()
    {
        var cross = Root(Spec(Plan("--cpython=cp311", "--arch=arm64"), ImageKind.Cross));
        var layers = cross.Layers.Select(l => $"/cache/bases/{l.Name}.tar").ToList();
        var steps = cross.Steps("/cache/rootfs/cross", new TreeInputs("http://deb.example/debian", "/usr/libexec/qemu-binfmt/aarch64-binfmt-P", "/cache/bases/root.tar", layers, "/cache/sources"))
            .Select(s => s.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(steps[1], Is.EqualTo("tar --numeric-owner -xf /cache/bases/root.tar -C /cache/rootfs/cross"));
            Assert.That(steps[^1], Is.EqualTo("tar --numeric-owner -xf /cache/bases/cpython-3.11.2-aarch64.tar -C /cache/rootfs/cross --transform=s,^\\./opt/python/,./opt/python-target/,"));
            Assert.That(steps[^2], Is.EqualTo("tar --numeric-owner -xf /cache/bases/cpython-3.11.2-x86_64.tar -C /cache/rootfs/cross"));
            Assert.That(steps, Has.None.Contains("qemu"));
        });
    }

    [Test]
    public void A_cpython_is_compiled_in_a_chroot_with_no_network_and_aarch64_by_the_x86_64_one_of_its_version()
    {
        var trees = new BaseTrees(OptionsTests.Paths.Manylinux231Directory);
        var source = (CompiledCPython)Catalogue.Served.Single(source => source.Tag == new CPythonTag(11, false));
        var arm = trees.CPython(source, Architecture.Arm64);
        var steps = arm.Steps("/cache/rootfs/py", new TreeInputs("http://deb.example/debian", null, "/cache/bases/cross.tar", ["/cache/bases/x86.tar"], "/cache/sources")).ToList();
        var run = steps.Single(s => s.Program == "unshare");
        Assert.Multiple(() =>
        {
            Assert.That(arm.Parent, Is.TypeOf<BullseyeCrossRecipe>());
            Assert.That(arm.Layers.Single().Hash, Is.EqualTo(trees.CPython(source, Architecture.X86_64).Hash));
            Assert.That(arm.Sources.Single().FileName, Is.EqualTo("python3.11_3.11.2.orig.tar.gz"));
            Assert.That(steps.Select(s => s.ToString()), Has.Member("tar --numeric-owner -xf /cache/bases/x86.tar -C /cache/rootfs/py.work"));
            Assert.That(steps.Select(s => s.ToString()), Has.Member("cp /cache/sources/python3.11_3.11.2.orig.tar.gz /cache/rootfs/py.work/wheelsmith/sources"));
            Assert.That(run.Arguments, Has.Member("--mount").And.Member("--pid").And.Member("--mount-proc=/cache/rootfs/py.work/proc").And.Member("/usr/bin/env").And.Member("-i"));
            Assert.That(run.Arguments[^5..], Is.EqualTo(new[]
            {
                "/wheelsmith/sources/python3.11_3.11.2.orig.tar.gz", "/opt/python/cp311-cp311", "aarch64", "/opt/python/cp311-cp311/bin/python3.11", string.Empty,
            }));
            Assert.That(steps[^2].ToString(), Is.EqualTo("mv /cache/rootfs/py.work/wheelsmith/out /cache/rootfs/py"));
        });
    }

    [Test]
    public void A_tree_is_compiled_again_when_its_script_or_sources_change_and_not_otherwise()
    {
        var scripts = Directory.CreateTempSubdirectory("wheelsmith-scripts-").FullName;
        try
        {
            foreach (var script in Directory.EnumerateFiles(OptionsTests.Paths.Manylinux231Directory, "*.sh"))
            {
                File.Copy(script, Path.Combine(scripts, Path.GetFileName(script)));
            }

            var source = (CompiledCPython)Catalogue.Served.Single(source => source.Tag == new CPythonTag(9, false));
            var before = new BaseTrees(scripts).CPython(source, Architecture.Arm64).Hash;
            Assert.That(new BaseTrees(scripts).CPython(source, Architecture.Arm64).Hash, Is.EqualTo(before));
            Assert.That(new BaseTrees(scripts).CPython(source with { Tarball = source.Tarball with { Sha256 = new string('0', 64) } }, Architecture.Arm64).Hash, Is.Not.EqualTo(before));
            File.AppendAllText(Path.Combine(scripts, "build-cpython.sh"), "# changed\n");
            Assert.That(new BaseTrees(scripts).CPython(source, Architecture.Arm64).Hash, Is.Not.EqualTo(before), "the x86_64 build Python's script changed too");
        }
        finally
        {
            Directory.Delete(scripts, recursive: true);
        }
    }

    [Test]
    public void A_cpython_the_archive_has_no_source_for_is_debians_extracted_on_the_host_with_its_own_c_library()
    {
        var trees = new BaseTrees(OptionsTests.Paths.Manylinux231Directory);
        var source = Catalogue.Served.Single(source => source.Tag == new CPythonTag(14, false));
        var arm = (DebianCPythonTree)trees.CPython(source, Architecture.Arm64);
        var steps = arm.Steps("/cache/rootfs/py", new TreeInputs("http://deb.example/debian", null, null, ["/cache/bases/patchelf.tar"], "/cache/sources")).Select(s => s.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(source, Is.TypeOf<DebianCPython>());
            Assert.That(arm.Architecture, Is.EqualTo(Architecture.X86_64), "nothing of the aarch64 CPython runs while it is made");
            Assert.That(arm.Layers.Single().Name, Is.EqualTo("patchelf-0.18.0-x86_64"));
            Assert.That(steps[1], Does.StartWith("mmdebstrap --mode=root --variant=extract --architectures=arm64 ")
                .And.Contain("--include=python3.14-minimal=3.14.10-1,libpython3.14-stdlib=3.14.10-1,libpython3.14-dev=3.14.10-1 unstable /cache/rootfs/py.stage http://deb.example/debian"));
            Assert.That(steps, Has.Some.Match(@"^sh \S+/debian-cpython\.sh /cache/rootfs/py\.stage /cache/rootfs/py 14 aarch64-linux-gnu /opt/python/cp314-cp314 /cache/rootfs/py\.stage/\S+/patchelf$"));
            Assert.That(steps[^1], Is.EqualTo("rm -rf /cache/rootfs/py.stage"));
            Assert.That(trees.CPython(source, Architecture.X86_64).Hash, Is.Not.EqualTo(arm.Hash));
            Assert.That(trees.CPython(((DebianCPython)source) with { DebianVersion = "3.14.11-1" }, Architecture.Arm64).Hash, Is.Not.EqualTo(arm.Hash), "another package version, another tree");
        });
    }

    [Test]
    public void A_release_tarball_dropped_into_the_cache_is_compiled_like_the_archives_and_the_newest_source_wins_a_dropped_one_on_a_tie()
    {
        var cache = Directory.CreateTempSubdirectory("wheelsmith-cache-").FullName;
        try
        {
            var sources = Directory.CreateDirectory(Path.Combine(cache, "sources")).FullName;
            var refused = Assert.Throws<OptionException>(() => OptionsTests.Parse(Base, "--cache=" + cache, "--cpython=cp314t"))!;
            Assert.That(refused.Message, Does.EndWith($"to compile it here, put its release tarball (Python-3.14.N.tar.xz from python.org) into {sources}; it gives cp39, cp311, cp313, cp313t, cp314, cp315"));

            File.WriteAllText(Path.Combine(sources, "Python-3.14.2.tar.xz"), "a 3.14 tarball");
            File.WriteAllText(Path.Combine(sources, "Python-3.13.16.tgz"), "a newer 3.13");
            File.WriteAllText(Path.Combine(sources, "Python-3.11.1.tar.xz"), "an older 3.11");
            File.WriteAllText(Path.Combine(sources, "Python-3.9.2.tar.xz"), "the archive's 3.9, dropped by hand");
            File.WriteAllText(Path.Combine(sources, "Python-3.12.4.tar.xz.1234.partial"), "not a tarball's name");
            var catalogue = CPythonCatalogue.In(cache);
            var plan = PlanIn("--cache=" + cache, "--cpython=cp311,cp313,cp314,cp314t");
            var build = Root(Spec(plan, ImageKind.Build));
            Assert.Multiple(() =>
            {
                Assert.That(catalogue.Tags.Select(t => t.ToString()), Is.EqualTo(new[] { "cp39", "cp311", "cp313", "cp313t", "cp314", "cp314t", "cp315" }));
                Assert.That(catalogue.CPythons.Select(c => c.Origin), Is.EqualTo(new[]
                {
                    "compiled from Python-3.9.2.tar.xz", "compiled from python3.11_3.11.2.orig.tar.gz",
                    "compiled from Python-3.13.16.tgz", "compiled from Python-3.13.16.tgz", "compiled from Python-3.14.2.tar.xz", "compiled from Python-3.14.2.tar.xz",
                    "python3.15 3.15.2-1 as Debian unstable built it, with its own C library",
                }));
                Assert.That(plan.Cells.Select(c => c.CPython.ToString()).Distinct(), Is.EqualTo(new[] { "cp311", "cp313", "cp314", "cp314t" }));
                Assert.That(build.Layers.Select(l => l.Name), Is.SupersetOf(new[] { "cpython-3.11.2-x86_64", "cpython-3.13.16-x86_64", "cpython-3.14.2-x86_64", "cpython-3.14.2t-x86_64" }));
                var dropped = (SourceBuild)build.Layers.Single(l => l.Name == "cpython-3.14.2-x86_64");
                Assert.That(dropped.Sources.Single(), Is.EqualTo(new ArchiveFile("Python-3.14.2.tar.xz", CachedTarball.Sha256(Path.Combine(sources, "Python-3.14.2.tar.xz")))));
                Assert.That(dropped.Arguments[0], Is.EqualTo("/wheelsmith/sources/Python-3.14.2.tar.xz"));
            });

            File.WriteAllText(Path.Combine(sources, "Python-3.14.2.tar.xz"), "another 3.14 tarball");
            var again = (SourceBuild)Root(Spec(PlanIn("--cache=" + cache, "--cpython=cp314"), ImageKind.Build)).Layers.Single(l => l.Name == "cpython-3.14.2-x86_64");
            Assert.That(again.Sources.Single().Sha256, Is.EqualTo(CachedTarball.Sha256(Path.Combine(sources, "Python-3.14.2.tar.xz"))), "another tarball, another tree");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
