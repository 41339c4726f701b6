namespace Wheelsmith.Tests;

/// <summary>
/// Bad input through the real program on a real engine: each case ends before any container
/// starts (the engine's container count is unchanged), exits non-zero, prints one line naming the
/// option or file and what is expected, and leaves --output as it was.
/// </summary>
[Order(StartOrder.BadInput)]
public sealed class BadInputIntegrationTests : DockerFixture
{
    protected override string Needing => "The bad-input table";

    // Alone on the engine: a refused run must start or remove no container, counted over the whole engine, and one case
    // switches QEMU's aarch64 handler off for a moment.
    protected override FixtureSharing Sharing => FixtureSharing.ChangesAll;

    private string _scratch = null!;
    private string _output = null!;

    [SetUp]
    public void CreateScratch()
    {
        _scratch = Directory.CreateTempSubdirectory("wheelsmith-bad-input-").FullName;
        _output = Path.Combine(_scratch, "dist");
        Directory.CreateDirectory(_output);
        File.WriteAllText(Path.Combine(_output, "earlier.whl"), "a wheel of an earlier run");
        File.WriteAllText(Path.Combine(_scratch, "a-file"), "not a folder");
        Directory.CreateDirectory(Path.Combine(_scratch, "empty"));
        foreach (var (name, tables) in BadProjects)
        {
            Directory.CreateDirectory(Path.Combine(_scratch, name));
            File.WriteAllText(Path.Combine(_scratch, name, "setup.py"), "from setuptools import setup\nsetup()\n");
            File.WriteAllText(Path.Combine(_scratch, name, "pyproject.toml"), "[project]\nname = \"bad\"\n" + tables);
        }
    }

