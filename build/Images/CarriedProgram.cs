namespace Wheelsmith.Images;

/// <summary>
/// A build program an offline image carries from Debian (CMake, Ninja) that is not a Python distribution there:
/// the backends find it on PATH. Named so that a requirement on the distribution of the same name says what the image has.
/// </summary>
public sealed record CarriedProgram(string Name, string DebianPackage, string DebianVersion);
