namespace Wheelsmith.Plan.Requirements;

/// <summary>
/// How an offline test environment gets the carried distributions it needs: their Debian packages' files
/// under dist-packages (as dpkg lists them where apt installed them, or the whole folder a package was
/// unpacked into) copied into its site-packages (pure Python, so the copy made on x86_64 serves an
/// aarch64 test too), and their console scripts (pytest) written into its bin with its own python.
/// Run by the cell's CPython in the build container, with only its standard library, from a file
/// copied in (so that the step's log line is the command, not the script).
/// </summary>
public static class CarriedCopy
{
    /// <summary>Where the script is copied in the build container.</summary>
    public const string ContainerPath = "/tmp/wheelsmith/copy-carried.py";

    /// <summary>Its name in the cell's staging folder on the host.</summary>
    public const string FileName = "copy-carried.py";

    /// <summary>
    /// Arguments: site-packages, the bin folder, the python of the scripts, where the packages are (dist-packages, or the
    /// folder of unpacked ones), then the packages (a Debian package's name, or its unpacked folder's).
    /// </summary>
    public const string Script = """
        import configparser, os, shutil, subprocess, sys
        site, bin_dir, python, shared = sys.argv[1:5]
        metadata = set()
        for package in sys.argv[5:]:
            unpacked = os.path.join(shared, package, "usr/lib/python3/dist-packages")
            if os.path.isdir(unpacked):
                files, root = [os.path.join(d, f) for d, _, names in os.walk(unpacked) for f in names], unpacked
            else:
                files, root = subprocess.run(["dpkg-query", "--listfiles", package], check=True, capture_output=True, text=True).stdout.splitlines(), shared
            for path in files:
                if path.startswith(root + "/") and os.path.isfile(path) and "/__pycache__/" not in path:
                    relative = os.path.relpath(path, root)
                    target = os.path.join(site, relative)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    shutil.copyfile(path, target)
                    top = relative.split("/")[0]
                    if top.endswith((".dist-info", ".egg-info")):
                        metadata.add(top)
        for folder in sorted(metadata):
            points = configparser.ConfigParser(delimiters=("=",), interpolation=None)
            points.optionxform = str
            points.read(os.path.join(site, folder, "entry_points.txt"))
            for name, value in points.items("console_scripts") if points.has_section("console_scripts") else []:
                module, _, attribute = value.split("[")[0].strip().partition(":")
                script = os.path.join(bin_dir, name)
                with open(script, "w") as out:
                    out.write(f"#!{python}\nimport sys\nfrom {module} import {attribute.split('.')[0]}\nsys.exit({attribute}())\n")
                os.chmod(script, 0o755)
        print(f"copied {', '.join(sys.argv[5:])} into {site}")
        """;
}
