using System.Text.Json;
using Cake.Common.Build;

namespace Wheelsmith.Tasks;

[TaskName(Name)]
[TaskDescription("Prints the selected cells, one identifier a line (--format=json: a JSON array a CI matrix takes), and nothing else; no engine, no container.")]
[OutputTarget]
public sealed class MatrixTask : FrostingTask<BuildContext>
{
    public const string Name = "Matrix";

    public override void Run(BuildContext context)
    {
        var cells = context.Plan.Cells.Select(cell => new Dictionary<string, string>
        {
            ["identifier"] = cell.Identifier.ToString(),
            ["arch"] = cell.Architecture.Name,
            ["cpython"] = cell.CPython.ToString(),
        }).ToList();
        var json = JsonSerializer.Serialize(cells);
        Console.Out.WriteLine(context.Options.Format == Options.MatrixFormat.Json ? json : string.Join('\n', cells.Select(cell => cell["identifier"])));
        var gitHub = context.BuildSystem().GitHubActions;
        if (gitHub.IsRunningOnGitHubActions)
        {
            gitHub.Commands.SetOutputParameter("matrix", json);
        }
    }
}
