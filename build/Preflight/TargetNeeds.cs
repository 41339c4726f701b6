namespace Wheelsmith.Preflight;

/// <summary>What a task needs before the run's first task starts; the preflight does what the target's tasks need, together.</summary>
[Flags]
public enum TargetNeeds
{
    /// <summary>An engine that answers (Clean needs nothing else).</summary>
    Engine = 1,

    /// <summary>The host set up for the build: prerequisites, QEMU, the engine, the base images; containers of killed runs removed.</summary>
    Host = 2 | Engine,

    /// <summary>The --output lock: the task writes wheels there.</summary>
    OutputLock = 4,

    /// <summary>The cells' build and test requirements checked against what the offline images carry (the task builds wheels).</summary>
    Requirements = 8,
}

/// <summary>Declares what a task needs of the preflight (a task without it needs nothing, as Matrix and Options).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsAttribute(TargetNeeds needs) : Attribute
{
    public TargetNeeds Needs { get; } = needs;
}
