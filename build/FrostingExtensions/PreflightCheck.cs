namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// Checks that run once before a real run's first task (never for --dryrun, --tree or
/// --description): a failure is one "Error:" line and its exit code (<see cref="ExitCodes"/>), with no task started.
/// Cake.Frosting has no such step; this host adds it so bad input never reaches Cake's engine.
/// The check is given the tasks the target runs (itself and its dependencies), to read their traits.
/// </summary>
public sealed class PreflightCheck(Action<IFrostingContext, IReadOnlyList<IFrostingTask>> check)
{
    public void Run(IFrostingContext context, IReadOnlyList<IFrostingTask> tasks) => ExitCodes.Kept(() => check(context, tasks));
}
