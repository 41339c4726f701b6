using Cake.Core.Tooling;

namespace Wheelsmith.Docker;

/// <summary>
/// Base of every docker verb's settings. The public properties a subclass declares become the
/// verb's options: a property named <c>BuildArg</c> is <c>--build-arg</c>; a bool is a flag; a
/// list or a dictionary repeats the option once per item.
/// </summary>
public abstract class DockerSettings : ToolSettings
{
    /// <summary>The docker command words, such as <c>image inspect</c>.</summary>
    internal abstract string[] Command { get; }
}

