using System.Text;
using Wheelsmith.Options;

namespace Wheelsmith.Plan;

/// <summary>
/// Evaluates cibuildwheel's environment as cibuildwheel does, in the container the steps run in:
/// one shell runs the assignments in order (after the cell's python is put first on PATH and the
/// passed host variables are in), so $PATH, $HOME, ${VAR}, $(command) and quoting mean what that
/// container's shell makes of them, and prints the results. The steps after it get those values
/// as plain variables: evaluated once per container, so a $(command) runs once and every step sees
/// the same value. Values travel base64-encoded on marked lines, which never reach the log: they
/// may be secrets. Nothing here touches Docker.
/// </summary>
public sealed record EnvironmentScript(string? PythonBin, IReadOnlyList<string> Passed, IReadOnlyList<EnvironmentAssignment> Assignments)
{
    private const string Marker = "wheelsmith-environment ";

    /// <summary>Whether the step is needed: something to evaluate or to put on PATH.</summary>
    public bool IsNeeded => PythonBin is not null || Passed.Count > 0 || Assignments.Count > 0;

    /// <summary>The names whose values the script gives: PATH (when the python is put on it), the passed ones set here, the assigned ones.</summary>
    public IReadOnlyList<string> Names => [.. (PythonBin is null ? [] : new[] { "PATH" }).Concat(Passed).Concat(Assignments.Select(a => a.Name)).Distinct()];

    public IReadOnlyList<string> Command => ["sh", "-c", Text];

    /// <summary>The script: set -e, so that a failing $(command) fails the step, as it fails cibuildwheel.</summary>
    public string Text
    {
        get
        {
            var script = new StringBuilder("set -e\n");
            if (PythonBin is not null)
            {
                script.Append($"PATH=\"{PythonBin}:$PATH\"; export PATH\n");
            }

            foreach (var assignment in Assignments)
            {
                script.Append($"{assignment.Name}={assignment.Shell}; export {assignment.Name}\n");
            }

            if (PythonBin is not null)
            {
                // cibuildwheel's check: an assignment to PATH must keep the cell's python first.
                script.Append($"[ \"$(command -v python)\" = \"{PythonBin}/python\" ] || {{ echo \"python on PATH is $(command -v python || echo none), not {PythonBin}/python: an environment that sets PATH must keep \\$PATH's start, as in PATH=\\\"\\$PATH:/opt/tool/bin\\\"\" >&2; exit 1; }}\n");
            }

            foreach (var name in Names)
            {
                // A passed variable the host does not have stays unset, as in cibuildwheel.
                script.Append($"if [ -n \"${{{name}+set}}\" ]; then printf '{Marker}%s %s\\n' {name} \"$(printf '%s' \"${name}\" | base64 | tr -d '\\n')\"; fi\n");
            }

            return script.ToString();
        }
    }

    /// <summary>
    /// A handler for the script's output lines: the marked ones become values (in the order printed), every
    /// other line (a command's error) goes to <paramref name="log"/>.
    /// </summary>
    public static Action<string> Reader(List<KeyValuePair<string, string>> values, Action<string> log) => line =>
    {
        if (!line.StartsWith(Marker, StringComparison.Ordinal))
        {
            log(line);
            return;
        }

        var fields = line[Marker.Length..].Split(' ', 2);
        values.Add(KeyValuePair.Create(fields[0], Encoding.UTF8.GetString(Convert.FromBase64String(fields.Length > 1 ? fields[1] : string.Empty))));
    };
}
