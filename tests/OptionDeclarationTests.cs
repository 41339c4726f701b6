using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wheelsmith.Host;
using Wheelsmith.Options;
using Wheelsmith.Plan;
using Wheelsmith.Report;

namespace Wheelsmith.Tests;

/// <summary>
/// Every declared option reaches every place that lists options, with nothing written per option:
/// --help, --target=Options with where each value came from, wheels.json and the options reference.
/// And the declarations themselves: each listed once, parsed in stages.
/// </summary>
[Order(StartOrder.OptionDeclaration)]
public sealed partial class OptionDeclarationTests
{
    private static readonly IReadOnlyList<OptionDeclaration> All = OptionDeclarations.All;

    [Test]
    public void Help_describes_every_declared_option_with_what_it_takes()
    {
        var result = BuildProcess.Run(["--help"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        // An option's line, then the lines its description wraps onto, indented further.
        var described = new Dictionary<string, string>();
        var current = string.Empty;
        foreach (var line in result.Output.Split('\n').SkipWhile(line => !line.StartsWith("BUILD OPTIONS:", StringComparison.Ordinal)).Skip(1))
        {
            if (HelpRow().Match(line) is { Success: true } row)
            {
                current = row.Groups[1].Value;
                described[current] = row.Groups[2].Value;
            }
            else if (current.Length > 0)
            {
                described[current] += " " + line;
            }
        }

        Assert.Multiple(() =>
        {
            foreach (var option in All)
            {
                Assert.That(Spaced(described.GetValueOrDefault("--" + option.Name) ?? "(not listed)"), Is.EqualTo(Spaced(option.Takes)), option.Name);
            }
        });
    }

    [Test]
    public void The_options_target_shows_every_declared_option_with_its_value_and_source()
    {
        var result = BuildProcess.Run(["--target=Options", "--fail-fast"], new Dictionary<string, string> { ["WHEELSMITH_JOBS"] = "3" });
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            foreach (var option in All)
            {
                var source = option.Name switch
                {
                    "jobs" => "WHEELSMITH_JOBS",
                    "fail-fast" => "--fail-fast",
                    "requires-python" => Path.Combine(OptionsTests.Paths.Sample, "pyproject.toml") + " [project] requires-python",
                    _ => "default",
                };
                Assert.That(result.Lines, Has.One.Match($@"^--{Regex.Escape(option.Name)}\s+\S.*\s{Regex.Escape(source)}$"), option.Name);
            }

            Assert.That(result.Lines, Has.One.Match(@"^--jobs\s+3\s+WHEELSMITH_JOBS$"));
        });
    }

