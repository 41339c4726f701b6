using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// What CMake and Meson need to cross-compile for the target in the cross image, where nothing
/// tells them otherwise: a CMake toolchain file (CMake reads CMAKE_TOOLCHAIN_FILE from the
/// environment, so scikit-build-core's and any setup script's CMake runs pick it up) and a Meson
/// cross file per CPython (meson-python takes it as --cross-file; the host machine's python must be
/// the cell's interpreter, which answers for the target through _PYTHON_SYSCONFIGDATA_NAME, or
/// Meson would introspect the Python that runs it). Both name Debian's multiarch cross toolchain.
/// </summary>
public static class CrossToolchainFiles
{
    /// <summary>Where the cross root keeps them.</summary>
    public const string Folder = "/usr/local/share/wheelsmith/cross";

    public static string CMakePath(Architecture target) => $"{Folder}/{target.Machine}-linux-gnu.cmake";

    public static string MesonPath(Architecture target, CPythonTag cpython) => $"{Folder}/{target.Machine}-linux-gnu-{cpython}.ini";

    /// <summary>Every file of the cross root for these CPythons, by its path in the root.</summary>
    public static IReadOnlyDictionary<string, string> For(Architecture target, IEnumerable<CPythonTag> cpythons) =>
        new Dictionary<string, string> { [CMakePath(target)] = CMake(target) }
            .Concat(cpythons.Select(cpython => KeyValuePair.Create(MesonPath(target, cpython), Meson(target, cpython))))
            .ToDictionary();

    /// <summary>Writes them into a root file system being made.</summary>
    public static void WriteInto(string root, Architecture target, IEnumerable<CPythonTag> cpythons)
    {
        foreach (var (path, text) in For(target, cpythons))
        {
            var file = Path.Combine(root, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    private static string Triplet(Architecture target) => $"{target.Machine}-linux-gnu";

    // CMAKE_LIBRARY_ARCHITECTURE makes find_library and find_package look in Debian's multiarch folder of the target.
    // No CMAKE_SYSTEM_NAME: CMake told that it cross-compiles no longer asks the interpreter, and FindPython's extension
    // suffix (WITH_SOABI) came out empty (_native.so, which auditwheel refused). Not told, it asks the cell's CPython,
    // which answers for the target through _PYTHON_SYSCONFIGDATA_NAME, as it does for setuptools; a program the build
    // compiles and runs (try_run) is an aarch64 one, run under QEMU through binfmt.
    private static string CMake(Architecture target) => $"""
        set(CMAKE_SYSTEM_PROCESSOR {target.Machine})
        set(CMAKE_C_COMPILER {Triplet(target)}-gcc)
        set(CMAKE_CXX_COMPILER {Triplet(target)}-g++)
        set(CMAKE_LIBRARY_ARCHITECTURE {Triplet(target)})
        set(PKG_CONFIG_EXECUTABLE {Triplet(target)}-pkg-config)

        """;

    private static string Meson(Architecture target, CPythonTag cpython) => $"""
        [binaries]
        c = '{Triplet(target)}-gcc'
        cpp = '{Triplet(target)}-g++'
        ar = '{Triplet(target)}-gcc-ar'
        strip = '{Triplet(target)}-strip'
        pkg-config = '{Triplet(target)}-pkg-config'
        cmake = 'cmake'
        python = '/opt/python/{cpython.Identifier}/bin/python'

        [host_machine]
        system = 'linux'
        cpu_family = '{target.Machine}'
        cpu = '{target.Machine}'
        endian = 'little'

        """;
}