    // Projects whose configuration is bad, each in its own folder of the scratch.
    private static readonly (string Name, string Tables)[] BadProjects =
    [
        ("toml-syntax", "[tool.wheelsmith\narch = \"x86_64\"\n"),
        ("unknown-key", "[tool.wheelsmith]\narchitecture = \"x86_64\"\n"),
        ("wrong-type", "[tool.wheelsmith]\nfail-fast = { yes = 1 }\n"),
        ("bad-value", "[tool.wheelsmith]\ncpython = \"py311\"\n"),
        ("test-requires", "[tool.cibuildwheel]\ntest-requires = \"pytest numpy\"\ntest-command = \"pytest\"\n"),
        ("build-requires", "[build-system]\nrequires = [\"setuptools\", \"cython<3\"]\n"),
        ("machine-only-key", "[tool.wheelsmith]\noutput = \"dist\"\n"),
        ("cibuildwheel-type", "[tool.cibuildwheel]\nbuild = 5\n"),
        ("cibuildwheel-twice", "[tool.cibuildwheel]\nbuild = \"cp313-*\"\nbuild = \"cp314-*\"\n"),
        ("cibuildwheel-unknown", "[tool.cibuildwheel]\nbulid = \"cp313-*\"\n"),
        ("cibuildwheel-empty", "[tool.cibuildwheel]\nbuild = \"cp27-*\"\n"),
    ];

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    private static readonly object[] Cases =
    [
        new object[] { new[] { "--target=Nope" }, "--target: 'Nope' is not a task; expected one of" },
        new object[] { new[] { "--frobnicate=1" }, "--frobnicate: unknown option" },
        new object[] { new[] { "--arch=x86_64", "--arch=arm64" }, "--arch: given twice with different values" },
        new object[] { new[] { "--arch=" }, "--arch: '' is not accepted; expected x86_64" },
        new object[] { new[] { "--arch=ppc64le" }, "--arch: 'ppc64le' is not accepted" },
        new object[] { new[] { "--arch=arm" }, "--arch: 'arm' is not accepted" },
        new object[] { new[] { "--arch=x86" }, "--arch: 'x86' is not accepted" },
        new object[] { new[] { "--cpython=" }, "--cpython: '' is not accepted; expected cpXY" },
        new object[] { new[] { "--cpython=cp3" }, "--cpython: 'cp3' is not accepted" },
        new object[] { new[] { "--cpython=py311" }, "--cpython: 'py311' is not accepted" },
        new object[] { new[] { "--cpython=cp3.11" }, "--cpython: 'cp3.11' is not accepted" },
        new object[] { new[] { "--cpython=cp311x" }, "--cpython: 'cp311x' is not accepted" },
        new object[] { new[] { "--cpython=cp311;touch /tmp/wheelsmith-pwned" }, "--cpython: 'cp311;touch /tmp/wheelsmith-pwned' is not accepted" },
        new object[] { new[] { "--cpython=$(touch /tmp/wheelsmith-pwned)" }, "--cpython: '$(touch /tmp/wheelsmith-pwned)' is not accepted" },
        new object[] { new[] { "--cpython=`touch /tmp/wheelsmith-pwned`" }, "--cpython: '`touch /tmp/wheelsmith-pwned`' is not accepted" },
        new object[] { new[] { "--source={scratch}/missing" }, "--source: '{scratch}/missing' does not exist; expected a directory" },
        new object[] { new[] { "--source={scratch}/a-file" }, "--source: '{scratch}/a-file' is a file; expected a directory" },
        new object[] { new[] { "--source={scratch}/empty" }, "--package-dir: '.' in {scratch}/empty has no pyproject.toml or setup.py" },
        new object[] { new[] { "--package-dir=../.." }, "--package-dir: '../..' leaves --source" },
        new object[] { new[] { "--package-dir=/etc" }, "--package-dir: '/etc' is absolute" },
        new object[] { new[] { "--output={scratch}/a-file" }, "--output: '{scratch}/a-file' is a file" },
        new object[] { new[] { "--plat=manylinux2015" }, "--plat: 'manylinux2015' is not accepted; expected auto, a policy" },
        new object[] { new[] { "--plat=manylinux2014_x86_64", "--arch=all" }, "--plat: 'manylinux2014_x86_64' is for x86_64, but --arch includes arm64" },
        new object[] { new[] { "--base=centos" }, "--base: 'centos' is not accepted; expected manylinux2014" },
        new object[] { new[] { "--images={scratch}/empty" }, "--images: '{scratch}/empty' has no Dockerfile" },
        new object[] { new[] { "--imagemagick-path={scratch}/no-imagemagick" }, "--imagemagick-path: '{scratch}/no-imagemagick' does not exist" },
        new object[] { new[] { "--environment=ARCH=x" }, "--environment: 'ARCH' is set by the build itself" },
        new object[] { new[] { "--fail-fast=maybe" }, "--fail-fast: 'maybe' is not accepted; expected no value, true or false" },
        new object[] { new[] { "--env=WHEELSMITH_NOT_SET_ANYWHERE" }, "--env: 'WHEELSMITH_NOT_SET_ANYWHERE' is not set in this environment" },
        new object[] { new[] { "--env=PLAT=manylinux1" }, "--env: 'PLAT' is set by the build itself" },
        new object[] { new[] { "--env=not a name" }, "--env: 'not a name' is not accepted" },
        new object[] { new[] { "--jobs=0" }, "--jobs: '0' is not accepted; expected how many cells run at once" },
        new object[] { new[] { "--arm-build=qemu" }, "--arm-build: 'qemu' is not accepted; expected cross or emulated" },
        new object[] { new[] { "--arm-build=cross", "--base=manylinux2014" }, "--arm-build: 'cross' needs --base=local" },
        new object[] { new[] { "--arm-build=cross", "--base=local", "--arm-base-image=my/arm-base:1" }, "--arm-build: 'cross' builds in the local cross image, but --arm-base-image" },
        new object[] { new[] { "--env=_PYTHON_HOST_PLATFORM=linux-x86_64" }, "--env: '_PYTHON_HOST_PLATFORM' is set by the build itself" },
        new object[] { new[] { "--source={scratch}/toml-syntax" }, "{scratch}/toml-syntax/pyproject.toml: line 3: " },
        new object[] { new[] { "--source={scratch}/unknown-key" }, "{scratch}/unknown-key/pyproject.toml [tool.wheelsmith] architecture: unknown key; expected one of arch, cpython" },
        new object[] { new[] { "--source={scratch}/wrong-type" }, "{scratch}/wrong-type/pyproject.toml [tool.wheelsmith] fail-fast: is a table; expected a string" },
        new object[] { new[] { "--source={scratch}/bad-value" }, "{scratch}/bad-value/pyproject.toml [tool.wheelsmith] cpython: 'py311' is not accepted; expected cpXY" },
        new object[] { new[] { "--source={scratch}/test-requires" }, "{scratch}/test-requires/pyproject.toml [tool.cibuildwheel] test-requires 'numpy' (cp313-manylinux_x86_64): the local image does not carry numpy" },
        new object[] { new[] { "--source={scratch}/build-requires" }, "{scratch}/build-requires/pyproject.toml [build-system] requires 'cython<3' (cp313-manylinux_x86_64): the local image carries cython 3.1.6, which does not fit <3" },
        new object[] { new[] { "--source={scratch}/machine-only-key" }, "{scratch}/machine-only-key/pyproject.toml [tool.wheelsmith] output: is for the command line or the environment (WHEELSMITH_OUTPUT)" },
        new object[] { new[] { "--engine=lxc" }, "--engine: 'lxc' is not accepted; expected docker or podman" },
        new object[] { new[] { "--build-verbosity=4" }, "--build-verbosity: '4' is not accepted; expected a whole number from -3 (quietest) to 3 (most verbose)" },
        new object[] { new[] { "--source={scratch}/cibuildwheel-type" }, "{scratch}/cibuildwheel-type/pyproject.toml [tool.cibuildwheel] build: is an integer (5); expected a string or a list of strings" },
        new object[] { new[] { "--source={scratch}/cibuildwheel-twice" }, "{scratch}/cibuildwheel-twice/pyproject.toml: line 5: The key `tool.cibuildwheel.build` is already defined at (4,1)" },
        new object[] { new[] { "--source={scratch}/cibuildwheel-unknown" }, "{scratch}/cibuildwheel-unknown/pyproject.toml [tool.cibuildwheel] bulid: unknown key (cibuildwheel refuses it too)" },
        new object[] { new[] { "--source={scratch}/cibuildwheel-empty" }, "No cell selected: build 'cp27-*' ({scratch}/cibuildwheel-empty/pyproject.toml [tool.cibuildwheel] build)" },
        new object[] { new[] { "--only=cp313-musllinux_x86_64" }, "--only: 'cp313-musllinux_x86_64' is a musllinux build, which this tool does not make" },
        new object[] { new[] { "--imagemagick-path={scratch}/{machine}" }, "--imagemagick-path: for x86_64, '{scratch}/x86_64' does not exist; expected a directory" },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Bad_input_stops_before_any_container_with_one_line_and_cibuildwheels_exit_code(string[] arguments, string expected) =>
        AssertRefused([.. arguments.Select(Fill), .. Defaults(arguments)], Fill(expected), expected.StartsWith("No cell selected", StringComparison.Ordinal) ? NothingSelected : BadInput);

    // cibuildwheel's: a configuration error, an empty selection; what the host lacks is a failure like any other (1).
    private const int BadInput = 2;
    private const int NothingSelected = 3;
    private const int Failed = 1;

    // The local base needs no registry; the output is the watched folder, unless the case is about them.
    private IEnumerable<string> Defaults(string[] arguments) =>
        new[] { "--base=local", "--output=" + _output }.Where(d => !arguments.Any(a => a.StartsWith(d.Split('=')[0] + "=", StringComparison.Ordinal)));

    [Test]
    public void No_engine_at_DOCKER_HOST() =>
        AssertRefused(["--base=local", "--arch=x86_64", "--output=" + _output], "No Docker engine answers at DOCKER_HOST=unix:///nonexistent/docker.sock", Failed,
            new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });

