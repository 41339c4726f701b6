using System.Text.Json;
using Cake.Core;
using Wheelsmith.Docker;

namespace Wheelsmith.Images;

/// <summary>An image the engine holds: its id and labels.</summary>
public sealed record EngineImage(string Id, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// What the engine holds of this tool's images, read once per run in two CLI calls (a listing by
/// the tool's label, then one inspection of them all) rather than one inspection per reference:
/// with everything up to date, knowing the bases and images is the whole of the run. A reference
/// the tool did not label (a registry base, a named image) is asked about alone. An image this run
/// builds, imports or commits is forgotten, so that the engine is asked again.
/// </summary>
public sealed class ImageInventory(ICakeContext context)
{
    private const string Format = "{{.Id}}\t{{json .RepoTags}}\t{{json .Config.Labels}}";
    private readonly object _gate = new();
    private Dictionary<string, EngineImage>? _toolImages;

    /// <summary>The image named <paramref name="reference"/>, or null when the engine has none.</summary>
    public EngineImage? Find(string reference)
    {
        lock (_gate)
        {
            _toolImages ??= ReadToolImages();
            if (_toolImages.TryGetValue(reference, out var known))
            {
                return known;
            }
        }

        return context.DockerImageInspectAll(new DockerImageInspectSettings { Format = Format }, reference).Select(line => Parse(line).Image).FirstOrDefault();
    }

    /// <summary>Called when this run changed what <paramref name="reference"/> names.</summary>
    public void Forget(string reference)
    {
        lock (_gate)
        {
            _toolImages?.Remove(reference);
        }
    }

    private Dictionary<string, EngineImage> ReadToolImages()
    {
        var listing = new DockerImageLsSettings { Format = "{{.ID}}" };
        listing.Filter.Add(ToolLabels.ToolFilter);
        var ids = context.DockerImages(listing).Distinct().ToArray();
        var images = ids.Length == 0 ? [] : context.DockerImageInspectAll(new DockerImageInspectSettings { Format = Format }, ids).Select(Parse);
        var engine = ContainerEngine.Of(context);
        return images.SelectMany(entry => entry.Tags.Select(tag => (Tag: engine.LocalName(tag), entry.Image))).ToDictionary(pair => pair.Tag, pair => pair.Image);
    }

    private static (IReadOnlyList<string> Tags, EngineImage Image) Parse(string line)
    {
        var fields = line.Split('\t', 3);
        var tags = JsonSerializer.Deserialize<List<string>>(fields[1]) ?? [];
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(fields[2]) ?? [];
        return (tags, new EngineImage(fields[0], labels));
    }
}
