namespace Wheelsmith.Tests;

/// <summary>Temporary folders a test makes, all removed by one call at its end.</summary>
internal sealed class TempFolders
{
    private readonly List<string> _folders = [];

    public string New(string name)
    {
        var folder = Directory.CreateTempSubdirectory($"wheelsmith-{name}-").FullName;
        _folders.Add(folder);
        return folder;
    }

    public void RemoveAll()
    {
        _folders.ForEach(folder => Directory.Delete(folder, recursive: true));
        _folders.Clear();
    }
}
