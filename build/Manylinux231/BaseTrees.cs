using Wheelsmith.Images;
using Wheelsmith.Options;

namespace Wheelsmith.Manylinux231;

/// <summary>The trees the base compiles from source, each where and how it is compiled: x86_64 in the Debian 11 build root, aarch64 cross-compiled in its cross root.</summary>
public sealed record BaseTrees(string ScriptDirectory)
{
    public static readonly BullseyeBuildRecipe BuildRoot = new();

    public static readonly BullseyeCrossRecipe CrossRoot = new();

    /// <summary>The aarch64 runtime libraries of Debian 11 that the CPythons and a manylinux_2_31 wheel may need.</summary>
    public static readonly ArmRuntimeRecipe ArmRuntime = new(BullseyeBuildRecipe.Release,
    [
        "libc6", "libstdc++6", "libgcc-s1", "dash", "coreutils",
        "libssl1.1", "libffi7", "zlib1g", "libbz2-1.0", "liblzma5", "libsqlite3-0", "libncursesw6", "libtinfo6", "libreadline8", "libuuid1", "libgdbm6",
        "libx11-6", "libxext6", "libxrender1", "libice6", "libsm6", "libglib2.0-0",
    ]);

    public SourceBuild Patchelf => new(
        "patchelf-0.18.0-x86_64", "Compiling patchelf 0.18.0 on Debian 11 (seconds).", BuildRoot, Script("build-patchelf.sh"), ["/usr/local"], [Catalogue.Patchelf], []);

    /// <summary>ImageMagick 7 with expat, freetype and fontconfig, static and position-independent, at /opt/imagemagick/&lt;machine&gt;.</summary>
    public SourceBuild ImageMagick(Architecture machine) => new(
        $"imagemagick-{Catalogue.ImageMagickVersion}-{machine.Machine}",
        $"Compiling a static ImageMagick {Catalogue.ImageMagickVersion} with expat, freetype and fontconfig for {machine.Machine} on Debian 11{CrossNote(machine)} (several minutes).",
        RootFor(machine), Script("build-imagemagick.sh"), [machine.Machine, ImageMagickPrefix(machine)], Catalogue.ImageMagick, []);

    /// <summary>A CPython's tree for a machine: compiled from source, or Debian's with its own C library.</summary>
    public CachedTree CPython(CPythonSource source, Architecture machine) => source switch
    {
        CompiledCPython compiled => Compiled(compiled, machine),
        DebianCPython debian => new DebianCPythonTree(debian, machine, Patchelf, Script("debian-cpython.sh")),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "a CPython of the base is compiled or Debian's"),
    };

    /// <summary>A CPython compiled at its manylinux place; for aarch64 the x86_64 one of the same version runs the build.</summary>
    public SourceBuild Compiled(CompiledCPython source, Architecture machine)
    {
        var native = machine == Architecture.X86_64;
        return new(
            $"cpython-{source.Version}{source.Tag.AbiFlag}-{machine.Machine}",
            $"Compiling CPython {source.Version}{(source.Tag.FreeThreaded ? " (free-threaded)" : string.Empty)} for {machine.Machine} on Debian 11{CrossNote(machine)} (three to four minutes).",
            RootFor(machine),
            Script("build-cpython.sh"),
            [$"{SourceBuild.Folder}/sources/{source.Tarball.FileName}", source.Prefix, machine.Machine, native ? string.Empty : source.Executable, source.Tag.FreeThreaded ? "freethreaded" : string.Empty],
            [source.Tarball],
            native ? [] : [Compiled(source, Architecture.X86_64)]);
    }

    public static string ImageMagickPrefix(Architecture machine) => $"/opt/imagemagick/{machine.Machine}";

    private static RootfsRecipe RootFor(Architecture machine) => machine == Architecture.X86_64 ? BuildRoot : CrossRoot;

    private static string CrossNote(Architecture machine) => machine == Architecture.X86_64 ? string.Empty : ", cross-compiled natively";

    private string Script(string name) => Path.Combine(ScriptDirectory, name);
}
