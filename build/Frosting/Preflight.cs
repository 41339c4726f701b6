namespace Wheelsmith.Frosting;

/// <summary>
/// Checks that run once before a real run's first task (never for --dryrun, --tree or
/// --description): a failure is one "Error:" line and exit code 1, with no task started.
/// Cake.Frosting has no such step; this host adds it so bad input never reaches Cake's engine.
/// </summary>
public sealed class Preflight(Action<IFrostingContext> check)
{
    public void Run(IFrostingContext context) => check(context);
}
