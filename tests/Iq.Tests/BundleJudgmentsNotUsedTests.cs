using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>A checklist of the assessor's own over a lab bundle whose attestations.json judged the bundled checklist's
/// manual items (fresh eyes 8, F-A3): those judgments are listed as not used, with what to do, and the audit runs; the same
/// judgment given in a file of the assessor's (--attestations) is still refused, with the fix.</summary>
public class BundleJudgmentsNotUsedTests
{
    static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");

    const string Own = "checklist \"own\" { title \"t\" version \"1\" scoring weighted pass_at 80 veto shall }\n" +
        "section \"6\" \"s\" {\n  item \"cores\" \"cores\" { level shall expect env.cpu.logical_cores >= 1 }\n}\n";

    [Fact]
    public void The_bundles_judgments_of_items_the_checklist_lacks_are_not_used_and_the_audit_runs()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "own.iq");
        File.WriteAllText(file, Own);
        var judged = JsonNode.Parse(File.ReadAllText(Path.Combine(Compliant, "attestations.json")))!["facts"]!["items"]!.AsArray();
        var run = CliRunner.InProcess("audit", file, "--facts", Compliant, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning IQ3003: {judged.Count} judgment(s) in the bundle's attestations are for items no checklist of the audit (own) has, and are not used: {(string)judged[0]!["item"]!}, ", run.Stderr);
        Assert.Contains("audit with it to use them", run.Stderr);
        Assert.DoesNotContain("error", run.Stderr);
    }

    [Fact]
    public void A_judgment_in_a_given_file_for_an_item_the_checklist_lacks_is_refused_with_the_fix()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "own.iq");
        File.WriteAllText(file, Own);
        var yaml = Path.Combine(dir.Path, "att.yaml");
        File.WriteAllText(yaml, "- item: 6.1.2a.competence\n  status: pass\n  assessor: Li\n  date: 2026-11-20\n");
        var empty = Directory.CreateDirectory(Path.Combine(dir.Path, "b")).FullName;
        var run = CliRunner.InProcess("audit", file, "--facts", empty, "--attestations", yaml, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Attestation for unknown item '6.1.2a.competence': remove the judgment from the file, or audit with the checklist that has the item", run.Stderr);
    }
}
