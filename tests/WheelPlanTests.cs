using Wheelsmith.Options;
using Wheelsmith.Host;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Tests;

/// <summary>The cell plan for each input: names, interpreter, environment, platform and the commands of each container step.</summary>
public sealed class WheelPlanTests
{
    private static readonly InvokingUser User = new(1000, 1001);

    private static IReadOnlyList<WheelCell> Cells(params string[] arguments) => CellsOf(OptionsTests.Parse(arguments), User);

    /// <summary>The cells as a run plans them, for this user.</summary>
    internal static IReadOnlyList<WheelCell> CellsOf(BuildOptions options, InvokingUser user) =>
        RunPlan.Make("Default", options, OptionsTests.Paths, user, Environment.GetEnvironmentVariable, new GitFacts(Git)).Cells;

    private static readonly GitContext Git = new();

    [Test]
    public void All_cpythons_of_the_local_base_for_each_architecture()
    {
        Assert.That(Cells("--base=local").Select(c => c.Name), Is.EqualTo(new[]
        {
            "BuildWheel[x86_64,cp313]", "BuildWheel[x86_64,cp314]", "BuildWheel[arm64,cp313]", "BuildWheel[arm64,cp314]",
        }));
    }

    [Test]
    public void Cells_are_named_as_cibuildwheel_names_its_builds() =>
        Assert.That(Cells("--arch=all", "--cpython=cp313,cp313t").Select(c => c.Identifier.ToString()),
            Is.EqualTo(new[] { "cp313-manylinux_x86_64", "cp313t-manylinux_x86_64", "cp313-manylinux_aarch64", "cp313t-manylinux_aarch64" }));

    [Test]
    public void Only_selects_exactly_the_cells_it_names_in_the_plans_order() =>
        Assert.That(Cells("--only=cp313-manylinux_aarch64,CP314T-manylinux_x86_64", "--only=cp313-manylinux_aarch64").Select(c => c.Name),
            Is.EqualTo(new[] { "BuildWheel[x86_64,cp314t]", "BuildWheel[arm64,cp313]" }));

    [TestCase("--arch=x86_64", "cannot be combined with --arch")]
    [TestCase("--cpython=cp313", "cannot be combined with --cpython")]
    public void Only_is_an_error_together_with_arch_or_cpython(string other, string said) =>
        Assert.That(Assert.Throws<OptionException>(() => Cells("--only=cp313-manylinux_x86_64", other))!.Message, Does.StartWith("--only: " + said));

