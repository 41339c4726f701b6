namespace Wheelsmith.Options;

/// <summary>The folders options name, checked before any work starts and made absolute.</summary>
public static class OptionFolders
{
    public static string ExistingDirectory(string option, string text, string folder)
    {
        var path = Path.GetFullPath(text.Length == 0 ? "." : text, folder);
        return Directory.Exists(path) ? Path.TrimEndingDirectorySeparator(path)
            : File.Exists(path) ? throw new OptionException(option, $"'{text}' is a file; expected a directory")
            : throw new OptionException(option, $"'{text}' does not exist; expected a directory");
    }

    /// <summary>The Python package's folder: inside <paramref name="source"/>, relative to it, with '/' separators.</summary>
    public static string PackageDirectory(string option, string text, string source)
    {
        if (Path.IsPathRooted(text))
        {
            throw new OptionException(option, $"'{text}' is absolute; expected a folder relative to --source, such as python-package");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text, source));
        if (full != source && !full.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new OptionException(option, $"'{text}' leaves --source ({source}); expected a folder inside it");
        }

        if (!File.Exists(Path.Combine(full, "pyproject.toml")) && !File.Exists(Path.Combine(full, "setup.py")))
        {
            throw new OptionException(option, $"'{text}' in {source} has no pyproject.toml or setup.py; expected the Python package's folder");
        }

        return full == source ? "." : Path.GetRelativePath(source, full).Replace('\\', '/');
    }

    /// <summary>cibuildwheel's test-sources: files or folders of the project, relative to --source, each there; '/' separators.</summary>
    public static IReadOnlyList<string> TestSources(string option, IReadOnlyList<string> paths, string source) =>
        paths.Select(text =>
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text, source));
            return Path.IsPathRooted(text) || !full.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal)
                ? throw new OptionException(option, $"'{text}' is not inside --source ({source}); expected paths relative to the project, such as tests")
                : File.Exists(full) || Directory.Exists(full)
                    ? Path.GetRelativePath(source, full).Replace('\\', '/')
                    : throw new OptionException(option, $"'{text}' does not exist in {source}; expected a file or folder of the project");
        }).ToList();

    public static string Output(string option, string text, string folder)
    {
        var path = Path.GetFullPath(text.Length == 0 ? throw OptionException.Rejected(option, text, "a directory for the wheels") : text, folder);
        if (File.Exists(path))
        {
            throw new OptionException(option, $"'{text}' is a file; expected a directory for the wheels");
        }

        // The folder is made only when a cell runs; what must be writable now is the nearest existing one.
        var existing = path;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }

        return Writable.Check(existing)
            ? Path.TrimEndingDirectorySeparator(path)
            : throw new OptionException(option, $"'{text}' is not writable ({existing} refuses writes); expected a directory this user can write");
    }

    /// <summary>cibuildwheel's --config-file: {package} is the package's folder; a relative path is from the working directory.</summary>
    public static string ConfigFile(string option, string text, string package, string folder)
    {
        var path = Path.GetFullPath(text.Replace("{package}", package, StringComparison.Ordinal), folder);
        return File.Exists(path) ? path
            : Directory.Exists(path) ? throw new OptionException(option, $"'{text}' is a folder; expected a TOML file with a [tool.cibuildwheel] table")
            : throw new OptionException(option, $"'{text}' does not exist ({path}); expected a TOML file with a [tool.cibuildwheel] table");
    }

    /// <summary>The build image's recipe: a folder with a Dockerfile.</summary>
    public static string Images(string option, string folder) =>
        File.Exists(Path.Combine(folder, "Dockerfile"))
            ? folder
            : throw new OptionException(option, $"'{folder}' has no Dockerfile; expected the build image's recipe (this repository's images/build folder)");
}
