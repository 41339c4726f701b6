// Three workers: two for the fixtures that drive the engine (tests/DockerFixture.cs says when they run side by side), and
// one more, so that the fixtures needing no engine (parsing, plans, dry runs, the entry points' compiles) and those on an
// engine of their own run beside them.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]
