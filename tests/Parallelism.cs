// Two lanes: the fixtures that drive the engine run one at a time (those deriving DockerFixture); the others (parsing, plans,
// dry runs, the entry points' compiles) run beside them on the second worker.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
