// Seven workers: three for the fixtures in the Docker lane (two busy ones and one that mostly waits; tests/DockerFixture.cs
// says when they run side by side), two that may wait for the lane (one that reads the arm64 images waits while they
// are damaged, and one that builds for x86_64 only must still be picked up to run beside that), and two more, so that
// the fixtures needing no engine (parsing, plans, dry runs, the entry points' compiles) and the one on a private
// engine run beside them.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(7)]

namespace Wheelsmith.Tests
{
    /// <summary>
    /// The order fixtures start in, which is the order they enter the Docker lane (the rest follow, by name). First
    /// those alone on the engine, beside the slow fixtures that need no lane (a private engine, the entry points'
    /// compiles, the program's dry runs), so that no core waits while the engine has one fixture; then the one that
    /// damages the arm64 images, beside those that build for x86_64 only (the killed image build, which mostly
    /// waits, beside both); then those that read the arm64 images, longest first, the registry's retries (which
    /// mostly wait too) beside them; the short ones last, so that
    /// the suite does not end on one long fixture with a core idle.
    /// </summary>
    internal static class StartOrder
    {
        public const int BadInput = 1;
        public const int PrivateEngine = 2;
        public const int EntryPointCompile = 3;
        public const int Images = 4;
        public const int StaleContainer = 5;
        public const int PowerShellEntry = 6;
        public const int TaskGraph = 7;
        public const int OptionDeclaration = 8;
        public const int Workflow = 9;
        public const int GitFacts = 10;
        public const int DamagedCache = 11;
        public const int Hardening = 12;
        public const int OutputLock = 13;
        public const int InterruptedImageBuild = 14;
        public const int CrossBuild = 15;
        public const int Wheels = 16;
        public const int Registry = 17;
        public const int ProjectConfig = 18;
        public const int Podman = 19;
        public const int FailingCell = 20;
        public const int TerminalView = 21;
        public const int Manylinux231 = 22;
        public const int ImageMagickTree = 23;
        public const int RealProject = 24;
        public const int CibuildwheelExecution = 25;
        public const int BuildBackends = 26;
    }
}