    [Test]
    public void An_output_folder_that_refuses_writes()
    {
        var readOnly = Path.Combine(_scratch, "read-only");
        Directory.CreateDirectory(readOnly);
        // Root writes anywhere a mode allows; a read-only mount refuses even root.
        var mount = BuildProcess.Exec("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly]);
        if (mount.ExitCode != 0)
        {
            Assert.Ignore("cannot mount a read-only tmpfs here: " + mount.Output);
        }

        try
        {
            AssertRefused(["--base=local", "--output=" + readOnly + "/dist"], $"--output: '{readOnly}/dist' is not writable", BadInput);
        }
        finally
        {
            BuildProcess.Exec("umount", [readOnly]);
        }
    }

    [Test]
    public void Arm64_where_QEMU_cannot_be_set_up()
    {
        // Not root, and the aarch64 handler off: nothing this run may do can make aarch64 programs run.
        var handler = "/proc/sys/fs/binfmt_misc/qemu-aarch64";
        if (!File.Exists(handler) || !Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("needs root and a registered qemu-aarch64 handler to switch off for the test");
        }

        // The unprivileged user may not read this checkout (under /root, say): it gets its own copies.
        var shared = Path.Combine(Path.GetTempPath(), "wheelsmith-nobody-" + Guid.NewGuid().ToString("N"));
        SourceTree.Copy(BuildProcess.ProgramDirectory, Path.Combine(shared, "bin"));
        SourceTree.Copy(OptionsTests.Paths.Sample, Path.Combine(shared, "source"));
        SourceTree.Copy(OptionsTests.Paths.ImagesDirectory, Path.Combine(shared, "images"));
        BuildProcess.Exec("chmod", ["-R", "a+rX", shared]);
        var output = Path.Combine(Path.GetTempPath(), "wheelsmith-nobody-dist-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(handler, "0");
        try
        {
            AssertRefused(
                ["--base=local", "--arch=arm64", "--source=" + Path.Combine(shared, "source"), "--images=" + Path.Combine(shared, "images"), "--output=" + output],
                "--arch: arm64 needs QEMU user emulation on this x86_64 host, and it cannot be set up here",
                Failed,
                new Dictionary<string, string> { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" },
                asNobodyFrom: Path.Combine(shared, "bin"));
            Assert.That(Directory.Exists(output), Is.False);
        }
        finally
        {
            File.WriteAllText(handler, "1");
            Directory.Delete(shared, recursive: true);
        }
    }

    private string Fill(string text) => text.Replace("{scratch}", _scratch, StringComparison.Ordinal);

    private void AssertRefused(string[] arguments, string expected, int exitCode, Dictionary<string, string>? environment = null, string? asNobodyFrom = null)
    {
        var containersBefore = Containers();
        var outputBefore = SourceTree.Fingerprint(_output);
        var result = asNobodyFrom is not null
            ? BuildProcess.Exec("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Path.Combine(asNobodyFrom, "Build.dll"), .. arguments], environment)
            : BuildProcess.Run(arguments, environment);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
            Assert.That(result.Lines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.Lines.FirstOrDefault(), Does.StartWith("Error: ").And.Contain(expected));
            Assert.That(Containers(), Is.EqualTo(containersBefore), "a container was started or removed");
            Assert.That(SourceTree.Fingerprint(_output), Is.EqualTo(outputBefore), "--output changed");
            Assert.That(File.Exists("/tmp/wheelsmith-pwned"), Is.False, "shell text was run");
        });
    }

    private static int Containers() => DockerEngine.Output("ps", "--all", "--quiet").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
