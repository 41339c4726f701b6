using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>
/// The manylinux_2_31 base on the real engine and QEMU: the design card's line cross-builds a
/// cp311 aarch64 wheel of the sample; wheels of the sample and of a C++ fixture for both
/// architectures, from compiled CPythons (cp39, cp311) and Debian's (cp314, cp315), need nothing
/// newer than glibc 2.31 (nor libstdc++ 3.4.28) and the sample's carry no ImageMagick library; and
/// Debian 11's own pip installs the cp39 wheel in a plain Debian 11 container (aarch64 under QEMU),
/// where the sample's test passes, while it refuses the same wheel tagged for a newer glibc.
/// </summary>
[Order(StartOrder.Manylinux231)]
public sealed partial class Manylinux231IntegrationTests : DockerFixture
{
    protected override string Needing => "The manylinux_2_31 base";

    private const string Base = "--base=local-manylinux_2_31";

    /// <summary>The selection of the suite's set-up (<see cref="SuiteChecks"/>): two compiled CPythons and both of Debian's.</summary>
    public const string CPythons = "--cpython=cp39,cp311,cp314,cp315";

    private static readonly string CxxFixture = Path.Combine(OptionsTests.Paths.RepositoryRoot, "tests", "Fixtures", "machinecxx");

    // Debian 11 with its python3-pip and nothing of the tool: extracted by mmdebstrap (no package script, nothing under QEMU).
    private static readonly string[] PlainDebian11 = ["python3-pip", "dash", "coreutils"];

    private readonly Dictionary<string, (BuildProcess.Result Run, string Output)> _runs = [];

    [OneTimeSetUp]
    public void BuildOnTheBase()
    {
        foreach (var (name, arguments) in new[]
        {
            ("design card", new[] { "--arch=arm64", "--cpython=cp311" }),
            ("both architectures", ["--arch=all", CPythons]),
            ("C++ fixture", ["--arch=all", CPythons, "--source=" + CxxFixture, "--test-command=python {project}/tests/check.py"]),
        })
        {
            var output = Directory.CreateTempSubdirectory("wheelsmith-2_31-").FullName;
            var run = BuildProcess.Run(["--target=Wheels", Base, "--output=" + output, .. arguments], timeout: TimeSpan.FromMinutes(60));
            _runs[name] = (run, output);
            Assert.That(run.ExitCode, Is.Zero, $"{name}: {run}");
        }
    }

