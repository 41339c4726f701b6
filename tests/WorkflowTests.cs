using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Wheelsmith.Tests;

/// <summary>
/// The GitHub Actions workflow the repository ships as the intended use: it parses, its jobs are
/// wired as a matrix job and a job per identifier, and every ./build.sh line in it is accepted by
/// the real program (a dry run: the target, every option and value exist).
/// </summary>
[Order(StartOrder.Workflow)]
public sealed partial class WorkflowTests
{
    private static readonly string Workflow = Path.Combine(OptionsTests.Paths.RepositoryRoot, ".github", "workflows", "wheels.yml");
    private YamlMappingNode _jobs = null!;

    [OneTimeSetUp]
    public void Parse()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Workflow);
        stream.Load(reader);
        _jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];
    }

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
        var plan = BuildCalls("matrix", string.Empty).Single();
        var matrix = BuildProcess.Run(plan);
        Assert.That(matrix.ExitCode, Is.Zero, matrix.ToString());
        var cells = System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string>>>(matrix.Output)!;
        Assert.That(cells, Has.Count.EqualTo(4).And.All.ContainKey("identifier"), "each job reads matrix.identifier");
        foreach (var identifier in cells.Select(cell => cell["identifier"]))
        {
            var call = BuildCalls("wheel", identifier).Single();
            var dryRun = BuildProcess.Run([.. call, "--dryrun"]);
            Assert.That(dryRun.ExitCode, Is.Zero, $"./build.sh {string.Join(' ', call)}: {dryRun}");
            Assert.That(dryRun.Tasks.Where(task => task.StartsWith("BuildWheel[", StringComparison.Ordinal)), Has.Exactly(1).Items, "one cell per job");
        }
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
