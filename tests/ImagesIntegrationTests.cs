using System.Text.RegularExpressions;
using Wheelsmith.Docker;

namespace Wheelsmith.Tests;

/// <summary>
/// The images of --base=local on the real engine, with real QEMU for aarch64: the x86_64 build
/// image, the cross image (x86_64, with the aarch64 toolchain) and the aarch64 test image. The
/// first run may bootstrap Debian (minutes; the root file systems are cached); the second must
/// rebuild nothing and start no container.
/// </summary>
[Order(StartOrder.Images)]
public sealed partial class ImagesIntegrationTests : DockerFixture
{
    protected override string Needing => "Building the images";

    // Alone on the engine: one test retags the shared x86_64 build image for a while, which a run beside it would take.
    protected override FixtureSharing Sharing => FixtureSharing.ChangesAll;

    private static readonly string[] ImagesLocal = ["--target=Images", "--base=local"];
    private BuildProcess.Result _first = null!;
    private Dictionary<string, string> _images = null!;

    [OneTimeSetUp]
    public void BuildTheImages()
    {
        _first = BuildProcess.Run(ImagesLocal, timeout: TimeSpan.FromMinutes(75));
        DockerEngine.Require(Needing, _first);
        Assert.That(_first.ExitCode, Is.Zero, _first.ToString());
        _images = Images(_first);
        Assert.That(_images.Keys, Is.EquivalentTo(new[] { "x86_64", "arm64 cross", "arm64 test" }), _first.ToString());
    }

