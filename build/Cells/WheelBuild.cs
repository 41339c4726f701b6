using System.Diagnostics;
using Cake.Core;
using Wheelsmith.Host;
using Wheelsmith.Plan;
using Wheelsmith.Plan.Requirements;
using Wheelsmith.Report;

namespace Wheelsmith.Cells;

/// <summary>
/// Runs one cell: evaluate the environment, build, repair and install into a fresh environment in
/// one container (natively, also for cross cells), test in a clean container of the test image,
/// then deliver. A cell whose CPython accepts the wheel an earlier cell of its architecture
/// published (abi3) builds nothing: it installs that wheel into its own environment and tests it
/// (<see cref="CellReuse"/>).
/// Wheels are staged under the output folder and renamed into place only when the whole cell
/// succeeded, so the output never holds a partial or untested wheel.
/// </summary>
public static class WheelBuild
{
    /// <summary>The staging folder's copy of the test environment.</summary>
    internal const string StagedVenv = "venv";

    /// <summary>The staging folder's repaired wheels.</summary>
    internal const string StagedWheels = "wheels";

    /// <summary>Mirrors the containers' /tmp/wheelsmith, copied there whole: its repaired/ and test/.</summary>
    internal const string StagedWorkTree = "work";

    /// <summary>The cell's result, failed or not; only an interruption (or a defect) throws. <paramref name="reuse"/>: its part in building an abi3 wheel once.</summary>
    public static WheelResult Run(CellWork work, WheelCell cell, string buildImage, string testImage, CellReuse reuse)
    {
        var clock = Stopwatch.StartNew();
        using var log = new CellLog(work.Console, cell);
        var staging = Path.Combine(cell.Options.Output, $".{cell.Architecture}-{cell.CPython}.partial");
        var test = cell.TestSkipped ? TestOutcome.SkippedByTestSkip : cell.Tests ? TestOutcome.NotReached : TestOutcome.NoCommand;
        var accepted = reuse.AcceptedBy(cell);

        // The wheels of other cells this cell tests instead of its own: they deliver them.
        IReadOnlyList<ReusableWheels> theirs = accepted is null ? [] : [accepted];
        var builtToo = false;
        work.Resources.HoldFolder(staging);
        try
        {
            RecreateDirectory(staging);
            var (wheels, environment, taken) = accepted is not null
                ? Reuse(work, cell, buildImage, log, staging, accepted)
                : BuildAndRepair(work, cell, buildImage, log, staging, reuse.Publish);
            (theirs, builtToo) = ([.. theirs, .. taken], taken.Count > 0);
            if (cell.Tests)
            {
                test = TestOutcome.Failed;
                WheelTest.Run(work, cell, testImage, log, staging, wheels, environment);
                test = TestOutcome.Passed;
            }
            else
            {
                log.Line($"not tested: {cell.NotTestedBecause}");
            }

            reuse.RequireDelivered(theirs);
            var reused = Files(theirs);
            var delivered = wheels.Except(reused).Select(wheel => Deliver(cell, staging, wheel, log)).ToList();
            return new WheelResult(cell, delivered, clock.Elapsed, test, null, log.Path, reused, builtToo);
        }
        catch (Exception exception) when (!work.Resources.HandedOver && (exception is CakeException || (exception is IOException io && DiskFull.Is(io))))
        {
            var reason = exception is IOException ? DiskFull.Reason(cell.Options.Output) : exception.Message;
            log.Failed(reason);
            return new WheelResult(cell, [], clock.Elapsed, test, reason, log.Path, Files(theirs), builtToo);
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

    private static IReadOnlyList<string> Files(IEnumerable<ReusableWheels> wheels) => [.. wheels.SelectMany(other => other.Wheels.Select(wheel => wheel.File))];

    // Built, repaired and audited here; of its wheels, those another cell published first under the same name are returned (taken): this
    // cell tests that cell's bytes, which it delivers.
    private static (IReadOnlyList<string> Wheels, IReadOnlyList<KeyValuePair<string, string>> Environment, IReadOnlyList<ReusableWheels> Taken) BuildAndRepair(
        CellWork work, WheelCell cell, string image, CellLog log, string staging, Func<ReusableWheels, IReadOnlyList<ReusableWheels>>? publish)
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

        var environment = container.Evaluate("environment", cell.BuildEnvironmentScript, cell.EvaluationEnvironment);
        if (cell.BeforeBuildCommand is { } beforeBuild)
        {
            container.Run("before-build", beforeBuild, cell.BuildEnvironment(environment), cell.PackagePath);
        }

        container.Run("build", cell.BuildCommand, cell.BuildEnvironment(environment), cell.PackagePath);
        var built = container.List(WheelCell.BuiltPath).Where(n => n.EndsWith(".whl", StringComparison.Ordinal)).ToList();
        if (built.Count == 0)
        {
            throw new CakeException("build made no wheel");
        }

        foreach (var wheel in built)
        {
            container.Run("repair", cell.RepairCommand(wheel), cell.RepairEnvironment(environment));
        }

        var repaired = CopyOutRepaired(container, Path.Combine(staging, StagedWheels));
        if (repaired.Count == 0)
        {
            throw new CakeException($"repair made no wheel in {WheelCell.RepairedPath}");
        }

        foreach (var wheel in repaired)
        {
            foreach (var audit in cell.AuditCommands(wheel))
            {
                container.Run("audit", audit, cell.RepairEnvironment(environment), WheelCell.ProjectPath);
            }
        }

        // Repaired and audited: the architecture's later cells may take them now, while this cell tests. A cell that started beside
        // this one, before either had published, may have published a wheel of the same name first: this cell tests that one.
        var taken = publish?.Invoke(ReusableWheels.Of(cell, Path.Combine(staging, StagedWheels), repaired)) ?? [];
        foreach (var other in taken)
        {
            foreach (var (file, content) in other.Wheels)
            {
                var staged = Path.Combine(staging, StagedWheels, file);
                File.WriteAllBytes(staged, content);
                container.CopyIn(staged, $"{WheelCell.RepairedPath}/{file}");
                log.Line($"{file} was built here too: {other.Source.Identifier}, started beside this cell, published it first; its wheel is tested on {cell.CPython} and delivered by it, not this build's");
            }
        }

        MakeTestEnvironment(cell, container, staging, repaired);
        return (repaired, environment, taken);
    }

    // An earlier cell's wheel, as it published it, into this cell's build container: its environment is evaluated and the
    // wheel installed into this CPython's test environment, as if this cell had built it.
    private static (IReadOnlyList<string> Wheels, IReadOnlyList<KeyValuePair<string, string>> Environment, IReadOnlyList<ReusableWheels> Taken) Reuse(
        CellWork work, WheelCell cell, string image, CellLog log, string staging, ReusableWheels earlier)
    {
        var (source, accepted) = (earlier.Source, earlier.Wheels);
        IReadOnlyList<string> wheels = [.. accepted.Select(wheel => wheel.File)];
        log.Line($"{string.Join(", ", wheels)} from {source.Identifier} is accepted by {cell.CPython}: not built again, installed and tested on {cell.CPython}");
        var tree = Path.Combine(staging, StagedWorkTree);
        Directory.CreateDirectory(Path.Combine(tree, "repaired"));
        Directory.CreateDirectory(Path.Combine(staging, StagedWheels));
        foreach (var (wheel, content) in accepted)
        {
            File.WriteAllBytes(Path.Combine(tree, "repaired", wheel), content);
            File.WriteAllBytes(Path.Combine(staging, StagedWheels, wheel), content);
        }

        using var container = WheelContainer.Start(work, log, cell, image, cell.BuildMachine, "build", [.. cell.BuildInputs, (tree, WheelCell.WorkPath)]);
        var environment = container.Evaluate("environment", cell.BuildEnvironmentScript, cell.EvaluationEnvironment);
        MakeTestEnvironment(cell, container, staging, wheels);
        return (wheels, environment, []);
    }

    // The test environment holds the repaired wheels and the test's requirements; it moves to the clean test container whole.
    private static void MakeTestEnvironment(WheelCell cell, WheelContainer container, string staging, IReadOnlyList<string> wheels)
    {
        if (!cell.Tests)
        {
            return;
        }

        container.Run("venv", cell.VenvCommand, cell.StepEnvironment);
        foreach (var wheel in wheels)
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
