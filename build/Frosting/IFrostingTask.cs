using Cake.Core;

namespace Wheelsmith.Frosting;

/// <summary>A task the host registers with Cake's engine (Cake.Frosting's contract).</summary>
public interface IFrostingTask
{
    Task RunAsync(ICakeContext context);

    bool ShouldRun(ICakeContext context);

    string SkippedMessage => string.Empty;

    void OnError(Exception exception, ICakeContext context);

    void Finally(ICakeContext context);
}
