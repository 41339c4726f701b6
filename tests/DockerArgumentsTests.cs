using System.Diagnostics;
using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>The argument lists the docker aliases produce, one string per argument as docker receives it.</summary>
public sealed class DockerArgumentsTests
{
    private static IReadOnlyList<string> Arguments(DockerSettings settings, params string[] positionals) =>
        DockerArguments.ToList(DockerArguments.Build(settings, positionals));

    [Test]
    public void Build_turns_tags_build_args_and_labels_into_repeated_options()
    {
        var settings = new DockerImageBuildSettings { Network = "none", File = "images/Dockerfile" };
        settings.Tag.Add("wheelsmith/build-x86_64:0123");
        settings.BuildArg["BASE_IMAGE"] = "quay.io/pypa/manylinux2014_x86_64";
        settings.Label["io.wheelsmith.tool"] = "wheelsmith";
        settings.Label["org.opencontainers.image.revision"] = "abc";

        Assert.That(Arguments(settings, "/tmp/context"), Is.EqualTo(new[]
        {
            "image", "build", "--file", "images/Dockerfile", "--tag", "wheelsmith/build-x86_64:0123",
            "--build-arg", "BASE_IMAGE=quay.io/pypa/manylinux2014_x86_64",
            "--label", "io.wheelsmith.tool=wheelsmith", "--label", "org.opencontainers.image.revision=abc",
            "--network", "none", "/tmp/context",
        }));
    }

    [Test]
    public void Run_renders_flags_only_when_set()
    {
        var settings = new DockerContainerRunSettings { Rm = true, Network = "none", User = "1000:1000" };
        settings.Env.Add("CPYTHON_VERSION=cp311");
        settings.Env.Add("IMAGICK_LIB_PATH");

        Assert.That(Arguments(settings, "img", "uname", "-m"), Is.EqualTo(new[]
        {
            "container", "run", "--rm", "--env", "CPYTHON_VERSION=cp311", "--env", "IMAGICK_LIB_PATH",
            "--network", "none", "--user", "1000:1000", "img", "uname", "-m",
        }));
    }

    [Test]
    public void Privileged_appears_only_when_asked() =>
        Assert.That(Arguments(new DockerContainerRunSettings { Rm = true, Privileged = true }, "multiarch/qemu-user-static", "--reset", "-p", "yes"),
            Is.EqualTo(new[] { "container", "run", "--rm", "--privileged", "multiarch/qemu-user-static", "--reset", "-p", "yes" }));

    [Test]
    public void Container_life_cycle_verbs()
    {
        var create = new DockerContainerCreateSettings { Name = "cell-1", Workdir = "/project", User = "1000:1000", Network = "none" };
        create.Label["io.wheelsmith.tool"] = "wheelsmith";
        var exec = new DockerContainerExecSettings { Workdir = "/project/python-package" };
        exec.Env.Add("PLAT=manylinux2014_x86_64");

        Assert.Multiple(() =>
        {
            Assert.That(Arguments(create, "img", "sleep", "infinity"), Is.EqualTo(new[]
            {
                "container", "create", "--name", "cell-1", "--label", "io.wheelsmith.tool=wheelsmith", "--network", "none",
                "--user", "1000:1000", "--workdir", "/project", "img", "sleep", "infinity",
            }));
            Assert.That(Arguments(new DockerContainerStartSettings(), "cell-1"), Is.EqualTo(new[] { "container", "start", "cell-1" }));
            Assert.That(Arguments(exec, "cell-1", "python", "-m", "build", "-w"), Is.EqualTo(new[]
            {
                "container", "exec", "--env", "PLAT=manylinux2014_x86_64", "--workdir", "/project/python-package", "cell-1", "python", "-m", "build", "-w",
            }));
            Assert.That(Arguments(new DockerContainerCpSettings { Archive = true }, "/src/.", "cell-1:/project"),
                Is.EqualTo(new[] { "container", "cp", "--archive", "/src/.", "cell-1:/project" }));
            Assert.That(Arguments(new DockerContainerRmSettings { Force = true }, "cell-1", "cell-2"),
                Is.EqualTo(new[] { "container", "rm", "--force", "cell-1", "cell-2" }));
        });
    }

    [Test]
    public void Image_verbs()
    {
        var import = new DockerImageImportSettings { Message = "debootstrap" };
        import.Change.Add("LABEL a=b c=d");
        Assert.Multiple(() =>
        {
            Assert.That(Arguments(new DockerImageInspectSettings { Format = "{{.Id}}" }, "img:tag"), Is.EqualTo(new[] { "image", "inspect", "--format", "{{.Id}}", "img:tag" }));
            Assert.That(Arguments(new DockerImagePullSettings(), "quay.io/pypa/manylinux2014_aarch64"), Is.EqualTo(new[] { "image", "pull", "quay.io/pypa/manylinux2014_aarch64" }));
            Assert.That(Arguments(import, "/cache/rootfs.tar", "wheelsmith/debian:1"), Is.EqualTo(new[]
            {
                "image", "import", "--change", "LABEL a=b c=d", "--message", "debootstrap", "/cache/rootfs.tar", "wheelsmith/debian:1",
            }));
            Assert.That(Arguments(new DockerVersionSettings { Format = "{{.Server.Version}}" }), Is.EqualTo(new[] { "version", "--format", "{{.Server.Version}}" }));
        });
    }

    [Test]
    public void Listing_and_removal_verbs_filter_by_the_tool_label()
    {
        var containers = new DockerContainerLsSettings { All = true, Format = "{{.Names}}" };
        containers.Filter.Add(ToolLabels.ToolFilter);
        var images = new DockerImageLsSettings { Format = "{{.ID}}" };
        images.Filter.Add(ToolLabels.ToolFilter);
        Assert.Multiple(() =>
        {
            Assert.That(Arguments(containers), Is.EqualTo(new[] { "container", "ls", "--all", "--filter", "label=io.wheelsmith.tool=wheelsmith", "--format", "{{.Names}}" }));
            Assert.That(Arguments(images), Is.EqualTo(new[] { "image", "ls", "--filter", "label=io.wheelsmith.tool=wheelsmith", "--format", "{{.ID}}" }));
            Assert.That(Arguments(new DockerImageRmSettings { Force = true }, "sha256:1"), Is.EqualTo(new[] { "image", "rm", "--force", "sha256:1" }));
        });
    }

    // The rendered string is split again by .NET when the process starts; a real program shows what arrived.
    [TestCase("plain")]
    [TestCase("")]
    [TestCase("with space")]
    [TestCase("semi;colon && $(id) `id`")]
    [TestCase("double \"quoted\" value")]
    [TestCase("single 'quoted' value")]
    [TestCase(@"back\slash\")]
    [TestCase(@"C:\path with\ ""quote\""")]
    [TestCase("tab\tand\nnewline")]
    public void Every_value_reaches_the_program_as_exactly_one_argument(string value)
    {
        var rendered = string.Join(' ', new[] { "%s\\0", "first", value, "last" }.Select(v => new ExactArgument(v).Render()));
        using var printf = Process.Start(new ProcessStartInfo("/usr/bin/printf", rendered) { RedirectStandardOutput = true })!;
        var received = printf.StandardOutput.ReadToEnd();
        printf.WaitForExit();
        Assert.That(received.Split('\0')[..^1], Is.EqualTo(new[] { "first", value, "last" }));
    }
}