    [OneTimeTearDown]
    public void RemoveOutputs()
    {
        foreach (var (_, output) in _runs.Values)
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private string[] Wheels(string run) => [.. Directory.GetFiles(_runs[run].Output, "*.whl").Order()];

    [Test]
    public void The_design_card_line_gives_a_tested_cross_built_cp311_manylinux_2_31_aarch64_wheel()
    {
        var (run, output) = _runs["design card"];
        Assert.Multiple(() =>
        {
            Assert.That(Wheels("design card").Select(Path.GetFileName), Is.EqualTo(new[] { "magickpng-0.1.0-cp311-cp311-manylinux_2_31_aarch64.whl" }), run.ToString());
            var log = File.ReadAllText(Path.Combine(output, "logs", "arm64-cp311.log"));
            Assert.That(log, Does.Contain("cross build for aarch64"), "built natively in the cross image");
            Assert.That(log, Does.Match(@"magickpng 0\.1\.0 on Python 3\.11\.2 \(aarch64\), ImageMagick 7\.1\.1-43"), "tested under QEMU");
        });
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "wheels.json")));
        Assert.That(report.RootElement.GetProperty("options").GetProperty("base").GetString(), Is.EqualTo("local-manylinux_2_31"));
        var cell = report.RootElement.GetProperty("cells").EnumerateArray().Single();
        Assert.That(cell.GetProperty("cpythonOrigin").GetString(), Is.EqualTo("compiled from python3.11_3.11.2.orig.tar.gz"));
        Assert.That(cell.GetProperty("wheels").EnumerateArray().Single().GetProperty("platformTag").GetString(), Is.EqualTo("manylinux_2_31_aarch64"));
    }

    [Test]
    public void No_wheel_needs_a_glibc_newer_than_2_31_or_carries_an_imagemagick_library()
    {
        var wheels = Wheels("design card").Concat(Wheels("both architectures")).ToList();
        Assert.That(wheels.Select(Path.GetFileName), Is.SupersetOf(new[] { "cp39-cp39", "cp311-cp311", "cp314-cp314", "cp315-cp315" }
            .SelectMany(abi => new[] { "x86_64", "aarch64" }.Select(machine => $"magickpng-0.1.0-{abi}-manylinux_2_31_{machine}.whl"))));
        foreach (var wheel in wheels)
        {
            var objects = SharedObjects(wheel);
            Assert.That(objects.Keys.Select(Path.GetFileName), Has.Some.StartsWith("_render").And.None.Contains("Magick"), wheel);
            foreach (var (name, versions) in objects)
            {
                Assert.That(versions.GetValueOrDefault("GLIBC"), Is.Not.Empty.And.All.LessThanOrEqualTo(new Version(2, 31)), $"{Path.GetFileName(wheel)}: {name}");
            }
        }
    }

    [Test]
    public void A_cxx_extension_needs_no_libstdcxx_newer_than_debian_11s_and_passes_its_test_on_every_cpython()
    {
        var (run, output) = _runs["C++ fixture"];
        var wheels = Wheels("C++ fixture");
        Assert.That(wheels, Has.Length.EqualTo(8), run.ToString());
        foreach (var wheel in wheels)
        {
            var (name, versions) = SharedObjects(wheel).Single();
            Assert.Multiple(() =>
            {
                Assert.That(Path.GetFileName(wheel), Does.Contain("manylinux_2_31_"));
                Assert.That(versions.GetValueOrDefault("GLIBC"), Is.Not.Empty.And.All.LessThanOrEqualTo(new Version(2, 31)), $"{Path.GetFileName(wheel)}: {name}");
                Assert.That(versions.GetValueOrDefault("GLIBCXX"), Is.Not.Empty.And.All.LessThanOrEqualTo(new Version(3, 4, 28)), $"{Path.GetFileName(wheel)}: {name}");
            });
        }

        foreach (var log in Directory.GetFiles(Path.Combine(output, "logs"), "*-cp3*.log"))
        {
            Assert.That(File.ReadAllText(log), Does.Match(@"machinecxx 0\.1\.0 on (x86_64|aarch64) \(uname \1\), Python 3\.\d+\.\d+: compiled for \1, folder \1, C\+\+ ok"), log);
        }
    }

    // Each shared object of a wheel, with the versions it needs of each symbol family (GLIBC, GLIBCXX), from readelf.
    private static Dictionary<string, Dictionary<string, List<Version>>> SharedObjects(string wheel)
    {
        var unpacked = Directory.CreateTempSubdirectory("wheelsmith-unpacked-").FullName;
        try
        {
            ZipFile.ExtractToDirectory(wheel, unpacked);
            return Directory.GetFiles(unpacked, "*.so*", SearchOption.AllDirectories).ToDictionary(
                shared => Path.GetRelativePath(unpacked, shared),
                shared => SymbolVersion().Matches(BuildProcess.Exec("readelf", ["-V", "--wide", shared]).Output)
                    .GroupBy(m => m.Groups[1].Value, m => new Version(m.Groups[2].Value))
                    .ToDictionary(family => family.Key, family => family.ToList()));
        }
        finally
        {
            Directory.Delete(unpacked, recursive: true);
        }
    }

    [TestCase("x86_64", "amd64")]
    [TestCase("aarch64", "arm64")]
    public void Debian_11s_own_pip_installs_the_cp39_wheel_and_the_sample_passes_but_refuses_a_newer_glibc_tag(string machine, string debianArch)
    {
        var image = PlainDebian11Image(debianArch);
        var folder = Directory.CreateTempSubdirectory("wheelsmith-pip-").FullName;
        try
        {
            var wheel = Wheels("both architectures").Single(w => w.EndsWith($"cp39-cp39-manylinux_2_31_{machine}.whl", StringComparison.Ordinal));
            File.Copy(wheel, Path.Combine(folder, Path.GetFileName(wheel)));

            // The same wheel under a newer glibc's tag (the tag is all pip 20.3 reads before it refuses): the local base's manylinux_2_38.
            File.Copy(wheel, Path.Combine(folder, Path.GetFileName(wheel).Replace("manylinux_2_31", "manylinux_2_38", StringComparison.Ordinal)));
            File.Copy(Path.Combine(OptionsTests.Paths.Sample, "tests", "smoke.py"), Path.Combine(folder, "smoke.py"));
            string Pip(string tag) =>
                $"python3 -m pip install --no-index --no-deps --target /tmp/site-packages /wheels/magickpng-0.1.0-cp39-cp39-{tag}_{machine}.whl";
            var installed = DockerEngine.Docker("run", "--rm", "--pull", "never", "--network", "none", "-v", folder + ":/wheels:ro", image,
                "sh", "-c", $"{Pip("manylinux_2_31")} && PYTHONPATH=/tmp/site-packages python3 /wheels/smoke.py");
            var refused = DockerEngine.Docker("run", "--rm", "--pull", "never", "--network", "none", "-v", folder + ":/wheels:ro", image, "sh", "-c", Pip("manylinux_2_38"));
            Assert.Multiple(() =>
            {
                Assert.That(installed.ExitCode, Is.Zero, installed.ToString());
                Assert.That(installed.Output, Does.Match($@"magickpng 0\.1\.0 on Python 3\.9\.2 \({machine}\)"));
                Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
                Assert.That(refused.Output, Does.Contain("is not a supported wheel on this platform"));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Made once per machine and package list, kept on the engine under a tag of its own (not the tool's label, so Clean leaves it).
    private static string PlainDebian11Image(string debianArch)
    {
        var tag = $"wheelsmith-test/debian11-pip:{debianArch}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(',', PlainDebian11))))[..12]}";
        if (DockerEngine.Docker("image", "inspect", tag).ExitCode == 0)
        {
            return tag;
        }

        var root = Directory.CreateTempSubdirectory("wheelsmith-debian11-").FullName;
        try
        {
            var made = BuildProcess.Exec("mmdebstrap", [.. Images.MmdebstrapExtract.Arguments(debianArch, PlainDebian11, "bullseye"), root, Images.AptMirror.Find()],
                timeout: TimeSpan.FromMinutes(10));
            Assert.That(made.ExitCode, Is.Zero, made.ToString());
            File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            var tarball = root + ".tar";
            Assert.That(BuildProcess.Exec("tar", ["--numeric-owner", "-C", root, "-cf", tarball, "."]).ExitCode, Is.Zero);
            DockerEngine.Output("import", "--platform", $"linux/{debianArch}", tarball, tag);
            File.Delete(tarball);
            return tag;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"Name: (GLIBC|GLIBCXX)_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex SymbolVersion();
}
