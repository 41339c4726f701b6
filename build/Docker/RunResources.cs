using System.Collections.Concurrent;

namespace Wheelsmith.Docker;

/// <summary>
/// What this run holds that must not outlive it: its containers (by name) and the staging folders
/// of its cells. Registered before they exist and released once removed, from any thread. On an
/// interruption the signal handler takes them over, and from then on nobody else removes anything.
/// </summary>
public sealed class RunResources
{
    private readonly ConcurrentDictionary<string, byte> _containers = new();
    private readonly ConcurrentDictionary<string, byte> _folders = new();
    private volatile bool _handedOver;

    /// <summary>True once an interruption took everything over: owners leave their resources to it.</summary>
    public bool HandedOver => _handedOver;

    /// <summary>The containers in use now (the running cells', under --fail-fast the ones to stop).</summary>
    public IReadOnlyList<string> Containers => [.. _containers.Keys];

    public void HoldContainer(string name) => _containers.TryAdd(name, 0);

    public void ReleaseContainer(string name) => _containers.TryRemove(name, out _);

    public void HoldFolder(string path) => _folders.TryAdd(path, 0);

    public void ReleaseFolder(string path) => _folders.TryRemove(path, out _);

    /// <summary>Everything held now, for the interruption handler to remove; nothing is released by its owners afterwards.</summary>
    public (IReadOnlyList<string> Containers, IReadOnlyList<string> Folders) HandOver()
    {
        _handedOver = true;
        return ([.. _containers.Keys], [.. _folders.Keys]);
    }
}
