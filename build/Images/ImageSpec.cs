using Wheelsmith.Manylinux231;
using Wheelsmith.Options;
using Wheelsmith.Plan;

namespace Wheelsmith.Images;

/// <summary>A base an image is built on, passed to its Dockerfile as a build argument; made here when it has a recipe, pulled otherwise.</summary>
public sealed record ImageBase(string BuildArgument, string Reference, RootfsRecipe? Recipe, string Option);

/// <summary>
/// One image cells run in: the recipe folder (a Dockerfile and its context), the bases, and the
/// machine it must run as. Declared once per kind here; <see cref="ImageBuilder"/> makes any of them.
/// </summary>
public sealed record ImageSpec(string Title, string Repository, Architecture Machine, string RecipeDirectory, IReadOnlyList<ImageBase> Bases, bool Offline, string? PkgConfig = "pkg-config")
{
    public const string BaseArgument = "BASE_IMAGE";

    /// <summary>The build argument (and probe variable) naming the pkg-config of the machine the wheels are for; a test image has none.</summary>
    public const string PkgConfigArgument = "PKG_CONFIG";

    /// <summary>The spec of a planned image.</summary>
    public static ImageSpec For(PlannedImage planned, BuildOptions options, BuildPaths paths) => planned.Kind switch
    {
        ImageKind.Cross => Cross(options, paths, planned.CPythons),
        ImageKind.ArmTest => ArmTest(options, paths, planned.CPythons),
        _ => Build(options, planned.Architecture, paths, planned.CPythons),
    };

    /// <summary>The build image of an architecture: --images on the architecture's base. Also its test image, except for cross builds.</summary>
    public static ImageSpec Build(BuildOptions options, Architecture architecture, BuildPaths paths, IReadOnlyList<CPythonTag> cpythons) => new(
        architecture.Name,
        $"wheelsmith/build-{architecture.Machine}",
        architecture,
        options.Images,
        [BaseImages.For(options, architecture, paths, cpythons)],
        Offline: BasePolicy.Bootstraps(options, architecture));

    /// <summary>Where arm64 wheels are cross-built: --images on the amd64 root with the aarch64 toolchain; runs as x86_64.</summary>
    public static ImageSpec Cross(BuildOptions options, BuildPaths paths, IReadOnlyList<CPythonTag> cpythons)
    {
        RootfsRecipe recipe = options.Base == BaseKind.LocalManylinux231
            ? AssembledRoot.For(AssembledRootKind.Cross, cpythons, options, paths)
            : new CrossBaseRecipe(paths.CrossHookDirectory);
        return new(
            $"{CrossBaseRecipe.Target.Name} cross",
            $"wheelsmith/cross-{CrossBaseRecipe.Target.Machine}",
            Architecture.X86_64,
            options.Images,
            [new(BaseArgument, recipe.Reference, recipe, "arm-build")],
            Offline: true,
            PkgConfig: $"{CrossBaseRecipe.Target.Machine}-linux-gnu-pkg-config");
    }

    /// <summary>Where cross-built arm64 wheels are tested, under QEMU: the CPythons and their byte-compiled standard library.</summary>
    public static ImageSpec ArmTest(BuildOptions options, BuildPaths paths, IReadOnlyList<CPythonTag> cpythons)
    {
        if (options.Base == BaseKind.LocalManylinux231)
        {
            var root = AssembledRoot.For(AssembledRootKind.ArmTest, cpythons, options, paths);
            return new($"{Architecture.Arm64.Name} test", $"wheelsmith/test-{Architecture.Arm64.Machine}", Architecture.Arm64, paths.Manylinux231TestImageDirectory,
                [new("RUNTIME_BASE", root.Reference, root, "arm-build")], Offline: true, PkgConfig: null);
        }

        var runtime = ArmRuntimeRecipe.Local;
        var compiler = new DebianBaseRecipe(Architecture.X86_64);
        return new(
            $"{Architecture.Arm64.Name} test",
            $"wheelsmith/test-{Architecture.Arm64.Machine}",
            Architecture.Arm64,
            paths.TestImageDirectory,
            [new("RUNTIME_BASE", runtime.Reference, runtime, "arm-build"), new("COMPILER_IMAGE", compiler.Reference, compiler, "arm-build")],
            Offline: true,
            PkgConfig: null);
    }

    /// <summary>Names the staged build context under the cache.</summary>
    public string Key => Repository.Split('/')[^1];
}
