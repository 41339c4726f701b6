// Four workers: two for the fixtures in the Docker lane (tests/DockerFixture.cs says when they run side by side), one
// that may wait for the lane without holding up the rest, and one more, so that the fixtures needing no engine (parsing,
// plans, dry runs, the entry points' compiles) and those on a private engine of their own run beside them.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

namespace Wheelsmith.Tests
{
    /// <summary>
    /// The order fixtures start in (the rest follow, by name): those that run alone on the engine first, while the
    /// workers beside them run the slow fixtures that need no lane (a private engine, the entry points' compiles), so
    /// that no core waits; then the longest of the lane, so that short ones fill the end.
    /// </summary>
    internal static class StartOrder
    {
        public const int BadInput = 1;
        public const int PrivateEngine = 2;
        public const int DamagedCache = 3;
        public const int EntryPointCompile = 4;
        public const int Images = 5;
        public const int PowerShellEntry = 6;
        public const int StaleContainer = 7;
        public const int CrossBuild = 9;
        public const int Podman = 10;
        public const int ProjectConfig = 11;
        public const int Wheels = 12;
        public const int OutputLock = 13;
        public const int Hardening = 14;
    }
}
