using Wheelsmith.Plan.Requirements;

namespace Wheelsmith.Options;

/// <summary>
/// A PEP 440 version specifier set such as "&gt;=3.10,&lt;3.14" (a project's requires-python), evaluated as
/// cibuildwheel evaluates it for a build: against the CPython's X.Y.99, so that "&gt;=3.10.2" keeps 3.10.
/// The clauses are the requirement check's own (<see cref="VersionSpecifier"/>), so both read PEP 440 alike.
/// </summary>
public sealed record RequiresPython(string Text)
{
    public const string Accepted = "a version specifier set (PEP 440) such as >=3.10 or >=3.10,<3.14";

    private IReadOnlyList<VersionSpecifier> Clauses { get; init; } = [];

    public static RequiresPython Parse(string option, string text) =>
        VersionSpecifier.ParseList(text) is { Count: > 0 } clauses
            ? new RequiresPython(text) { Clauses = clauses }
            : throw OptionException.Rejected(option, text, Accepted);

    /// <summary>Whether a build for CPython 3.<paramref name="minor"/> is allowed.</summary>
    public bool Allows(int minor) => VersionSpecifier.AllFit(Clauses, PythonVersion.Parse($"3.{minor}.99")!);

    public override string ToString() => Text;
}
