using Wheelsmith.Host;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith.Tests;

/// <summary>The run plan for each input, with no engine: which images which tasks make, what the host must provide, the derived facts.</summary>
public sealed class RunPlanTests
{
    private static RunPlan Plan(params string[] arguments) =>
        RunPlan.Make("Wheels", OptionsTests.Parse(arguments), OptionsTests.Paths, new InvokingUser(1000, 1001), name => name == "DOCKER_HOST" ? null : Environment.GetEnvironmentVariable(name), new GitFacts(new GitContext()));

    private static string[] Images(RunPlan plan) => [.. plan.Images.Select(i => $"{i.Task} {i.Kind} {i.Architecture} {i.Roles}")];

    [Test]
    public void Local_base_cross_builds_arm64_in_the_cross_image_and_tests_it_in_the_arm64_test_image()
    {
        var plan = Plan("--base=local");
        Assert.Multiple(() =>
        {
            Assert.That(Images(plan), Is.EqualTo(new[]
            {
                "BuildX64Image Build x86_64 Build, Test", "BuildArmImage ArmTest arm64 Test", "BuildCrossImage Cross arm64 Build",
            }));
            Assert.That(plan.ImageTasks, Is.EqualTo(new[] { "BuildX64Image", "BuildArmImage", "BuildCrossImage" }));
            Assert.That(plan.CrossBuildsArm64, Is.True);
            Assert.That(plan.NeedsQemu, Is.True, "the arm64 test runs under QEMU on this x86_64 host");
            Assert.That(plan.Cells.Where(c => c.CrossBuild).Select(c => c.Architecture.Name).Distinct(), Is.EqualTo(new[] { "arm64" }));
            Assert.That(plan.HostNeeds.Select(n => n.Program), Is.EqualTo(new[] { "docker", "dockerd", "debootstrap", "mmdebstrap", "qemu-aarch64-static", "update-binfmts" }));
        });
    }

    [Test]
    public void Emulated_arm64_builds_and_tests_in_one_image_and_needs_no_mmdebstrap()
    {
        var plan = Plan("--base=local", "--arm-build=emulated", "--arch=arm64");
        Assert.Multiple(() =>
        {
            Assert.That(Images(plan), Is.EqualTo(new[] { "BuildArmImage Build arm64 Build, Test" }));
            Assert.That(plan.CrossBuildsArm64, Is.False);
            Assert.That(plan.Cells.Any(c => c.CrossBuild), Is.False);
            Assert.That(plan.HostNeeds.Select(n => n.Program), Does.Not.Contain("mmdebstrap"));
        });
    }

    [Test]
    public void X86_64_alone_needs_neither_qemu_nor_an_arm64_image()
    {
        var plan = Plan("--base=local", "--arch=x86_64");
        Assert.Multiple(() =>
        {
            Assert.That(plan.ImageTasks, Is.EqualTo(new[] { "BuildX64Image" }));
            Assert.That(plan.NeedsQemu, Is.False);
            Assert.That(plan.HostNeeds.Select(n => n.Program), Does.Not.Contain("qemu-aarch64-static").And.Not.Contain("mmdebstrap"));
        });
    }

    [Test]
    public void A_registry_base_needs_no_debootstrap_and_podman_no_engine_to_start()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Plan("--arch=x86_64").HostNeeds.Select(n => n.Program), Is.EqualTo(new[] { "docker", "dockerd" }));
            Assert.That(Plan("--arch=x86_64", "--engine=podman").HostNeeds.Select(n => n.Program), Is.EqualTo(new[] { "podman" }));
        });
    }

    [Test]
    public void Before_all_runs_where_the_cells_build_with_the_cross_toolchain_for_cross_cells()
    {
        var plan = Plan("--base=local", "--before-all=make deps", "--env=A=1");
        var byTask = plan.Images.ToDictionary(i => i.Task);
        Assert.Multiple(() =>
        {
            Assert.That(byTask["BuildX64Image"].BeforeAll, Is.EqualTo("make deps"));
            Assert.That(byTask["BuildX64Image"].BeforeAllEnvironment, Is.EqualTo(new[] { "ARCH=x86_64", "CIBUILDWHEEL=1", "A=1" }));
            Assert.That(byTask["BuildCrossImage"].BeforeAll, Is.EqualTo("make deps"));
            Assert.That(byTask["BuildCrossImage"].BeforeAllEnvironment, Does.Contain("ARCH=arm64").And.Contain("CC=aarch64-linux-gnu-gcc").And.Contain("A=1"));
            Assert.That(byTask["BuildCrossImage"].BeforeAllEnvironment.Any(v => v.StartsWith("_PYTHON", StringComparison.Ordinal)), Is.False);
            Assert.That(byTask["BuildArmImage"].BeforeAll, Is.Null, "nothing is built in the test image");
        });
    }

    [Test]
    public void Every_container_of_the_run_is_labelled_with_the_tool_the_run_and_this_process()
    {
        var plan = Plan("--base=local");
        Assert.Multiple(() =>
        {
            Assert.That(plan.ContainerLabels["io.wheelsmith.tool"], Is.EqualTo("wheelsmith"));
            Assert.That(plan.ContainerLabels["io.wheelsmith.run"], Is.EqualTo(plan.RunId));
            Assert.That(plan.ContainerLabels["io.wheelsmith.pid"], Is.EqualTo(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Plan("--base=local").RunId, Is.Not.EqualTo(plan.RunId), "two runs never share container names");
        });
    }
}
