namespace Wheelsmith.Options;

/// <summary>
/// The CIBW_* variables of the environment, looked over once: CIBW_PLATFORM other than linux or auto
/// is an error (this tool builds Linux wheels); a variable cibuildwheel reads for an option no
/// declaration acts on is named once as not acted on; one cibuildwheel does not read at all, once as
/// ignored. Variables for other platforms (CIBW_TEST_COMMAND_MACOS) or tools (the musllinux images,
/// CIBW_CACHE_PATH) pass without a word. The values of acted-on ones are read by <see cref="OptionValues"/>.
/// </summary>
public static class CibuildwheelVariables
{
    public static void Check(IEnumerable<string> names, Func<string, string?> environment, IReadOnlyList<OptionDeclaration> declared, ICollection<string> notes)
    {
        if (environment("CIBW_PLATFORM") is { Length: > 0 } platform && platform is not ("linux" or "auto"))
        {
            throw new ConfigException($"CIBW_PLATFORM: '{platform}' is not accepted; this tool builds Linux wheels; expected linux or auto, or unset it");
        }

        var unread = new List<string>();
        var notActedOn = new List<string>();
        foreach (var name in names.Where(name => name.StartsWith("CIBW_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var setting = CibuildwheelOptions.OfVariable(name);
            if (setting is null)
            {
                unread.Add(name);
            }
            else if (!setting.Elsewhere && setting.Key != "platform" && !CibuildwheelOptions.OtherPlatformSuffixes.Any(name.EndsWith)
                && !declared.Any(option => option.Cibuildwheel?.Key == setting.Key))
            {
                notActedOn.Add(name);
            }
        }

        if (notActedOn.Count > 0)
        {
            notes.Add($"Not acted on by this build: {string.Join(", ", notActedOn)}.");
        }

        if (unread.Count > 0)
        {
            notes.Add($"{string.Join(", ", unread)}: not {(unread.Count == 1 ? "a variable" : "variables")} cibuildwheel reads; ignored.");
        }
    }
}