    [Test]
    public void Every_step_builds_with_the_sources_date_and_a_fixed_hash_seed()
    {
        var cell = Cells("--base=local", "--arch=arm64", "--cpython=cp313").Single();
        var epoch = cell.SourceDate.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(cell.SourceDate.Seconds, Is.GreaterThan(SourceDate.ZipEpoch), "the sample is in a git work tree: its last commit's time");
            foreach (var environment in new[] { cell.BuildEnvironment([]), cell.RepairEnvironment([]), cell.InstallEnvironment })
            {
                Assert.That(environment, Does.Contain("SOURCE_DATE_EPOCH=" + epoch).And.Contain("PYTHONHASHSEED=0"));
            }
        });
    }

    [Test]
    public void A_source_outside_git_builds_with_1980_and_the_environment_can_set_the_date()
    {
        var folder = Directory.CreateTempSubdirectory("wheelsmith-nogit-");
        try
        {
            Assert.That(new SourceEpoch(null, folder.FullName, path => new GitFacts(Git).CommitTime(path)).Seconds, Is.EqualTo(SourceDate.ZipEpoch));
            var fromEnvironment = SourceDate.FromEnvironment(name => name == "SOURCE_DATE_EPOCH" ? "1700000000" : null);
            Assert.That(new SourceEpoch(fromEnvironment, folder.FullName, _ => throw new AssertionException("git asked although the environment set the date")).Seconds, Is.EqualTo(1700000000));
            Assert.That(Assert.Throws<OptionException>(() => SourceDate.FromEnvironment(name => name == "SOURCE_DATE_EPOCH" ? "yesterday" : null))!.Message,
                Does.Contain("SOURCE_DATE_EPOCH 'yesterday' is not accepted"));
        }
        finally
        {
            folder.Delete();
        }
    }

    [Test]
    public void All_cpythons_of_manylinux2014_include_the_free_threaded_ones_and_follow_requires_python()
    {
        Assert.That(Cells("--arch=x86_64", "--requires-python=>=3.8").Select(c => c.CPython.ToString()),
            Is.EqualTo(new[] { "cp38", "cp39", "cp310", "cp311", "cp312", "cp313", "cp313t", "cp314", "cp314t" }.AsEnumerable()));
        Assert.That(Cells("--arch=x86_64").Select(c => c.CPython.ToString()),
            Is.EqualTo(new[] { "cp39", "cp310", "cp311", "cp312", "cp313", "cp313t", "cp314", "cp314t" }.AsEnumerable()), "the sample's [project] requires-python >=3.9");
    }

    [Test]
    public void A_manylinux2014_cell_builds_isolated_for_manylinux2014()
    {
        var cell = Cells("--arch=arm64", "--cpython=cp311").Single();
        Assert.Multiple(() =>
        {
            Assert.That(cell.Name, Is.EqualTo("BuildWheel[arm64,cp311]"));
            Assert.That(cell.Interpreter, Is.EqualTo("/opt/python/cp311-cp311/bin/python"));
            Assert.That(cell.Platform, Is.EqualTo("manylinux2014_aarch64"));
            Assert.That(cell.Policy.Network, Is.Null);
            Assert.That(cell.BuildCommand, Is.EqualTo(new[] { "/opt/python/cp311-cp311/bin/python", "-m", "build", "--wheel", "--outdir", "/tmp/wheelsmith/built", "." }));
            Assert.That(cell.RepairCommand("p-1.0-cp311-cp311-linux_aarch64.whl"), Is.EqualTo(new[]
            {
                "auditwheel", "repair", "--plat", "manylinux2014_aarch64", "--wheel-dir", "/tmp/wheelsmith/repaired", "/tmp/wheelsmith/built/p-1.0-cp311-cp311-linux_aarch64.whl",
            }));
            Assert.That(cell.CrossBuild, Is.False);
            Assert.That(cell.VenvCommand, Is.EqualTo(new[] { "/opt/python/cp311-cp311/bin/python", "-m", "venv", "/tmp/venv" }));
            Assert.That(cell.InstallCommand("w.whl"), Is.EqualTo(new[] { "/tmp/venv/bin/python", "-m", "pip", "install", "--no-cache-dir", "/tmp/wheelsmith/repaired/w.whl" }));
            Assert.That(cell.Environment, Is.EqualTo(new Dictionary<string, string>
            {
                ["ARCH"] = "arm64", ["CPYTHON_VERSION"] = "cp311", ["ABI_FLAG"] = string.Empty, ["PLAT"] = "manylinux2014_aarch64",
                ["USER_ID"] = "1000", ["GROUP_ID"] = "1001",
                ["SOURCE_DATE_EPOCH"] = cell.SourceDate.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PYTHONHASHSEED"] = "0",
                ["CIBUILDWHEEL"] = "1",
            }));
        });
    }

    [Test]
    public void A_local_cell_builds_offline_and_lets_auditwheel_pick_the_platform()
    {
        var cell = Cells("--base=local", "--arch=x86_64", "--cpython=cp314").Single();
        Assert.Multiple(() =>
        {
            Assert.That(cell.Platform, Is.EqualTo("auto"));
            Assert.That(cell.Policy.Network, Is.EqualTo("none"));
            Assert.That(cell.BuildCommand, Does.Contain("--no-isolation"));
            Assert.That(cell.Environment["PLAT"], Is.EqualTo("auto"));
        });
    }

    [Test]
    public void A_local_cell_makes_its_test_environment_without_pip_and_installs_with_debians_installer()
    {
        var cell = Cells("--base=local", "--arch=x86_64", "--cpython=cp314").Single();
        Assert.Multiple(() =>
        {
            Assert.That(cell.VenvCommand, Is.EqualTo(new[] { "/opt/python/cp314-cp314/bin/python", "-m", "venv", "--without-pip", "/tmp/venv" }));
            Assert.That(cell.InstallCommand("w.whl"), Is.EqualTo(new[] { "/tmp/venv/bin/python", "-m", "installer", "--compile-bytecode", "0", "/tmp/wheelsmith/repaired/w.whl" }));
            Assert.That(cell.InstallEnvironment[^1], Is.EqualTo("PYTHONPATH=/usr/lib/python3/dist-packages"), "last, so that no --env replaces it");
        });
    }

    [Test]
    public void A_cross_cell_sets_the_target_for_its_build_step_only()
    {
        var cell = Cells("--base=local", "--arch=arm64", "--cpython=cp313", "--env=CFLAGS=-O3").Single();
        var expected = new[]
        {
            "_PYTHON_HOST_PLATFORM=linux-aarch64", "_PYTHON_SYSCONFIGDATA_NAME=_sysconfigdata__linux_aarch64-linux-gnu", "WHEELSMITH_TARGET_MACHINE=aarch64",
            "CC=aarch64-linux-gnu-gcc", "CXX=aarch64-linux-gnu-g++", "AR=aarch64-linux-gnu-gcc-ar",
            "PKG_CONFIG=aarch64-linux-gnu-pkg-config", "PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig",
        };
        Assert.Multiple(() =>
        {
            Assert.That(cell.CrossBuild, Is.True);
            Assert.That(cell.BuildEnvironment([]), Is.SupersetOf(expected));
            Assert.That(cell.BuildEnvironment([])[^1], Is.EqualTo("CFLAGS=-O3"), "--env comes last");
            Assert.That(cell.BuildEnvironment([]), Has.Member("ARCH=arm64").And.Member("PLAT=auto").And.Member("CPYTHON_VERSION=cp313"), "as in an emulated cell");
            Assert.That(cell.RepairEnvironment([]), Has.None.Contains("_PYTHON_").And.None.StartWith("CC="), "auditwheel and the installer run as on the host");
            Assert.That(cell.TestEnvironment([], []), Has.None.Contains("_PYTHON_"));
        });
    }

    [Test]
    public void Emulated_and_x86_64_cells_have_no_cross_variables()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Cells("--base=local", "--arch=arm64", "--cpython=cp313", "--arm-build=emulated").Single().CrossEnvironment, Is.Empty);
            Assert.That(Cells("--base=local", "--arch=x86_64", "--cpython=cp313").Single().CrossEnvironment, Is.Empty);
            Assert.That(Cells("--arch=arm64", "--cpython=cp313").Single().CrossEnvironment, Is.Empty);
        });
    }

    [Test]
    public void A_free_threaded_cpython_uses_the_t_interpreter_and_abi_flag()
    {
        var cell = Cells("--arch=x86_64", "--cpython=cp313t").Single();
        Assert.Multiple(() =>
        {
            Assert.That(cell.Interpreter, Is.EqualTo("/opt/python/cp313-cp313t/bin/python"));
            Assert.That(cell.Environment["CPYTHON_VERSION"], Is.EqualTo("cp313"));
            Assert.That(cell.Environment["ABI_FLAG"], Is.EqualTo("t"));
        });
    }

    [Test]
    public void Plat_option_overrides_the_base_default() =>
        Assert.That(Cells("--base=local", "--plat=manylinux_2_28", "--cpython=cp313").Select(c => c.Platform),
            Is.EqualTo(new[] { "manylinux_2_28_x86_64", "manylinux_2_28_aarch64" }));

    [Test]
    public void The_whole_source_and_imagemagick_are_copied_in_and_the_package_folder_is_the_work_dir()
    {
        var source = Directory.CreateTempSubdirectory("lets-plot-").FullName;
        var imagemagick = Directory.CreateTempSubdirectory("imagemagick-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(source, "python-package"));
            File.WriteAllText(Path.Combine(source, "python-package", "setup.py"), string.Empty);
            var cell = Cells("--arch=x86_64", "--cpython=cp312", "--source=" + source, "--package-dir=python-package", "--imagemagick-path=" + imagemagick).Single();
            Assert.Multiple(() =>
            {
                Assert.That(cell.BuildInputs, Is.EqualTo(new[] { (source, "/project"), (imagemagick, "/tmp/deps") }));
                Assert.That(cell.PackagePath, Is.EqualTo("/project/python-package"));
                Assert.That(cell.Environment["IMAGICK_LIB_PATH"], Is.EqualTo("/tmp/deps"));
                Assert.That(cell.Tests, Is.False);
            });
        }
        finally
        {
            Directory.Delete(source, recursive: true);
            Directory.Delete(imagemagick);
        }
    }

    [Test]
    public void The_test_command_runs_in_the_virtual_environment_with_project_filled_in()
    {
        var cell = Cells("--arch=x86_64", "--cpython=cp313", "--test-command=python {project}/tests/smoke.py && pip list").Single();
        Assert.Multiple(() =>
        {
            Assert.That(cell.VenvCommand, Is.EqualTo(new[] { "/opt/python/cp313-cp313/bin/python", "-m", "venv", "/tmp/venv" }));
            Assert.That(cell.TestCommand([]), Is.EqualTo(new[] { "sh", "-c", "python /project/tests/smoke.py && pip list" }));
            Assert.That(cell.TestEnvironment([], []), Has.One.StartWith("PATH=/tmp/venv/bin:"));
            Assert.That(cell.TestEnvironment([], []), Has.One.EqualTo("VIRTUAL_ENV=/tmp/venv"));
        });
    }

    [Test]
    public void Steps_run_as_the_invoking_user_with_a_writable_home_and_only_the_named_host_variables()
    {
        System.Environment.SetEnvironmentVariable("WHEELSMITH_TEST_TOKEN", "from the host");
        var cell = Cells("--arch=x86_64", "--cpython=cp313", "--env=WHEELSMITH_TEST_TOKEN", "--env=GREETING=a b;'c'").Single();
        Assert.Multiple(() =>
        {
            Assert.That(cell.DockerUser, Is.EqualTo("1000:1001"));
            Assert.That(cell.BuildEnvironment([]), Is.EqualTo(new[]
            {
                "ARCH=x86_64", "CPYTHON_VERSION=cp313", "ABI_FLAG=", "PLAT=manylinux2014_x86_64", "USER_ID=1000", "GROUP_ID=1001",
                $"SOURCE_DATE_EPOCH={cell.SourceDate.Seconds}", "PYTHONHASHSEED=0", "CIBUILDWHEEL=1", "HOME=/tmp", "WHEELSMITH_TEST_TOKEN", "GREETING=a b;'c'",
            }));
            Assert.That(WheelPlanTests.CellsOf(OptionsTests.Parse("--arch=x86_64", "--cpython=cp313"), new InvokingUser(0, 0)).Single().DockerUser, Is.Null, "root stays root");
        });
    }

    [Test]
    public void Logs_go_under_the_output_folder() =>
        Assert.That(Cells("--arch=arm64", "--cpython=cp313", "--output=/tmp/out").Single().LogFile, Is.EqualTo("/tmp/out/logs/arm64-cp313.log"));

    [TestCase("magickpng-0.1.0-cp313-cp313-manylinux_2_38_aarch64.whl", "manylinux_2_38_aarch64")]
    [TestCase("lets_plot-4.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "manylinux_2_17_x86_64.manylinux2014_x86_64")]
    public void The_platform_tag_is_read_from_the_wheel_name(string file, string platform) =>
        Assert.That(BuiltWheel.PlatformOf(file), Is.EqualTo(platform));
}