    private static Dictionary<string, string> Images(BuildProcess.Result result) =>
        ImageLine().Matches(result.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private string Run(string image, params string[] command) => DockerEngine.Output(["run", "--rm", "--network", "none", _images[image], .. command]);

    [TestCase("x86_64", "x86_64")]
    [TestCase("arm64 cross", "x86_64")]
    [TestCase("arm64 test", "aarch64")]
    public void Each_image_runs_as_its_machine(string image, string machine) =>
        Assert.That(Run(image, "uname", "-m"), Is.EqualTo(machine));

    [TestCase("x86_64")]
    [TestCase("arm64 cross")]
    public void Each_build_image_has_MagickWand_and_libpng_for_pkg_config(string image)
    {
        Assert.Multiple(() =>
        {
            var pkgConfig = image == "arm64 cross" ? "aarch64-linux-gnu-pkg-config" : "pkg-config";
            Assert.That(Run(image, pkgConfig, "--modversion", "MagickWand"), Does.StartWith("7."));
            Assert.That(Run(image, pkgConfig, "--exists", "libpng"), Is.Empty);
            Assert.That(Run(image, "sh", "-c", $"ls \"$({pkgConfig} --variable=pcfiledir MagickWand)\""), Does.Contain("MagickWand.pc"));
        });
    }

    [TestCase("x86_64")]
    [TestCase("arm64 cross")]
    public void Each_build_image_compiles_c_and_cpp(string image) =>
        Assert.That(Run(image, "sh", "-c", "printf 'int main(){return 0;}' > /tmp/a.c && gcc -o /tmp/a /tmp/a.c && printf '#include <string>\\nint main(){std::string s(\"x\");return s.size()-1;}' > /tmp/b.cpp && g++ -o /tmp/b /tmp/b.cpp && /tmp/a && /tmp/b && echo ok"),
            Is.EqualTo("ok"));

    [Test]
    public void PrepareHost_as_the_target_on_a_host_that_lacks_nothing_says_so_and_succeeds()
    {
        // The suite's set-up made this host whole. Cake fails a run whose target its criteria skip; this one must not.
        var run = BuildProcess.Run(["--target=PrepareHost", "--base=local", "--engine=podman"]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Nothing missing on this host: the podman client; debootstrap"));
    }

    [Test]
    public void The_cross_image_builds_aarch64_code_against_arm64_headers_and_libraries()
    {
        var script = "printf '#include <Python.h>\\n#include <MagickWand/MagickWand.h>\\n#include <vector>\\nint f(){std::vector<int> v(1);return v.size();}' > /tmp/x.cpp"
            + " && aarch64-linux-gnu-g++ -fPIC -shared $(aarch64-linux-gnu-pkg-config --cflags MagickWand) -I/usr/include/python3.13 -o /tmp/x.so /tmp/x.cpp $(aarch64-linux-gnu-pkg-config --libs MagickWand)"
            + " && od -An -t x1 -j 18 -N 2 /tmp/x.so && aarch64-linux-gnu-pkg-config --variable=libdir MagickWand"
            + " && ls /usr/lib/python3.13/_sysconfigdata__linux_aarch64-linux-gnu.py /usr/lib/python3.14/_sysconfigdata__linux_aarch64-linux-gnu.py";
        var output = Run("arm64 cross", "sh", "-c", script);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("b7 00"), "e_machine of the shared object is EM_AARCH64 (183)");
            Assert.That(output, Does.Contain("/usr/lib/aarch64-linux-gnu\n"));
            Assert.That(output, Does.Contain("_sysconfigdata__linux_aarch64-linux-gnu.py"));
        });
    }

    [TestCase("x86_64")]
    [TestCase("arm64 cross")]
    [TestCase("arm64 test")]
    public void Each_image_has_its_cpythons_at_the_manylinux_paths(string image)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Run(image, "/opt/python/cp313-cp313/bin/python", "-c", "import sys; print(sys.version_info[:2])"), Is.EqualTo("(3, 13)"));
            Assert.That(Run(image, "/opt/python/cp314-cp314/bin/python", "-c", "import sys; print(sys.version_info[:2])"), Is.EqualTo("(3, 14)"));
        });
    }

    [Test]
    public void The_test_image_has_its_standard_library_byte_compiled_and_nothing_to_build_with()
    {
        var output = Run("arm64 test", "sh", "-c",
            "ls /usr/lib/python3.13/__pycache__/os.cpython-313.pyc /usr/lib/python3.14/__pycache__/os.cpython-314.pyc"
            + " && /opt/python/cp313-cp313/bin/python -c 'import json, os; print(os.uname().machine, json.__cached__)'"
            + " && (command -v gcc || echo no compiler)");
        Assert.That(output, Does.Contain("aarch64 /usr/lib/python3.13/json/__pycache__/__init__.cpython-313.pyc").And.EndWith("no compiler"));
    }

    [TestCase("x86_64")]
    [TestCase("arm64 cross")]
    [TestCase("arm64 test")]
    public void Each_image_is_labelled_with_its_input_hash_the_revision_and_what_the_probe_found(string image)
    {
        var labels = DockerEngine.Output("image", "inspect", "--format",
            "{{index .Config.Labels \"io.wheelsmith.inputs\"}} {{index .Config.Labels \"org.opencontainers.image.revision\"}} {{index .Config.Labels \"io.wheelsmith.tool\"}}"
            + " {{index .Config.Labels \"io.wheelsmith.probe.machine\"}} {{index .Config.Labels \"io.wheelsmith.probe.cpython\"}}", _images[image]).Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(labels[0], Does.Match("^[0-9a-f]{64}$"));
            Assert.That(_images[image], Does.EndWith(":" + labels[0][..16]), "the tag is the input hash");
            Assert.That(labels[1], Does.Match("^[0-9a-f]{40}$"));
            Assert.That(labels[2], Is.EqualTo("wheelsmith"));
            Assert.That(labels[3], Is.EqualTo(image == "arm64 test" ? "aarch64" : "x86_64"));
            Assert.That(labels[4], Is.EqualTo("cp313-cp313,cp314-cp314"));
        });
    }

    [Test]
    public void A_second_run_with_no_change_rebuilds_nothing_and_starts_no_container()
    {
        var ids = _images.ToDictionary(kv => kv.Key, kv => DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", kv.Value));
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        var second = BuildProcess.Run(ImagesLocal, timeout: TimeSpan.FromMinutes(10));

        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds();
        Assert.That(second.ExitCode, Is.Zero, second.ToString());

        var events = DockerEngine.ContainersCreatedBy(second.ProcessId, since, until);
        Assert.Multiple(() =>
        {
            Assert.That(Images(second), Is.EqualTo(_images));
            Assert.That(second.Output, Does.Not.Contain("Building wheelsmith/"));
            Assert.That(second.Output, Does.Not.Contain("Bootstrapping Debian").And.Not.Contain("Extracting").And.Not.Contain("Making the cross"));
            Assert.That(Regex.Matches(second.Output, "is up to date").Count, Is.EqualTo(3), second.ToString());
            Assert.That(Regex.Matches(second.Output, @"Image (x86_64|arm64 cross|arm64 test): \S+ \(up to date, nothing rebuilt").Count, Is.EqualTo(3));
            Assert.That(events, Is.Empty, "an up-to-date run created or started a container");
            foreach (var (image, reference) in _images)
            {
                Assert.That(DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", reference), Is.EqualTo(ids[image]));
            }
        });
    }

    [Test]
    public void An_image_whose_probe_labels_are_gone_is_probed_and_labelled_again_not_rebuilt()
    {
        var reference = _images["x86_64"];
        var original = DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", reference);
        var recipe = Directory.CreateTempSubdirectory("wheelsmith-relabel-");
        try
        {
            // The same image under the same tag, its probe findings blanked (as an image made before they were kept).
            File.WriteAllText(Path.Combine(recipe.FullName, "Dockerfile"), $"FROM {original}\nLABEL {ToolLabels.ProbeMachine}= {ToolLabels.ProbeCPythons}=\n");
            DockerEngine.Output("build", "--network", "none", "--quiet", "--tag", reference, recipe.FullName);
            var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
            var run = BuildProcess.Run(["--target=Images", "--base=local", "--arch=x86_64"], timeout: TimeSpan.FromMinutes(10));

            // The probe's containers carry the run's process id, as the up-to-date check above relies on.
            var created = DockerEngine.ContainersCreatedBy(run.ProcessId, since, DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds());
            var labels = DockerEngine.Output("image", "inspect", "--format",
                $"{{{{index .Config.Labels \"{ToolLabels.ProbeMachine}\"}}}} {{{{index .Config.Labels \"{ToolLabels.ProbeCPythons}\"}}}}", reference);
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                Assert.That(run.Output, Does.Contain($"Image x86_64: {reference} (probed;"), run.ToString());
                Assert.That(run.Output, Does.Not.Contain("Building wheelsmith/"));
                Assert.That(labels, Is.EqualTo("x86_64 cp313-cp313,cp314-cp314"));
                Assert.That(created.Split('\n'), Has.Some.Contains("-probe-build-x86_64"), "the probe's containers are labelled with the run's process");
            });
        }
        finally
        {
            var relabelled = DockerEngine.Output("image", "inspect", "--format", "{{.Id}}", reference);
            DockerEngine.Output("tag", original, reference);
            if (relabelled != original)
            {
                DockerEngine.Docker("image", "rm", relabelled);
            }

            recipe.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^Image (x86_64|arm64 cross|arm64 test): (\S+) \(", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}
