using Cake.Core;
using Wheelsmith.Options;

namespace Wheelsmith.Tests;

/// <summary>Option parsing as a table: what is accepted and what it means, and what is refused and how it is said.</summary>
public sealed class OptionsTests
{
    internal static readonly BuildPaths Paths = BuildPaths.Discover();

    internal static BuildOptions Parse(params string[] arguments) => BuildOptions.Parse(Arguments(arguments), Paths, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);

    internal static CakeArguments Arguments(IEnumerable<string> arguments) =>
        new(arguments.Select(a => a.TrimStart('-').Split('=', 2)).ToLookup(p => p[0], p => p.Length > 1 ? p[1] : null!, StringComparer.OrdinalIgnoreCase));

    [Test]
    public void Defaults_are_every_architecture_every_cpython_and_manylinux2014()
    {
        var options = Parse();
        Assert.Multiple(() =>
        {
            Assert.That(options.Architectures, Is.EqualTo(new[] { Architecture.X86_64, Architecture.Arm64 }));
            Assert.That(options.CPythons, Is.Null);
            Assert.That(options.Base, Is.EqualTo(BaseKind.Manylinux2014));
            Assert.That(options.ArmBuild, Is.EqualTo(ArmBuild.Emulated), "manylinux2014 images carry no cross toolchain");
            Assert.That(options.BaseImageOverrides, Is.Empty);
            Assert.That(options.Source, Is.EqualTo(Paths.Sample));
            Assert.That(options.PackageDirectory, Is.EqualTo("."));
            Assert.That(options.Output, Is.EqualTo(Path.Combine(Environment.CurrentDirectory, "dist")));
            Assert.That(options.Platform, Is.Null);
            Assert.That(options.TestCommand, Is.EqualTo("python {project}/tests/smoke.py"), "the sample's own test by default");
            Assert.That(options.ImageMagickPath, Is.Null);
            Assert.That(options.FailFast, Is.False);
            Assert.That(options.Jobs, Is.EqualTo(Environment.ProcessorCount), "one cell per core");
        });
    }

    [TestCase("x86_64", "x86_64")]
    [TestCase("amd64", "x86_64")]
    [TestCase("x64", "x86_64")]
    [TestCase("arm64", "arm64")]
    [TestCase("aarch64", "arm64")]
    [TestCase("arm64,x86_64", "x86_64,arm64")]
    [TestCase("x64,amd64", "x86_64")]
    [TestCase("all", "x86_64,arm64")]
    public void Arch_accepts_names_aliases_lists_and_all(string given, string expected) =>
        Assert.That(string.Join(',', Parse("--arch=" + given).Architectures), Is.EqualTo(expected));

    [TestCase("cp311", "cp311")]
    [TestCase("cp313t", "cp313t")]
    [TestCase("CP311", "cp311")]
    [TestCase("cp314,cp39,cp313t", "cp39,cp313t,cp314")]
    [TestCase("cp312,cp312", "cp312")]
    public void Cpython_accepts_tags_and_lists(string given, string expected) =>
        Assert.That(string.Join(',', Parse("--cpython=" + given).CPythons!), Is.EqualTo(expected));

