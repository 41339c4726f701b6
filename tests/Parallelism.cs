// Four workers: two for the fixtures in the Docker lane (tests/DockerFixture.cs says when they run side by side), one
// that may wait for the lane without holding up the rest, and one more, so that the fixtures needing no engine (parsing,
// plans, dry runs, the entry points' compiles) and those on a private engine of their own run beside them.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
