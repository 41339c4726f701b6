namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// A task built at run time, such as one per cell of a build matrix. Cake.Frosting knows only one
/// task per class; this host also registers these, under their own names and dependencies.
/// </summary>
public interface IRuntimeFrostingTask : IFrostingTask
{
    string Name { get; }

    string Description { get; }

    /// <summary>Names of the tasks this one depends on.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>Names of the tasks that depend on this one.</summary>
    IReadOnlyList<string> DependeeOf { get; }
}

/// <summary>Builds the run-time tasks from the context, once its options are known.</summary>
public sealed class RuntimeTaskSource(Func<IFrostingContext, IEnumerable<IRuntimeFrostingTask>> create)
{
    public IEnumerable<IRuntimeFrostingTask> Create(IFrostingContext context) => create(context);
}
