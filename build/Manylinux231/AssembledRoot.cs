using Wheelsmith.Images;
using Wheelsmith.Options;
using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Manylinux231;

/// <summary>Which image of the base a root is for.</summary>
public enum AssembledRootKind
{
    /// <summary>x86_64 wheels build, and are tested, here.</summary>
    Build,

    /// <summary>aarch64 wheels are cross-built here, by the x86_64 CPythons with the aarch64 ones' headers and sysconfig data.</summary>
    Cross,

    /// <summary>Cross-built aarch64 wheels are tested here, under QEMU.</summary>
    ArmTest,
}

/// <summary>
/// A root of the manylinux_2_31 base: a Debian 11 root with the compiled trees the selected
/// CPythons need extracted into it, at the manylinux layout. Only the trees of selected CPythons
/// are compiled; another selection assembles another root from the same cached trees (seconds).
/// </summary>
public sealed record AssembledRoot(AssembledRootKind Kind, IReadOnlyList<CPythonSource> CPythons, CPythonSource ToolRunner, BaseTrees Trees, string CrossHookDirectory) : RootfsRecipe
{
    /// <summary>Where the cross root keeps the aarch64 CPythons, apart from the x86_64 ones that run the builds.</summary>
    public const string TargetPythons = "/opt/python-target";

    /// <summary>Where the cross root keeps the hook that makes a build answer for the target (images/cross), a site folder of its CPythons.</summary>
    public const string CrossHookSite = "/opt/wheelsmith/cross-hook";

    // The cross image's CPythons read one set of headers: pyconfig.h picks the machine's, as Debian's multiarch headers do.
    private const string PyconfigDispatcher =
        "/* Written by Wheelsmith: the x86_64 and aarch64 CPythons of the cross image share these headers. */\n" +
        "#if defined(__aarch64__)\n#include \"pyconfig-aarch64.h\"\n#else\n#include \"pyconfig-x86_64.h\"\n#endif\n";

    /// <summary>The root of one image of the base for the CPythons asked for (those the base has).</summary>
    public static AssembledRoot For(AssembledRootKind kind, IEnumerable<CPythonTag> cpythons, BuildOptions options, BuildPaths paths)
    {
        var catalogue = CPythonCatalogue.In(options.Get(OptionDeclarations.Cache));
        var selected = cpythons.Select(catalogue.Find).OfType<CPythonSource>().ToList();
        return new(kind, selected, ToolRunnerOf(selected, catalogue), new BaseTrees(paths.Manylinux231Directory), paths.CrossHookDirectory);
    }

    public override RootfsRecipe Parent => Kind switch
    {
        AssembledRootKind.Build => BaseTrees.BuildRoot,
        AssembledRootKind.Cross => BaseTrees.CrossRoot,
        _ => BaseTrees.ArmRuntime,
    };

    public override string Name => Kind switch
    {
        AssembledRootKind.Build => "manylinux_2_31-x86_64",
        AssembledRootKind.Cross => "manylinux_2_31-cross-aarch64",
        _ => "manylinux_2_31-aarch64-test",
    };

    public override Architecture Architecture => Kind == AssembledRootKind.ArmTest ? Architecture.Arm64 : Architecture.X86_64;

    public override bool LinksDebianCPythons => false;

    public override bool KeepsTarball => false;

    public override string Summary => $"Assembling the {Name} root: {Parent.Name} with {string.Join(", ", CPythons.Select(c => c.Tag))}{(Kind == AssembledRootKind.ArmTest ? string.Empty : ", ImageMagick, patchelf, the build tools, backends and test tools")} (seconds).";

    /// <summary>
    /// The x86_64 CPython auditwheel runs on: the newest selected one with the GIL, when it is 3.10 or newer (auditwheel
    /// 6.7 needs 3.10); else CPython 3.11, added to the image for this alone.
    /// </summary>
    private static CPythonSource ToolRunnerOf(IReadOnlyList<CPythonSource> selected, CPythonCatalogue catalogue) =>
        selected.Where(c => c.Tag is { FreeThreaded: false, Minor: >= 10 }).MaxBy(c => c.Tag.Minor) ?? catalogue.Find(new CPythonTag(11, false))!;

    /// <summary>The trees extracted into the parent, in order; the cross root's aarch64 CPythons last.</summary>
    public override IReadOnlyList<CachedTree> Layers => Kind switch
    {
        AssembledRootKind.Build => [Trees.Patchelf, Trees.ImageMagick(Architecture.X86_64), new CarriedTree(), .. X86CPythons.Select(c => Trees.CPython(c, Architecture.X86_64))],
        AssembledRootKind.Cross =>
        [
            Trees.Patchelf, Trees.ImageMagick(Architecture.Arm64), new CarriedTree(),
            .. X86CPythons.Select(c => Trees.CPython(c, Architecture.X86_64)), .. CPythons.Select(c => Trees.CPython(c, Architecture.Arm64)),
        ],
        _ => [.. CPythons.Select(c => Trees.CPython(c, Architecture.Arm64))],
    };

    // The x86_64 CPythons of a build or cross root: the selected ones and the tool runner.
    private IReadOnlyList<CPythonSource> X86CPythons => [.. CPythons.Append(ToolRunner).Distinct().OrderBy(c => c.Tag)];

