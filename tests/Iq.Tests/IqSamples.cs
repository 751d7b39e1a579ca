namespace Iq.Tests;

/// <summary>The installation-qualification checklist and its shipped samples, as the tests that audit them use them: one
/// declaration, so a test's set-up cannot drift from another's.</summary>
static class IqSamples
{
    public static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    public static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    /// <summary>The compliant sample's documents, all but its attestations document, copied into <paramref name="folder"/>
    /// (made if absent): the manual items are then judged only by what the test gives, or not at all.</summary>
    public static string CompliantWithoutAttestations(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(Sample("compliant"), "*.json*").Where(f => !Path.GetFileName(f).StartsWith("attestations.json", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        return folder;
    }

    /// <summary><see cref="CompliantWithoutAttestations"/> into the folder "facts" of <paramref name="dir"/>.</summary>
    public static string FactsWithoutAttestations(TempDir dir) => CompliantWithoutAttestations(Path.Combine(dir.Path, "facts"));
}
