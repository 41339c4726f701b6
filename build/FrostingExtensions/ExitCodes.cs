using Cake.Core;

namespace Wheelsmith.FrostingExtensions;

/// <summary>
/// The exit codes of a run, cibuildwheel's where they mean the same: a script that called cibuildwheel can tell bad input
/// from a failed build, and an empty selection from both. Cake.Frosting's host gives 1 for every failure but a
/// <see cref="CakeException"/>, whose own code it returns: an error with an <see cref="IExitCode"/> leaves the context's
/// making and the preflight as one (<see cref="Kept{T}"/>).
/// </summary>
public static class ExitCodes
{
    /// <summary>A task failed: a cell's build or test, an image, the engine.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an argument, an option's value, a configuration file or variable (cibuildwheel's ConfigurationError, argparse's usage error).</summary>
    public const int BadInput = 2;

    /// <summary>The selection left no cell and allow-empty was not given (cibuildwheel's NothingToDoError).</summary>
    public const int NothingSelected = 3;

    /// <summary>Runs <paramref name="work"/>; an error with an exit code of its own leaves as a CakeException carrying that code.</summary>
    public static T Kept<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception exception) when (exception is IExitCode coded)
        {
            throw new CakeException(coded.ExitCode, exception.Message, exception);
        }
    }

    /// <inheritdoc cref="Kept{T}"/>
    public static void Kept(Action work) => Kept(() =>
    {
        work();
        return true;
    });
}

/// <summary>An error that ends the run with an exit code of its own (<see cref="ExitCodes"/>).</summary>
public interface IExitCode
{
    int ExitCode { get; }
}
