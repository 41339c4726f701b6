using Wheelsmith.Plan;

namespace Wheelsmith.Cells;

/// <summary>
/// A cell's test, as cibuildwheel runs it: in a clean container of the test image holding the source, the test
/// environment and the repaired wheels (where {wheel} says), test-environment evaluated by its shell, before-test,
/// then the test command from a fresh folder holding only the test sources, so that the import finds the installed
/// wheel, not the project's copy.
/// </summary>
public static class WheelTest
{
    /// <summary>Tests the staged wheels, installed in the staged test environment, in a clean container of <paramref name="image"/>.</summary>
    public static void Run(CellWork work, WheelCell cell, string image, CellLog log, string staging, IReadOnlyList<string> wheels, IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        var tree = Path.Combine(staging, WheelBuild.StagedWorkTree);
        Directory.CreateDirectory(Path.Combine(tree, "repaired"));
        Directory.CreateDirectory(Path.Combine(tree, "test"));
        foreach (var wheel in wheels)
        {
            File.Copy(Path.Combine(staging, WheelBuild.StagedWheels, wheel), Path.Combine(tree, "repaired", wheel), overwrite: true);
        }

        foreach (var source in cell.Options.TestSources)
        {
            CopyTestSource(Path.Combine(cell.Options.Source, source), Path.Combine(tree, "test", source));
        }

        using var container = WheelContainer.Start(work, log, cell, image, cell.Architecture, "test",
            [(cell.Options.Source, WheelCell.ProjectPath), (Path.Combine(staging, WheelBuild.StagedVenv), WheelCell.VenvPath), (tree, WheelCell.WorkPath)]);
        var test = cell.TestEnvironmentScript.IsNeeded
            ? container.Evaluate("test-environment", cell.TestEnvironmentScript, cell.TestEnvironment(environment, []))
            : [];
        if (cell.BeforeTestCommand is { } beforeTest)
        {
            container.Run("before-test", beforeTest, cell.TestEnvironment(environment, test), WheelCell.ProjectPath);
        }

        container.Run("test", cell.TestCommand(wheels), cell.TestEnvironment(environment, test), WheelCell.TestPath);
    }

    // A test source, a file or a folder, to the same relative place in the test folder.
    private static void CopyTestSource(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