    [Test]
    public void Cpython_tag_names_its_manylinux_interpreter_folder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CPythonTag.TryParse("cp313t")!.Identifier, Is.EqualTo("cp313-cp313t"));
            Assert.That(CPythonTag.TryParse("cp311")!.Identifier, Is.EqualTo("cp311-cp311"));
            Assert.That(CPythonTag.FromIdentifier("cp314-cp314"), Is.EqualTo(new CPythonTag(14, false)));
            Assert.That(CPythonTag.FromIdentifier("pp310-pypy310_pp73"), Is.Null);
        });
    }

    [Test]
    public void Base_local_and_image_overrides()
    {
        var options = Parse("--base=local", "--arm-base-image=quay.io/pypa/manylinux_2_28_aarch64:2025.01.01", "--x64-base-image=localhost:5000/my/base@sha256:" + new string('a', 64));
        Assert.Multiple(() =>
        {
            Assert.That(options.Base, Is.EqualTo(BaseKind.Local));
            Assert.That(options.BaseImageOverrides[Architecture.Arm64], Is.EqualTo("quay.io/pypa/manylinux_2_28_aarch64:2025.01.01"));
            Assert.That(options.BaseImageOverrides[Architecture.X86_64], Does.StartWith("localhost:5000/my/base@sha256:"));
        });
    }

    [TestCase(new[] { "--base=local" }, ArmBuild.Cross)]
    [TestCase(new[] { "--base=local", "--arm-build=emulated" }, ArmBuild.Emulated)]
    [TestCase(new[] { "--base=local", "--arm-build=cross" }, ArmBuild.Cross)]
    [TestCase(new[] { "--base=local", "--arm-base-image=my/arm-base:1" }, ArmBuild.Emulated)]
    [TestCase(new[] { "--arm-build=emulated" }, ArmBuild.Emulated)]
    [TestCase(new string[0], ArmBuild.Emulated)]
    public void Arm_build_is_cross_on_the_local_base_and_emulated_otherwise(string[] arguments, ArmBuild expected) =>
        Assert.That(Parse(arguments).ArmBuild, Is.EqualTo(expected));

    [Test]
    public void Each_container_gets_a_memory_limit_by_default_and_a_cpu_limit_when_asked()
    {
        var defaults = Parse("--jobs=2");
        var total = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        Assert.Multiple(() =>
        {
            Assert.That(defaults.Memory, Is.EqualTo($"{total * 3 / 4 / 2 / 1024 / 1024}m"), "three quarters of the host's memory, shared by the cells that run at once");
            Assert.That(defaults.Cpus, Is.Null);
            Assert.That(defaults.NoWait, Is.False);
            Assert.That(Parse("--memory=4G", "--cpus=1.5", "--no-wait").Memory, Is.EqualTo("4g"));
            Assert.That(Parse("--cpus=1.5").Cpus, Is.EqualTo("1.5"));
            Assert.That(Parse("--no-wait").NoWait, Is.True);
        });
    }

    [Test]
    public void Host_options_are_not_reported_as_unknown() =>
        Assert.DoesNotThrow(() => Parse("--target=Images", "--verbosity=diagnostic", "--dryrun", "--tree", "--exclusive", "--description"));

    [TestCase("--arch=ppc64le", "arch", "'ppc64le'")]
    [TestCase("--arch=arm", "arch", "'arm'")]
    [TestCase("--arch=x86", "arch", "'x86'")]
    [TestCase("--arch=", "arch", "''")]
    [TestCase("--arch=x86_64,", "arch", "'x86_64,'")]
    [TestCase("--arch=ALL", "arch", "'ALL'")]
    [TestCase("--arch", "arch", "needs a value")]
    [TestCase("--cpython=", "cpython", "''")]
    [TestCase("--cpython=cp3", "cpython", "'cp3'")]
    [TestCase("--cpython=py311", "cpython", "'py311'")]
    [TestCase("--cpython=cp3.11", "cpython", "'cp3.11'")]
    [TestCase("--cpython=cp311x", "cpython", "'cp311x'")]
    [TestCase("--cpython=cp27", "cpython", "'cp27'")]
    [TestCase("--cpython=cp311;touch /tmp/pwned", "cpython", "'cp311;touch /tmp/pwned'")]
    [TestCase("--cpython=$(id)", "cpython", "'$(id)'")]
    [TestCase("--cpython=`id`", "cpython", "'`id`'")]
    [TestCase("--cpython=cp311,,cp312", "cpython", "'cp311,,cp312'")]
    [TestCase("--base=manylinux2010", "base", "'manylinux2010'")]
    [TestCase("--base=", "base", "''")]
    [TestCase("--x64-base-image=Not An Image", "x64-base-image", "'Not An Image'")]
    [TestCase("--arm-base-image=img;rm -rf /", "arm-base-image", "'img;rm -rf /'")]
    [TestCase("--plat=manylinux2015", "plat", "'manylinux2015'")]
    [TestCase("--plat=musllinux_1_2", "plat", "'musllinux_1_2'")]
    [TestCase("--plat=manylinux2014_x86_64", "plat", "is for x86_64, but --arch includes arm64")]
    [TestCase("--plat=manylinux2014_ppc64le", "plat", "'manylinux2014_ppc64le'")]
    [TestCase("--source=/nonexistent/project", "source", "does not exist")]
    [TestCase("--source=/etc/hostname", "source", "is a file")]
    [TestCase("--source=/", "package-dir", "has no pyproject.toml or setup.py")]
    [TestCase("--package-dir=../..", "package-dir", "leaves --source")]
    [TestCase("--package-dir=/tmp", "package-dir", "is absolute")]
    [TestCase("--package-dir=src", "package-dir", "has no pyproject.toml or setup.py")]
    [TestCase("--output=/etc/hostname", "output", "is a file")]
    [TestCase("--output=", "output", "''")]
    [TestCase("--test-sources=no-such-folder", "test-sources", "'no-such-folder' does not exist")]
    [TestCase("--test-sources=../outside", "test-sources", "'../outside' is not inside --source")]
    [TestCase("--environment=1A=x", "environment", "'1A=x' is not accepted")]
    [TestCase("--environment=PYTHONHASHSEED=1", "environment", "'PYTHONHASHSEED' is set by the build itself")]
    [TestCase("--environment-pass=CIBUILDWHEEL", "environment-pass", "'CIBUILDWHEEL' is set by the build itself")]
    [TestCase("--test-environment=A=\"open", "test-environment", "is not accepted; expected shell words whose \" is closed")]
    [TestCase("--build-frontend=poetry", "build-frontend", "'poetry' is not accepted; expected build, pip")]
    [TestCase("--build-frontend=build; extra: -x", "build-frontend", "is not accepted; expected build, pip")]
    [TestCase("--audit-command=check {wheel} {abi3_wheel}", "audit-command", "is not accepted; expected commands each naming either {wheel} or {abi3_wheel}")]
    [TestCase("--repair-command=auditwheel repair", "repair-command", "'auditwheel repair' is not accepted; expected a command naming {wheel}")]
    [TestCase("--config-settings==x", "config-settings", "'=x' is not accepted")]
    [TestCase("--imagemagick-path=/nonexistent/imagemagick", "imagemagick-path", "does not exist")]
    [TestCase("--fail-fast=sometimes", "fail-fast", "'sometimes'")]
    [TestCase("--jobs=0", "jobs", "'0'")]
    [TestCase("--jobs=two", "jobs", "'two'")]
    [TestCase("--jobs=-1", "jobs", "'-1'")]
    [TestCase("--archh=x86_64", "archh", "unknown option")]
    [TestCase("--arm-build=qemu", "arm-build", "'qemu' is not accepted; expected cross or emulated")]
    [TestCase("--arm-build=cross", "arm-build", "'cross' needs --base=local")]
    [TestCase("--env=_PYTHON_HOST_PLATFORM=linux-x86_64", "env", "is set by the build itself")]
    [TestCase("--env=SOURCE_DATE_EPOCH=0", "env", "is set by the build itself")]
    [TestCase("--only=cp313", "only", "'cp313' is not accepted; expected cpXY[t]-manylinux_x86_64")]
    [TestCase("--only=cp313-musllinux_x86_64", "only", "'cp313-musllinux_x86_64' is a musllinux build, which this tool does not make")]
    [TestCase("--only=cp313-manylinux_ppc64le", "only", "'cp313-manylinux_ppc64le' is not accepted")]
    [TestCase("--only=cp37-manylinux_x86_64", "only", "'cp37-manylinux_x86_64' is not a cell of --base=manylinux2014")]
    [TestCase("--only=", "only", "'' is not accepted")]
    [TestCase("--format=yaml", "format", "'yaml' is not accepted; expected text or json")]
    [TestCase("--memory=lots", "memory", "'lots' is not accepted; expected a size as docker's --memory takes it")]
    [TestCase("--memory=1m", "memory", "'1m' is not accepted")]
    [TestCase("--memory=-4g", "memory", "'-4g' is not accepted")]
    [TestCase("--cpus=0", "cpus", "'0' is not accepted; expected a number of CPUs from 0.01")]
    [TestCase("--cpus=999", "cpus", "'999' is not accepted")]
    [TestCase("--cpus=two", "cpus", "'two' is not accepted")]
    [TestCase("--no-wait=sometimes", "no-wait", "'sometimes' is not accepted")]
    public void Bad_values_are_refused_naming_the_option_and_what_is_accepted(string argument, string option, string said)
    {
        var error = Assert.Throws<OptionException>(() => Parse(argument))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Option, Is.EqualTo(option));
            Assert.That(error.Message, Does.StartWith($"--{option}: "));
            Assert.That(error.Message, Does.Contain(said));
            Assert.That(error.Message, Does.Not.Contain('\n'));
        });
    }

    [Test]
    public void Wheel_options()
    {
        var imagemagick = Directory.CreateTempSubdirectory("imagemagick-").FullName;
        try
        {
            var options = Parse("--arch=arm64", "--source=" + Paths.Sample, "--package-dir=./", "--output=out/wheels", "--plat=manylinux_2_28_aarch64",
                "--test-command=pytest {project}/tests", "--imagemagick-path=" + imagemagick, "--fail-fast", "--jobs=3");
            Assert.Multiple(() =>
            {
                Assert.That(options.PackageDirectory, Is.EqualTo("."));
                Assert.That(options.Output, Is.EqualTo(Path.Combine(Environment.CurrentDirectory, "out", "wheels")));
                Assert.That(options.Platform!.For(Architecture.Arm64), Is.EqualTo("manylinux_2_28_aarch64"));
                Assert.That(options.TestCommand, Is.EqualTo("pytest {project}/tests"));
                Assert.That(options.ImageMagickPath, Is.EqualTo(imagemagick));
                Assert.That(options.FailFast, Is.True);
                Assert.That(options.Jobs, Is.EqualTo(3));
            });
        }
        finally
        {
            Directory.Delete(imagemagick);
        }
    }

    [Test]
    public void Package_dir_inside_the_source_like_lets_plot()
    {
        var source = Directory.CreateTempSubdirectory("lets-plot-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(source, "python-package"));
            File.WriteAllText(Path.Combine(source, "python-package", "setup.py"), string.Empty);
            var options = Parse("--source=" + source, "--package-dir=python-package/");
            Assert.Multiple(() =>
            {
                Assert.That(options.PackageDirectory, Is.EqualTo("python-package"));
                Assert.That(options.TestCommand, Is.Null, "only the sample brings a default test command");
            });
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    [TestCase("manylinux2014", "manylinux2014_x86_64", "manylinux2014_aarch64")]
    [TestCase("manylinux_2_28", "manylinux_2_28_x86_64", "manylinux_2_28_aarch64")]
    [TestCase("auto", "auto", "auto")]
    public void A_platform_policy_applies_to_each_architecture(string plat, string x64, string arm)
    {
        var platform = Parse("--plat=" + plat).Platform!;
        Assert.Multiple(() =>
        {
            Assert.That(platform.For(Architecture.X86_64), Is.EqualTo(x64));
            Assert.That(platform.For(Architecture.Arm64), Is.EqualTo(arm));
        });
    }

    [Test]
    public void An_option_given_twice_with_different_values_is_refused()
    {
        var error = Assert.Throws<OptionException>(() => Parse("--arch=x86_64", "--arch=arm64"))!;
        Assert.That(error.Message, Is.EqualTo("--arch: given twice with different values ('x86_64', 'arm64'); give it once"));
    }

    [Test]
    public void An_option_given_twice_with_the_same_value_is_accepted() =>
        Assert.That(Parse("--base=local", "--base=local").Base, Is.EqualTo(BaseKind.Local));
}
