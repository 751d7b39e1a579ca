namespace Iq.Tests;

/// <summary>The installation-qualification checklist and its shipped samples, as the tests that audit them use them: one
/// declaration, so a test's set-up cannot drift from another's.</summary>
static class IqSamples
{
    public static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    public static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    /// <summary>The documents of the sample <paramref name="name"/> (and their seals) copied into <paramref name="folder"/>
    /// (made if absent), those <paramref name="leaveOut"/> names left out.</summary>
    public static string Copy(string name, string folder, Func<string, bool>? leaveOut = null)
    {
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(Sample(name), "*.json*").Where(f => leaveOut?.Invoke(Path.GetFileName(f)) != true))
            File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        return folder;
    }

    /// <summary>The compliant sample's documents, all but its attestations document, copied into <paramref name="folder"/>
    /// (made if absent): the manual items are then judged only by what the test gives, or not at all.</summary>
    public static string CompliantWithoutAttestations(string folder) =>
        Copy("compliant", folder, f => f.StartsWith("attestations.json", StringComparison.Ordinal));

    /// <summary><see cref="CompliantWithoutAttestations"/> into the folder "facts" of <paramref name="dir"/>.</summary>
    public static string FactsWithoutAttestations(TempDir dir) => CompliantWithoutAttestations(Path.Combine(dir.Path, "facts"));
}
