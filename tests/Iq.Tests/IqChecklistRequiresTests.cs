using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>The bundled IQ checklist decides nothing the standard asks the lab to check on the installed system (6.1.1 a)
/// 检查…形成客观评估结论, 6.1.3 b) 测试结果是否客观准确, 6.2.1 应检查, 6.4.1 应持续监测, 6.6.1, 5.5.1 …) on figures a vendor
/// typed in: every automatic row reading a kind iq measures or imports requires it so (RequiresCoverageTests walks the rule
/// model, for every checklist). Here, run: a document edited after its seal, or without one, or typed in by hand makes
/// those rows errors, as 6.4.2's were already.</summary>
public class IqChecklistRequiresTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>The oracle RequiresCoverageTests stands for, run: the compliant sample with its baseline edited after the seal and
    /// its tests' seal removed. Every automatic row reading the baseline (6.1.3 b), 6.4.1, 6.4.2) or the tests (6.1.3 a))
    /// is an error naming the provenance it lacks; before, 6.1.3 b) and 6.4.1 passed as "declared only" beside 6.4.2's errors
    /// on the same file.</summary>
    [Fact]
    public void An_edited_baseline_and_unsealed_tests_make_every_row_on_them_an_error()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "b");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "compliant"), "*.json*"))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        var baseline = Path.Combine(bundle, "baseline.json");
        var text = File.ReadAllText(baseline);
        var at = text.IndexOf("\"errors\": 0", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(baseline, text[..at] + "\"errors\": 1" + text[(at + "\"errors\": 0".Length)..]);
        File.Delete(Path.Combine(bundle, "tests.json.seal"));
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(1, run.ExitCode);
        var rows = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray()
            .Where(r => (string)r!["method"]! == "automatic").ToDictionary(r => (string)r!["id"]!, r => r!);
        string[] onBaseline = ["6.1.3b.latency", "6.1.3b.concurrency", "6.1.3b.resources", "6.1.3b.accuracy", "6.4.1.monitored", "6.4.1.headroom",
            "6.4.2a.max-concurrency", "6.4.2b.stability", "6.4.2c.throughput"];
        string[] onTests = ["6.1.3a.passed", "6.1.3a.interface", "6.1.3a.data-interface", "6.1.3a.main-flow"];
        Assert.All(onBaseline.Concat(onTests).Concat(rows.Keys.Where(k => k.StartsWith("6.4.2d.", StringComparison.Ordinal))), id =>
        {
            var row = rows[id];
            Assert.True((string)row["outcome"]! == "error", $"{id}: {row["outcome"]}");
            Assert.Equal("provenance_not_met", (string)row["reason"]!["kind"]!);
        });
        Assert.All(onBaseline, id => Assert.Contains("seal broken", (string)rows[id]["message"]!));
        Assert.All(onTests, id => Assert.StartsWith("measured or imported evidence required: tests.", (string)rows[id]["message"]!));
        // Rows on untouched documents keep their word.
        Assert.Equal("pass", (string)rows["6.1.1a.cpu"]["outcome"]!);
        Assert.Equal("pass", (string)rows["6.3.2b.time"]["outcome"]!);
    }

    /// <summary>The same oracle for the SBOM rows (6.6.1 d) e), 5.5.1): the compliant sample's manifest as someone types it in,
    /// the same facts with no seal and no word but the vendor's. Every automatic row on it is an error naming the provenance
    /// it lacks; before, 6.6.1 d) e) and 5.5.1 passed as "declared only" while 6.2.2 f) beside them was an error.</summary>
    [Fact]
    public void A_manifest_typed_in_by_hand_makes_every_row_on_it_an_error()
    {
        using var dir = new TempDir();
        var bundle = FleetTests.CopyBundle("compliant", Path.Combine(dir.Path, "b"));
        var path = Path.Combine(bundle, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        manifest["provenance"] = "declared";
        manifest.Remove("fact_provenance");
        manifest["tool"] = "typed in by hand";
        File.WriteAllText(path, manifest.ToJsonString());
        File.Delete(path + ".seal");
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(1, run.ExitCode);
        var rows = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray()
            .Where(r => (string)r!["method"]! == "automatic").ToDictionary(r => (string)r!["id"]!, r => r!);
        string[] onManifest = ["6.6.1d.naming", "6.6.1e.notes", "5.5.1b.documents", "5.5.1c.tags", "5.5.1.plan"];
        var components = rows.Keys.Where(k => k.StartsWith("5.5.1a.", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, components.Count);
        Assert.All(onManifest.Concat(components), id =>
        {
            var row = rows[id];
            Assert.True((string)row["outcome"]! == "error", $"{id}: {row["outcome"]}");
            Assert.Equal("provenance_not_met", (string)row["reason"]!["kind"]!);
            Assert.StartsWith("measured or imported evidence required: manifest.", (string)row["message"]!);
            // What it was stays told: each of these rows passed on the typed-in facts.
            Assert.Contains("was pass", (string)row["message"]!);
        });
        // Rows on untouched documents keep their word.
        Assert.Equal("pass", (string)rows["6.1.3a.passed"]["outcome"]!);
        Assert.Equal("pass", (string)rows["6.1.1a.cpu"]["outcome"]!);
    }
}
