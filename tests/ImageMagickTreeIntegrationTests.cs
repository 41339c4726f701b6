using System.IO.Compression;

namespace Wheelsmith.Tests;

/// <summary>
/// --target=ImageMagick writes each architecture's static ImageMagick, and a Lets-Plot-shaped
/// package (its link line, IMAGICK_LIB_PATH) builds against the aarch64 tree through
/// --imagemagick-path: cross-built, tested under QEMU, with no ImageMagick library in the wheel.
/// </summary>
[Order(StartOrder.ImageMagickTree)]
public sealed class ImageMagickTreeIntegrationTests : DockerFixture
{
    protected override string Needing => "The ImageMagick target";

    private static readonly string Fixture = Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "staticmagick");
    private string _trees = null!;
    private string _wheels = null!;
    private BuildProcess.Result _written = null!;
    private BuildProcess.Result _built = null!;

    [OneTimeSetUp]
    public void WriteTheTreesAndBuildAgainstThem()
    {
        _trees = Directory.CreateTempSubdirectory("wheelsmith-imagemagick-").FullName;
        _wheels = Directory.CreateTempSubdirectory("wheelsmith-staticmagick-").FullName;
        _written = BuildProcess.Run(["--target=ImageMagick", "--arch=all", "--output=" + _trees], timeout: TimeSpan.FromMinutes(30));
        Assert.That(_written.ExitCode, Is.Zero, _written.ToString());
        _built = BuildProcess.Run([
            "--target=Wheels", "--base=local", "--arch=arm64", "--cpython=cp313", "--source=" + Fixture, "--output=" + _wheels,
            "--imagemagick-path=" + Path.Combine(_trees, "imagemagick", "{machine}"), "--test-command=python {project}/tests/check.py",
        ], timeout: TimeSpan.FromMinutes(30));
        Assert.That(_built.ExitCode, Is.Zero, _built.ToString());
    }

    [OneTimeTearDown]
    public void RemoveOutputs()
    {
        Directory.Delete(_trees, recursive: true);
        Directory.Delete(_wheels, recursive: true);
    }

    [TestCase("x86_64", "Advanced Micro Devices X86-64")]
    [TestCase("aarch64", "AArch64")]
    public void Each_tree_has_the_headers_the_static_libraries_of_its_machine_and_relocatable_pkgconfig(string machine, string elfMachine)
    {
        var tree = Path.Combine(_trees, "imagemagick", machine);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(tree, "include", "ImageMagick-7", "MagickWand", "MagickWand.h")), Is.True);
            Assert.That(Directory.GetFiles(Path.Combine(tree, "lib"), "*.a").Select(Path.GetFileName), Is.SupersetOf(new[]
            {
                "libMagickWand-7.Q16HDRI.a", "libMagickCore-7.Q16HDRI.a", "libfontconfig.a", "libfreetype.a", "libexpat.a",
            }));
            Assert.That(Directory.GetFiles(Path.Combine(tree, "lib"), "*.so*"), Is.Empty, "static only");
            Assert.That(File.ReadAllText(Path.Combine(tree, "lib", "pkgconfig", "MagickWand.pc")), Does.Contain("prefix=${pcfiledir}/../.."));
            var header = BuildProcess.Exec("readelf", ["-h", Path.Combine(tree, "lib", "libMagickCore-7.Q16HDRI.a")]);
            var machines = header.Output.Split('\n').Where(line => line.Trim().StartsWith("Machine:", StringComparison.Ordinal)).Select(line => line.Split(':', 2)[1].Trim()).Distinct();
            Assert.That(machines, Is.EqualTo(new[] { elfMachine }), header.ToString());
        });
    }

    [Test]
    public void A_lets_plot_shaped_package_links_the_aarch64_tree_and_its_wheel_carries_no_imagemagick()
    {
        var wheel = Directory.GetFiles(_wheels, "*.whl").Single();
        using var archive = ZipFile.OpenRead(wheel);
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(wheel), Does.Match(@"^staticmagick-0\.1\.0-cp313-cp313-manylinux_\d+_\d+_aarch64\.whl$"));
            Assert.That(archive.Entries.Select(e => e.FullName), Has.None.Contains("Magick").And.Some.Contains("_bridge"));
            Assert.That(File.ReadAllText(Path.Combine(_wheels, "logs", "arm64-cp313.log")), Does.Match(@"staticmagick on Python 3\.13\.\d+ \(aarch64\): ImageMagick 7\.1\.1-43"));
        });
    }
}
