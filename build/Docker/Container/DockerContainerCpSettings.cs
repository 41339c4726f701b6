namespace Wheelsmith.Docker;

/// <summary><c>docker container cp</c>, either way between the host and a container.</summary>
public sealed class DockerContainerCpSettings : DockerSettings
{
    internal override string[] Command => ["container", "cp"];

    /// <summary>Keeps uid/gid of the copied files.</summary>
    public bool Archive { get; set; }

    public bool FollowLink { get; set; }

    /// <summary>No progress line ("Successfully copied ..."), which a terminal would otherwise get.</summary>
    public bool Quiet { get; set; }
}
