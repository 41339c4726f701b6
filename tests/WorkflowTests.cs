using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Wheelsmith.Tests;

/// <summary>
/// The GitHub Actions workflow the repository ships as the intended use: it parses, its jobs are
/// wired as a matrix job and a job per identifier, its CIBW_* settings choose the cells as they would
/// cibuildwheel's, aarch64 cells run on the arm64 runner, and every ./build.sh line in it is accepted by
/// the real program with the workflow's environment (a dry run: the target, every option and value exist).
/// </summary>
[Order(StartOrder.Workflow)]
public sealed partial class WorkflowTests
{
    private static readonly string Workflow = Path.Combine(OptionsTests.Paths.RepositoryRoot, ".github", "workflows", "wheels.yml");
    private YamlMappingNode _root = null!;
    private YamlMappingNode _jobs = null!;

    [OneTimeSetUp]
    public void Parse()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Workflow);
        stream.Load(reader);
        _root = (YamlMappingNode)stream.Documents.Single().RootNode;
        _jobs = (YamlMappingNode)_root["jobs"];
    }

    /// <summary>The workflow's own variables: the project's CIBW_* settings every job sees.</summary>
    private Dictionary<string, string> WorkflowEnvironment() =>
        ((YamlMappingNode)_root["env"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);

    private static string Text(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key])).Value!;

    private IEnumerable<string> Runs(string job) =>
        ((YamlSequenceNode)((YamlMappingNode)_jobs[job])["steps"]).Children.Cast<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run")).Select(step => Text(step, "run"));

    /// <summary>The arguments of each ./build.sh call in a job's steps, with the matrix's identifier filled in.</summary>
    private IEnumerable<string[]> BuildCalls(string job, string identifier) =>
        Runs(job).SelectMany(run => run.Split('\n')).Select(line => BuildCall().Match(line)).Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Replace("${{ matrix.identifier }}", identifier, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Test]
    public void The_matrix_job_plans_with_the_Matrix_target_and_hands_its_json_on()
    {
        var plan = BuildCalls("matrix", string.Empty).Single();
        Assert.Multiple(() =>
        {
            Assert.That(plan, Does.Contain("--target=Matrix").And.Contain("--format=json"));
            Assert.That(Text(_jobs, "matrix", "outputs", "matrix"), Is.EqualTo("${{ steps.plan.outputs.matrix }}"), "the step Wheelsmith sets the output of");
            Assert.That(Text(_jobs, "wheel", "strategy", "matrix", "include"), Is.EqualTo("${{ fromJSON(needs.matrix.outputs.matrix) }}"));
            Assert.That(Text(_jobs, "wheel", "needs"), Is.EqualTo("matrix"));
        });
    }

    [Test]
    public void Every_build_call_is_accepted_by_the_real_program_for_every_identifier_the_matrix_gives()
    {
        var environment = WorkflowEnvironment();
        Assert.That(environment.Keys, Has.All.StartWith("CIBW_"), "the project's cibuildwheel settings, kept as they were");
        var plan = BuildCalls("matrix", string.Empty).Single();
        var matrix = BuildProcess.Run(plan, environment);
        Assert.That(matrix.ExitCode, Is.Zero, matrix.ToString());
        // Standard output is the JSON array alone; notes go to standard error, merged here.
        var cells = System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string>>>(matrix.Lines.Single(line => line.StartsWith('[')))!;

        // cp3{12,13,14}-* on auto (x86_64, the planning runner's) and aarch64, as cibuildwheel selects them.
        Assert.That(cells.Select(cell => cell["identifier"]), Is.EquivalentTo(new[]
        {
            "cp312-manylinux_x86_64", "cp313-manylinux_x86_64", "cp314-manylinux_x86_64",
            "cp312-manylinux_aarch64", "cp313-manylinux_aarch64", "cp314-manylinux_aarch64",
        }));
        foreach (var identifier in cells.Select(cell => cell["identifier"]))
        {
            var call = BuildCalls("wheel", identifier).Single();
            var dryRun = BuildProcess.Run([.. call, "--dryrun"], environment);
            Assert.That(dryRun.ExitCode, Is.Zero, $"./build.sh {string.Join(' ', call)}: {dryRun}");
            Assert.That(dryRun.Tasks.Where(task => task.StartsWith("BuildWheel[", StringComparison.Ordinal)), Has.Exactly(1).Items, "one cell per job");
        }
    }

    [Test]
    public void The_default_base_is_the_registry_s_and_aarch64_cells_run_on_the_arm64_runner()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BuildCalls("wheel", "cp313-manylinux_x86_64").Single(), Has.None.StartWith("--base="), "a hosted runner reaches the registry: the default base");
            Assert.That(Text(_jobs, "wheel", "runs-on"), Is.EqualTo("${{ endsWith(matrix.identifier, '_aarch64') && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}"),
                "aarch64 cells on GitHub's arm64 runner, where the aarch64 image runs natively");
        });
    }

    [Test]
    public void Each_job_uploads_its_wheel_and_report_even_when_the_build_failed()
    {
        var upload = ((YamlSequenceNode)((YamlMappingNode)_jobs["wheel"])["steps"]).Children.Cast<YamlMappingNode>()
            .Single(step => step.Children.ContainsKey("uses") && Text(step, "uses").StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Text(upload, "with", "path"), Does.Contain("dist/*.whl").And.Contain("dist/wheels.json").And.Contain("dist/logs/"));
            Assert.That(Text(upload, "with", "name"), Does.Contain("${{ matrix.identifier }}"), "artifact names are unique per job");
            Assert.That(Text(upload, "if"), Is.EqualTo("always()"));
        });
    }

    [GeneratedRegex(@"\./build\.sh\s+(.*)$")]
    private static partial Regex BuildCall();
}
