using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary><c>iq explain ITEM</c> tells the outcome <c>iq audit</c> gives, row by row, for every item of the shipped samples:
/// it runs the same audit pipeline, so the provenance requirement (<c>requires measured</c>), the findings across documents
/// (contradicted) and the bundle's own judgments (attested) decide its rows as they decide the audit's. The oracle is the
/// audit's own results.json, written by the command an assessor runs.</summary>
public class ExplainParityTests
{
    static string Samples => Path.Combine(TestPaths.Checklists, "samples");
    static string Iq => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>Audits the bundle, then explains each item: every row the audit gave is shown with the audit's outcome, and
    /// no other row. Returns the explain output of each item, for the reasons to be checked.</summary>
    static Dictionary<string, string> ExplainsAsAudited(string checklist, string bundle)
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "results.json");
        var audit = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--json", json, "-q");
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        var rows = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.True(rows.Count > 20, $"{rows.Count} rows");
        var explained = new Dictionary<string, string>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        foreach (var item in rows.GroupBy(r => (string)r["item"]!))
        {
            var run = CliRunner.InProcess("explain", item.Key, "--checklist", checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "en");
            Assert.True(run.ExitCode == 0, $"{item.Key}: {run.Stderr}");
            explained[item.Key] = run.Stdout;
            var shown = run.Stdout.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Length > 16
                && l[2..15].TrimEnd() is { Length: > 0 } w && w.All(char.IsAsciiLetterUpper) && l.Contains("  score ", StringComparison.Ordinal));
            if (shown != item.Count()) mismatches.Add($"{item.Key}: audit {item.Count()} rows, explain {shown}");
            foreach (var row in item)
            {
                var line = $"\n  {((string)row["outcome"]!).ToUpperInvariant().PadRight(13)} {(string)row["id"]!}  score ";
                if (!run.Stdout.Contains(line, StringComparison.Ordinal))
                    mismatches.Add($"{(string)row["id"]!}: audit {(string)row["outcome"]!} ({(string?)row["reason"]?["kind"]}), explain:\n{run.Stdout}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        return explained;
    }

    [Fact]
    public void Every_item_of_the_compliant_sample_is_explained_as_audited() =>
        ExplainsAsAudited(Iq, Path.Combine(Samples, "compliant"));

    [Fact]
    public void Every_item_of_the_failing_sample_is_explained_as_audited_with_the_reason()
    {
        var explained = ExplainsAsAudited(Iq, Path.Combine(Samples, "failing"));
        // The reasons the audit gives, in words: a provenance not met, a contradiction across documents, the bundle's judgment.
        Assert.Contains("evidence required: ", explained["6.3.2b.time"]);
        foreach (var id in new[] { "6.1.3a.interface", "6.1.3a.data-interface", "6.1.3a.main-flow" })
            Assert.Contains("contradicted by the documents: ", explained[id]);
        Assert.Contains("  PASS          6.3.2b.emergency  score 1", explained["6.3.2b.emergency"]);
    }

    [Fact]
    public void Every_item_of_the_001_sample_is_explained_as_audited()
    {
        // The 001 sample measured by iq model, with its judgments, as CI audits it.
        using var dir = new TempDir();
        ModelCases.Measure(dir, "description.yaml");
        ModelCases.CopyAttestations(dir.Path);
        ExplainsAsAudited(ModelCases.Checklist, dir.Path);
    }
}
