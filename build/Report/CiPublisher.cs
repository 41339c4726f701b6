using Cake.Common.Build;
using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Core.IO;

namespace Wheelsmith.Report;

/// <summary>
/// What the CI system a run is in gets at its end, through Cake's build-system aliases: on GitHub
/// Actions the wheel table (with SHA-256) in the step summary and the report's path as the
/// <c>report</c> output; on Azure Pipelines the table as a task summary. Elsewhere nothing.
/// </summary>
public static class CiPublisher
{
    public const string SummaryFileName = "wheels.md";

    public static void Publish(ICakeContext context, IReadOnlyList<WheelResult> results, string output, string reportPath)
    {
        var buildSystem = context.BuildSystem();
        var markdown = WheelReport.Markdown(results, output);
        if (buildSystem.GitHubActions.IsRunningOnGitHubActions)
        {
            buildSystem.GitHubActions.Commands.SetStepSummary(markdown);
            buildSystem.GitHubActions.Commands.SetOutputParameter("report", reportPath);
        }

        if (buildSystem.AzurePipelines.IsRunningOnAzurePipelines)
        {
            // Azure attaches a Markdown file to the run's summary page; it stays next to the report.
            var summary = System.IO.Path.Combine(output, SummaryFileName);
            File.WriteAllText(summary, markdown);
            buildSystem.AzurePipelines.Commands.UploadTaskSummary(new FilePath(summary));
            context.Verbose($"Azure Pipelines task summary: {summary}.");
        }
    }
}
