namespace Wheelsmith.Options;

/// <summary>
/// One build option, declared once: its name (the flag --NAME, the variable WHEELSMITH_NAME, the
/// [tool.wheelsmith] key NAME), what it takes (for --help and errors), and whether a project may
/// set it in its pyproject.toml (machine-specific ones such as --output or --jobs it may not).
/// </summary>
public sealed record OptionDeclaration(string Name, string Takes, bool PerProject)
{
    /// <summary>The environment variable that sets it: WHEELSMITH_TEST_COMMAND for test-command.</summary>
    public string Variable => "WHEELSMITH_" + Name.ToUpperInvariant().Replace('-', '_');
}
