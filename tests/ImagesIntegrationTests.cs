using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// Both build images from --base=local on the real engine, with real QEMU for arm64. The first
/// run may bootstrap Debian (minutes; the root file systems are cached); the second must rebuild nothing.
/// </summary>
[Category("Docker")]
[NonParallelizable]
public sealed partial class ImagesIntegrationTests
{
    private static readonly string[] ImagesLocal = ["--target=Images", "--base=local"];
    private BuildProcess.Result _first = null!;
    private Dictionary<string, string> _images = null!;

    [OneTimeSetUp]
    public void BuildBothImages()
    {
        _first = BuildProcess.Run(ImagesLocal, timeout: TimeSpan.FromMinutes(75));
        DockerEngine.Require("Building the images", _first);
        Assert.That(_first.ExitCode, Is.Zero, _first.ToString());
        _images = Images(_first);
        Assert.That(_images.Keys, Is.EquivalentTo(new[] { "x86_64", "arm64" }), _first.ToString());
    }

    private static Dictionary<string, string> Images(BuildProcess.Result result) =>
        ImageLine().Matches(result.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [TestCase("x86_64", "x86_64")]
    [TestCase("arm64", "aarch64")]
    public void Each_image_runs_as_its_architecture(string arch, string machine) =>
        Assert.That(DockerEngine.Output("run", "--rm", "--network", "none", _images[arch], "uname", "-m"), Is.EqualTo(machine));

    [TestCase("x86_64")]
    [TestCase("arm64")]
    public void Each_image_has_MagickWand_and_libpng_for_pkg_config(string arch)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DockerEngine.Output("run", "--rm", "--network", "none", _images[arch], "pkg-config", "--modversion", "MagickWand"), Does.StartWith("7."));
            Assert.That(DockerEngine.Output("run", "--rm", "--network", "none", _images[arch], "pkg-config", "--exists", "libpng"), Is.Empty);
            Assert.That(DockerEngine.Output("run", "--rm", "--network", "none", _images[arch], "sh", "-c", "ls \"$(pkg-config --variable=pcfiledir MagickWand)\""),
                Does.Contain("MagickWand.pc"));
        });
    }

    [TestCase("x86_64")]
    [TestCase("arm64")]
    public void Each_image_has_its_cpythons_at_the_manylinux_paths(string arch)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DockerEngine.Output("run", "--rm", "--network", "none", _images[arch], "/opt/python/cp313-cp313/bin/python", "-c", "import sys; print(sys.version_info[:2])"), Is.EqualTo("(3, 13)"));
            Assert.That(DockerEngine.Output("run", "--rm", "--network", "none", _images[arch], "/opt/python/cp314-cp314/bin/python", "-c", "import sys; print(sys.version_info[:2])"), Is.EqualTo("(3, 14)"));
        });
    }

    [TestCase("x86_64")]
    [TestCase("arm64")]
    public void Each_image_is_labelled_with_its_input_hash_and_the_revision(string arch)
    {
        var labels = DockerEngine.Output("image", "inspect", "--format",
            "{{index .Config.Labels \"io.wheelsmith.inputs\"}} {{index .Config.Labels \"org.opencontainers.image.revision\"}} {{index .Config.Labels \"io.wheelsmith.tool\"}}", _images[arch]).Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(labels[0], Does.Match("^[0-9a-f]{64}$"));
            Assert.That(_images[arch], Does.EndWith(":" + labels[0][..16]), "the tag is the input hash");
            Assert.That(labels[1], Does.Match("^[0-9a-f]{40}$"));
            Assert.That(labels[2], Is.EqualTo("wheelsmith"));
        });
    }

    [Test]
    public void A_second_run_with_no_change_rebuilds_nothing()
    {
        var ids = _images.ToDictionary(kv => kv.Key, kv => DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", kv.Value));
        var second = BuildProcess.Run(ImagesLocal, timeout: TimeSpan.FromMinutes(10));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Images(second), Is.EqualTo(_images));
            Assert.That(second.Output, Does.Not.Contain("Building wheelsmith/"));
            Assert.That(second.Output, Does.Not.Contain("Bootstrapping Debian"));
            Assert.That(Regex.Matches(second.Output, "is up to date").Count, Is.EqualTo(2), second.ToString());
            Assert.That(Regex.Matches(second.Output, @"Image (x86_64|arm64): \S+ \(up to date, nothing rebuilt").Count, Is.EqualTo(2));
            foreach (var (arch, reference) in _images)
            {
                Assert.That(DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", reference), Is.EqualTo(ids[arch]));
            }
        });
    }

    [GeneratedRegex(@"^Image (x86_64|arm64): (\S+) \(", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}