    [Test]
    public void The_report_has_every_declared_option_under_its_camelCase_name_in_schema_1s_shapes()
    {
        // The whole report, as a run writes it (no image, no cell): its options object frames the declared ones.
        var output = Directory.CreateTempSubdirectory("wheelsmith-report-").FullName;
        var options = OptionsTests.Parse("--env=TOKEN=secret", "--jobs=3", "--output=" + output);
        var plan = RunPlan.Make("Wheels", options, OptionsTests.Paths, new InvokingUser(0, 0), Environment.GetEnvironmentVariable, new GitFacts(new GitContext()));
        var written = RunReport.From(plan, new RunReport.SourceInfo(null, null), [], []).Write(output, plan.User);
        using var report = JsonDocument.Parse(File.ReadAllText(written));
        Directory.Delete(output, recursive: true);
        var root = report.RootElement.GetProperty("options");
        Assert.Multiple(() =>
        {
            Assert.That(report.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "schema", "tool", "source", "options", "images", "cells" }));
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(All.Select(option => option.ReportName).Prepend("target").Append("sourceDateEpoch")));
            Assert.That(All.Select(option => option.ReportName), Is.SupersetOf(new[] { "arch", "cpython", "only", "base", "armBuild", "source", "packageDir", "output", "plat", "testCommand", "jobs", "failFast", "env" }),
                "schema 1's option fields keep their names");
            Assert.That(root.GetProperty("arch").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "x86_64", "arm64" }));
            Assert.That((root.GetProperty("cpython").ValueKind, root.GetProperty("only").ValueKind, root.GetProperty("plat").ValueKind),
                Is.EqualTo((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null)), "null: all, none, the base's");
            Assert.That((root.GetProperty("base").GetString(), root.GetProperty("armBuild").GetString(), root.GetProperty("packageDir").GetString()), Is.EqualTo(("manylinux2014", "emulated", ".")));
            Assert.That((root.GetProperty("jobs").GetInt32(), root.GetProperty("failFast").GetBoolean()), Is.EqualTo((3, false)));
            Assert.That(root.GetProperty("env").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "TOKEN" }), "names only: values may be secrets");
            Assert.That(report.RootElement.GetRawText(), Does.Not.Contain("secret"));
        });
    }

    [Test]
    public void The_options_reference_lists_exactly_the_declared_options()
    {
        var reference = File.ReadAllLines(Path.Combine(OptionsTests.Paths.RepositoryRoot, "docs", "options.md"));
        var documented = reference.Select(line => ReferenceRow().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value).ToList();
        Assert.That(documented, Is.EquivalentTo(All.Select(option => option.Name)), "docs/options.md: one row per declared option, none other");
    }

    [Test]
    public void Every_declaration_is_listed_once_and_the_options_that_locate_the_project_have_no_cibuildwheel_key()
    {
        var declared = typeof(OptionDeclarations).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType.IsAssignableTo(typeof(OptionDeclaration))).Select(field => (OptionDeclaration)field.GetValue(null)!);
        Assert.Multiple(() =>
        {
            Assert.That(All, Is.EquivalentTo(declared).And.Unique);
            Assert.That(All.Select(option => option.Name), Is.Unique);
            Assert.That(OptionDeclarations.LocateProject, Has.None.Matches<OptionDeclaration>(option => option.Cibuildwheel is not null),
                "the project's file, where [tool.cibuildwheel] is, is read after them");
            Assert.That(All.Where(option => option.Cibuildwheel is not null), Has.All.Matches<OptionDeclaration>(option => CibuildwheelOptions.All.Any(setting => setting.Key == option.Cibuildwheel!.Key)),
                "a key is one of cibuildwheel's own");
            Assert.That(OptionDeclarations.LocateProject, Has.None.Matches<OptionDeclaration>(option => option.PerProject), "they locate the project's file");
        });
    }

    [Test]
    public void An_option_that_locates_the_project_is_named_by_its_variable_when_it_came_from_there()
    {
        var error = Assert.Throws<OptionException>(() => BuildOptions.Parse(OptionsTests.Arguments([]), OptionsTests.Paths, Environment.CurrentDirectory,
            name => name == "WHEELSMITH_SOURCE" ? "/nonexistent/project" : null))!;
        Assert.That(error.Message, Is.EqualTo("WHEELSMITH_SOURCE: '/nonexistent/project' does not exist; expected a directory"));
    }

    [Test]
    public void A_parser_may_read_a_later_option_of_its_stage_but_not_one_of_a_later_stage_nor_one_that_reads_it()
    {
        var late = new OptionDeclaration<string>("late", "anything") { Parse = _ => "given", Default = _ => "late's default" };
        var early = new OptionDeclaration<string>("early", "anything") { Parse = input => input.Text, Default = input => input.Get(late) };
        OptionDeclaration<string>? second = null;
        var first = new OptionDeclaration<string>("first", "anything") { Parse = input => input.Text, Default = input => input.Get(second!) };
        second = new OptionDeclaration<string>("second", "anything") { Parse = input => input.Text, Default = input => input.Get(first) };
        IReadOnlyDictionary<OptionDeclaration, object?> Resolve(params OptionDeclaration[] stage) =>
            OptionResolver.Resolve(stage, new OptionValues(new Dictionary<string, ICollection<string>>(), _ => null, null, stage), new Dictionary<OptionDeclaration, object?>(),
                OptionsTests.Paths, Environment.CurrentDirectory, _ => null, null, new List<string>());
        Assert.Multiple(() =>
        {
            Assert.That(Resolve(early, late)[early], Is.EqualTo("late's default"));
            Assert.That(() => Resolve(early), Throws.InvalidOperationException.With.Message.Contains("--late is read before its stage"));
            Assert.That(() => Resolve(first, second), Throws.InvalidOperationException.With.Message.Contains("read each other"));
        });
    }

    private static string Spaced(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^ {4}(--\S+)(.*)$")]
    private static partial Regex HelpRow();

    [GeneratedRegex(@"^\| `--([^`]+)` \|")]
    private static partial Regex ReferenceRow();
}
