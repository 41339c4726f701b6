using Cake.Common.Diagnostics;
using Cake.Core;
using Wheelsmith.Docker;
using Wheelsmith.Options;

namespace Wheelsmith.Images;

/// <summary>
/// Pulls a base image from its registry. A registry that does not answer (refused, reset, timed
/// out, a 5xx) is tried again, <see cref="Attempts"/> times in all, after 2, 4 then 8 s, each retry
/// a line; a registry that answers that it has no such image is not asked again. Either ends in
/// one line naming the image and the registry, before any container starts.
/// </summary>
public static class RegistryPull
{
    public const int Attempts = 4;

    private static readonly string[] NotThere = ["manifest unknown", "not found", "repository does not exist", "pull access denied", "name unknown", "unauthorized"];

    public static void Pull(ICakeContext context, ImageBase image)
    {
        var registry = RegistryOf(image.Reference);
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var said = new List<string>();
            if (context.DockerTryPull(new DockerImagePullSettings { Quiet = true }, said.Add, image.Reference))
            {
                return;
            }

            var reason = said.LastOrDefault(line => line.Trim().Length > 0)?.Trim().TrimEnd('.') ?? "docker pull failed";
            if (NotThere.Any(text => reason.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CakeException($"--{image.Option}: base image '{image.Reference}' is not in the registry {registry} ({reason}); expected an image the registry has, or one on the engine");
            }

            if (attempt == Attempts)
            {
                throw new CakeException($"--{image.Option}: base image '{image.Reference}' could not be pulled: the registry {registry} did not answer in {Attempts} attempts over {waited.TotalSeconds:F0} s ({reason}); expected a registry that answers, or the image on the engine (or --base=local on a machine without a registry)");
            }

            var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
            context.Warning($"Pulling {image.Reference}: attempt {attempt} of {Attempts} failed ({reason}); trying {registry} again in {delay.TotalSeconds:F0} s.");
            Thread.Sleep(delay);
            waited += delay;
        }
    }

    /// <summary>The registry a reference names: its first part when that has a dot, a port or is localhost; Docker Hub otherwise.</summary>
    public static string RegistryOf(string reference)
    {
        var first = reference.Split('/')[0];
        return reference.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost") ? first : "docker.io";
    }
}
