using System.Diagnostics;
using Cake.Core;
using Wheelsmith.Host;
using Wheelsmith.Plan;
using Wheelsmith.Plan.Requirements;
using Wheelsmith.Report;

namespace Wheelsmith.Cells;

/// <summary>
/// Runs one cell: build, repair and install into a fresh environment in one container (natively,
/// also for cross cells), test in a clean container of the test image, then deliver. Wheels are
/// staged under the output folder and renamed into place only when the whole cell succeeded, so
/// the output never holds a partial or untested wheel.
/// </summary>
public static class WheelBuild
{
    private const string StagedVenv = "venv";
    private const string StagedWheels = "wheels";

    /// <summary>The cell's result, failed or not; only an interruption (or a defect) throws.</summary>
    public static WheelResult Run(CellWork work, WheelCell cell, string buildImage, string testImage)
    {
        var clock = Stopwatch.StartNew();
        using var log = new CellLog(work.Console, cell);
        var staging = Path.Combine(cell.Options.Output, $".{cell.Architecture}-{cell.CPython}.partial");
        var test = cell.TestCommand is null ? TestOutcome.NoCommand : TestOutcome.NotReached;
        work.Resources.HoldFolder(staging);
        try
        {
            RecreateDirectory(staging);
            var wheels = BuildAndRepair(work, cell, buildImage, log, staging);
            if (cell.TestCommand is { } command)
            {
                test = TestOutcome.Failed;
                Test(work, cell, testImage, log, staging, command);
                test = TestOutcome.Passed;
            }
            else
            {
                log.Line("not tested: no --test-command");
            }

            var delivered = wheels.Select(wheel => Deliver(cell, staging, wheel, log)).ToList();
            return new WheelResult(cell, delivered, clock.Elapsed, test, null, log.Path);
        }
        catch (Exception exception) when (!work.Resources.HandedOver && (exception is CakeException || (exception is IOException io && DiskFull.Is(io))))
        {
            var reason = exception is IOException ? DiskFull.Reason(cell.Options.Output) : exception.Message;
            log.Failed(reason);
            return new WheelResult(cell, [], clock.Elapsed, test, reason, log.Path);
        }
        finally
        {
            // After an interruption the signal handler owns the clean-up.
            if (!work.Resources.HandedOver)
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }

                work.Resources.ReleaseFolder(staging);
            }
        }
    }

    private static IReadOnlyList<string> BuildAndRepair(CellWork work, WheelCell cell, string image, CellLog log, string staging)
    {
        if (cell.Options.BeforeAll is not null)
        {
            log.Line($"before-all for {cell.Architecture} ran in {image}; its output: {Path.Combine(cell.Options.Output, "logs", $"before-all-{cell.Architecture}.log")}");
        }

        using var container = WheelContainer.Start(work, log, cell, image, cell.BuildMachine, "build", cell.BuildInputs);
        if (cell.CrossBuild)
        {
            log.Line($"cross build for {cell.Architecture.Machine}: {string.Join(' ', cell.CrossEnvironment.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        if (cell.BeforeBuildCommand is { } beforeBuild)
        {
            container.Run("before-build", beforeBuild, cell.BuildEnvironment, cell.PackagePath);
        }

        container.Run("build", cell.BuildCommand, cell.BuildEnvironment, cell.PackagePath);
        var built = container.List(WheelCell.BuiltPath).Where(n => n.EndsWith(".whl", StringComparison.Ordinal)).ToList();
        if (built.Count == 0)
        {
            throw new CakeException("build made no wheel");
        }

        foreach (var wheel in built)
        {
            container.Run("repair", cell.RepairCommand(wheel), cell.RepairEnvironment);
        }

        var repaired = CopyOutRepaired(container, Path.Combine(staging, StagedWheels));
        if (repaired.Count == 0)
        {
            throw new CakeException($"repair made no wheel in {WheelCell.RepairedPath}");
        }

        if (cell.TestCommand is not null)
        {
            // The test environment holds nothing but the repaired wheels; it moves to the clean test container whole.
            container.Run("venv", cell.VenvCommand, cell.StepEnvironment);
            foreach (var wheel in repaired)
            {
                container.Run("install", cell.InstallCommand(wheel), cell.InstallEnvironment);
            }

            if (cell.TestRequirementsCommand is { } requirements)
            {
                if (!cell.Policy.InstallWithPip)
                {
                    var script = Path.Combine(staging, CarriedCopy.FileName);
                    File.WriteAllText(script, CarriedCopy.Script);
                    container.CopyIn(script, CarriedCopy.ContainerPath);
                }

                container.Run("test-requires", requirements, cell.StepEnvironment);
            }

            container.CopyOut(WheelCell.VenvPath, Path.Combine(staging, StagedVenv));
        }

        return repaired;
    }

    // Only what the repair wrote leaves the container (the unrepaired wheels stay behind), in one copy of its folder;
    // none when the repair made no folder at all.
    private static List<string> CopyOutRepaired(WheelContainer container, string folder)
    {
        try
        {
            container.CopyOut(WheelCell.RepairedPath, folder);
        }
        catch (CakeException) when (!container.Exists(WheelCell.RepairedPath))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.whl").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
    }

    private static void Test(CellWork work, WheelCell cell, string image, CellLog log, string staging, IReadOnlyList<string> test)
    {
        using var container = WheelContainer.Start(work, log, cell, image, cell.Architecture, "test", [(cell.Options.Source, WheelCell.ProjectPath), (Path.Combine(staging, StagedVenv), WheelCell.VenvPath)]);

        // From / so that the import finds the installed wheel, not the copy of the source.
        container.Run("test", test, cell.TestEnvironment, "/");
    }

    private static BuiltWheel Deliver(WheelCell cell, string staging, string wheel, CellLog log)
    {
        var source = Path.Combine(staging, StagedWheels, wheel);
        Ownership.GiveTo(source, cell.User);

        var target = Path.Combine(cell.Options.Output, wheel);
        var replaced = File.Exists(target);
        File.Move(source, target, overwrite: true);
        log.Line($"delivered {target}{(replaced ? " (replaced the wheel of the same name)" : string.Empty)}");
        using var content = File.OpenRead(target);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        return new BuiltWheel(wheel, BuiltWheel.PlatformOf(wheel), content.Length, sha256, replaced);
    }

    private static void RecreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }
}
