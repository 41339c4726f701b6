using System.Diagnostics;
using Cake.Core;

namespace Wheelsmith.Wheels;

/// <summary>
/// Runs one cell: build and repair in one container, install and test in a clean one, then
/// deliver. Wheels are staged under the output folder and renamed into place only when the whole
/// cell succeeded, so the output never holds a partial or untested wheel.
/// </summary>
public static class WheelBuild
{
    public static WheelResult Run(BuildContext context, WheelCell cell, string image)
    {
        var clock = Stopwatch.StartNew();
        using var log = new CellLog(context, cell);
        var staging = Path.Combine(cell.Options.Output, $".{cell.Architecture}-{cell.CPython}.partial");
        var test = cell.TestCommand is null ? TestOutcome.NoCommand : TestOutcome.NotReached;
        context.ActiveStaging.TryAdd(staging, 0);
        try
        {
            RecreateDirectory(staging);
            var wheels = BuildAndRepair(context, cell, image, log, staging);
            if (cell.TestCommand is { } command)
            {
                test = TestOutcome.Failed;
                Test(context, cell, image, log, staging, wheels, command);
                test = TestOutcome.Passed;
            }
            else
            {
                log.Line("not tested: no --test-command");
            }

            var delivered = wheels.Select(wheel => Deliver(cell, staging, wheel, log)).ToList();
            return context.Record(new WheelResult(cell, delivered, clock.Elapsed, test, null, log.Path));
        }
        catch (CakeException exception) when (!context.Interrupted)
        {
            log.Failed(cell.Name, exception.Message, tailLines: 20);
            context.Record(new WheelResult(cell, [], clock.Elapsed, test, exception.Message, log.Path));
            throw;
        }
        finally
        {
            // After an interruption the signal handler owns the clean-up.
            if (!context.Interrupted)
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }

                context.ActiveStaging.TryRemove(staging, out _);
            }
        }
    }

    private static IReadOnlyList<string> BuildAndRepair(BuildContext context, WheelCell cell, string image, CellLog log, string staging)
    {
        using var container = WheelContainer.Start(context, log, cell, image, "build", cell.BuildInputs);
        container.Run("build", cell.BuildCommand, cell.BuildEnvironment, cell.PackagePath);
        var built = container.List(WheelCell.BuiltPath).Where(n => n.EndsWith(".whl", StringComparison.Ordinal)).ToList();
        if (built.Count == 0)
        {
            throw new CakeException("build made no wheel");
        }

        foreach (var wheel in built)
        {
            container.Run("repair", cell.RepairCommand(wheel), cell.BuildEnvironment);
        }

        // Only what auditwheel wrote leaves the container: the unrepaired wheels stay behind.
        var repaired = container.List(WheelCell.RepairedPath).Where(n => n.EndsWith(".whl", StringComparison.Ordinal)).ToList();
        foreach (var wheel in repaired)
        {
            container.CopyOut($"{WheelCell.RepairedPath}/{wheel}", Path.Combine(staging, wheel));
        }

        return repaired;
    }

    private static void Test(BuildContext context, WheelCell cell, string image, CellLog log, string staging, IReadOnlyList<string> wheels, IReadOnlyList<string> test)
    {
        using var container = WheelContainer.Start(context, log, cell, image, "test", [(cell.Options.Source, WheelCell.ProjectPath), (staging, WheelCell.WheelhousePath)]);
        container.Run("venv", cell.VenvCommand, cell.BuildEnvironment);
        foreach (var wheel in wheels)
        {
            container.Run("install", cell.InstallCommand(wheel), cell.BuildEnvironment);
        }

        // From / so that the import finds the installed wheel, not the copy of the source.
        container.Run("test", test, cell.TestEnvironment, "/");
    }

    private static BuiltWheel Deliver(WheelCell cell, string staging, string wheel, CellLog log)
    {
        var source = Path.Combine(staging, wheel);
        Ownership.GiveTo(source, cell.User);

        var target = Path.Combine(cell.Options.Output, wheel);
        var replaced = File.Exists(target);
        File.Move(source, target, overwrite: true);
        log.Line($"delivered {target}{(replaced ? " (replaced the wheel of the same name)" : string.Empty)}");
        return new BuiltWheel(wheel, BuiltWheel.PlatformOf(wheel), new FileInfo(target).Length, replaced);
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