    public override IReadOnlyList<HostStep> Steps(string tree, TreeInputs inputs)
    {
        var targets = Kind == AssembledRootKind.Cross ? CPythons.Count : 0;
        return
        [
            new("mkdir", "-p", tree),
            new("tar", "--numeric-owner", "-xf", inputs.ParentTarball!, "-C", tree),
            .. inputs.LayerTarballs.Select((layer, index) => index < inputs.LayerTarballs.Count - targets
                ? new HostStep("tar", "--numeric-owner", "-xf", layer, "-C", tree)
                : new HostStep("tar", "--numeric-owner", "-xf", layer, "-C", tree, $"--transform=s,^\\./opt/python/,.{TargetPythons}/,")),
        ];
    }

    public override void Finish(string tree)
    {
        if (Kind == AssembledRootKind.ArmTest)
        {
            return;
        }

        var machine = Kind == AssembledRootKind.Build ? Architecture.X86_64 : Architecture.Arm64;
        foreach (var cpython in X86CPythons)
        {
            var stdlib = Path.Combine(tree, cpython.Prefix.TrimStart('/'), "lib", $"python3.{cpython.Tag.Minor}{cpython.Tag.AbiFlag}");
            File.WriteAllText(Path.Combine(stdlib, "site-packages", "wheelsmith-carried.pth"), CarriedPth(cpython));
            if (Kind == AssembledRootKind.Cross && CPythons.Contains(cpython))
            {
                ShareWithTarget(tree, cpython, stdlib);
            }
        }

        // pkg-config finds MagickWand where it looks for the machine's libraries, in the build and cross images alike.
        var pkgconfig = Path.Combine(tree, "usr", "lib", $"{machine.Machine}-linux-gnu", "pkgconfig");
        Directory.CreateDirectory(pkgconfig);
        foreach (var pc in Directory.EnumerateFiles(Path.Combine(tree, BaseTrees.ImageMagickPrefix(machine).TrimStart('/'), "lib", "pkgconfig"), "*.pc")
                     .Where(pc => Path.GetFileName(pc).StartsWith("Magick", StringComparison.Ordinal) || Path.GetFileName(pc).StartsWith("ImageMagick", StringComparison.Ordinal)))
        {
            File.Copy(pc, Path.Combine(pkgconfig, Path.GetFileName(pc)), overwrite: true);
        }

        // auditwheel and Meson run on one CPython of the root, whatever the cell's is (meson-python runs the meson on PATH).
        WriteProgram(tree, "auditwheel", $"#!/bin/sh\nexec {ToolRunner.Executable} -m auditwheel \"$@\"\n");
        WriteProgram(tree, "meson", $"#!{ToolRunner.Executable}\nimport sys\nfrom mesonbuild.mesonmain import main\nsys.exit(main())\n");

        if (Kind == AssembledRootKind.Cross)
        {
            var hooks = Path.Combine(tree, CrossHookSite.TrimStart('/'));
            Directory.CreateDirectory(hooks);
            foreach (var file in Directory.EnumerateFiles(CrossHookDirectory))
            {
                File.Copy(file, Path.Combine(hooks, Path.GetFileName(file)), overwrite: true);
            }

            CrossToolchainFiles.WriteInto(tree, Architecture.Arm64, CPythons.Select(c => c.Tag));
        }
    }

    // The site folders a CPython adds at start-up: per name, the carried distribution that runs on it, and in the cross root the hook.
    private string CarriedPth(CPythonSource cpython)
    {
        var folders = Catalogue.Carried.For(PythonVersion.Parse(cpython.Version)!).Select(d => d.UnpackedSitePackages)
            .Concat(Kind == AssembledRootKind.Cross ? [CrossHookSite] : []);
        return $"import site; list(map(site.addsitedir, [{string.Join(", ", folders.Select(folder => $"'{folder}'"))}]))\n";
    }

    private static void WriteProgram(string tree, string name, string text)
    {
        var program = Path.Combine(tree, "usr", "local", "bin", name);
        File.WriteAllText(program, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    protected override ContentHash Describe(ContentHash hash) =>
        DescribeInputs(hash).Add("kind", Kind.ToString()).Add("finish", CrossHookSite + PyconfigDispatcher + "auditwheel, meson launchers")
            .Add("toolchain files", string.Concat(CrossToolchainFiles.For(Architecture.Arm64, CPythons.Select(c => c.Tag)).Values))
            .Add("start-up", string.Concat(X86CPythons.Select(CarriedPth))).AddTree(CrossHookDirectory);

    // The x86_64 CPython reads the aarch64 one's sysconfig data (named by _PYTHON_SYSCONFIGDATA_NAME) and headers.
    private static void ShareWithTarget(string tree, CPythonSource cpython, string stdlib)
    {
        var target = Path.Combine(tree, TargetPythons.TrimStart('/'), cpython.Tag.Identifier);
        var targetStdlib = Path.Combine(target, "lib", Path.GetFileName(stdlib));
        foreach (var sysconfig in Directory.EnumerateFiles(targetStdlib, "_sysconfigdata_*_linux_aarch64-linux-gnu.py"))
        {
            File.Copy(sysconfig, Path.Combine(stdlib, Path.GetFileName(sysconfig)), overwrite: true);
        }

        var headers = Path.Combine(tree, cpython.Prefix.TrimStart('/'), "include", Path.GetFileName(stdlib));
        File.Move(Path.Combine(headers, "pyconfig.h"), Path.Combine(headers, "pyconfig-x86_64.h"), overwrite: true);
        File.Copy(Path.Combine(target, "include", Path.GetFileName(stdlib), "pyconfig.h"), Path.Combine(headers, "pyconfig-aarch64.h"), overwrite: true);
        File.WriteAllText(Path.Combine(headers, "pyconfig.h"), PyconfigDispatcher);
    }
}
