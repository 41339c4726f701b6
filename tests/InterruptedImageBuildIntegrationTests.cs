using System.Text.RegularExpressions;

namespace Wheelsmith.Tests;

/// <summary>An image build interrupted on the real engine leaves no tag a later run would take for up to date.</summary>
[Order(StartOrder.InterruptedImageBuild)]
public sealed partial class InterruptedImageBuildIntegrationTests : DockerFixture
{
    protected override string Needing => "The interrupted image build";

    // Builds for x86_64 only: it may run beside the fixture that damages the arm64 images.
    protected override FixtureSharing Sharing => FixtureSharing.ReadsX86Only;

    // 45 of its seconds are the recipe's sleep and the wait after the kill.
    protected override bool MostlyWaits => true;

    [Test]
    public void An_image_build_interrupted_leaves_no_tag_and_the_next_run_builds_it()
    {
        var recipe = Directory.CreateTempSubdirectory("wheelsmith-slow-recipe-").FullName;
        try
        {
            SourceTree.Copy(Path.Combine(OptionsTests.Paths.RepositoryRoot, "images", "build"), recipe);
            File.AppendAllText(Path.Combine(recipe, "Dockerfile"), $"\nRUN sleep 20 # {Guid.NewGuid():N}\n");
            string[] arguments = ["--target=Images", "--base=local", "--arch=x86_64", "--images=" + recipe];

            using (var interrupted = BuildProcess.Start(arguments))
            {
                interrupted.WaitFor("RUN sleep 20", TimeSpan.FromMinutes(5));
                BuildProcess.Exec("kill", ["-TERM", interrupted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                var result = interrupted.Wait(TimeSpan.FromMinutes(2));
                var reference = BuildingLine().Match(result.Output).Groups[1].Value;
                Thread.Sleep(TimeSpan.FromSeconds(25));
                Assert.Multiple(() =>
                {
                    Assert.That(result.ExitCode, Is.EqualTo(143), result.ToString());
                    Assert.That(reference, Does.StartWith("wheelsmith/build-x86_64:"));
                    Assert.That(DockerEngine.Docker("image", "inspect", reference).ExitCode, Is.Not.Zero, "an interrupted build tagged its image, even after the step's time");
                });
            }

            var next = BuildProcess.Run(arguments, timeout: TimeSpan.FromMinutes(10));
            Assert.Multiple(() =>
            {
                Assert.That(next.ExitCode, Is.Zero, next.ToString());
                Assert.That(next.Output, Does.Contain("Building wheelsmith/build-x86_64:").And.Not.Contain("is up to date"));
                Assert.That(DockerEngine.LeftContainers(), Is.Empty);
            });
            var built = BuildingLine().Match(next.Output).Groups[1].Value;
            DockerEngine.Docker("image", "rm", built);
        }
        finally
        {
            Directory.Delete(recipe, recursive: true);
        }
    }

    [GeneratedRegex(@"Building (wheelsmith/build-x86_64:\w+) on ")]
    private static partial Regex BuildingLine();
}
