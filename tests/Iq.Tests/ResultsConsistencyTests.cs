using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;

namespace Iq.Tests;

/// <summary>A results file must say what its own rows give (<see cref="ResultsConsistency"/>): fresh eyes 8 F-C2 flipped
/// every failing row's outcome to pass, each row still saying it failed (reason failed, evidence holds false, score 0), and
/// left the section counts as they were; iq report rendered it, exit 0. Each edit here is one kind of contradiction, made in
/// a copy of a real audit's results (the failing sample, audited by iq in the test) and sealed again as an editor would: iq
/// report, iq diff and iq verify refuse it, exit 2, naming the file and the JSON path, writing nothing.</summary>
public class ResultsConsistencyTests
{
    static readonly Lazy<string> Audited = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "iq-consistency-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var json = Path.Combine(dir, "r.json");
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts",
            Path.Combine(TestPaths.Checklists, "samples", "failing"), "--as-of", TestClock.SamplesDay, "--json", json, "--lang", "en", "-q");
        Assert.True(run.ExitCode == 1, run.Stderr);
        return File.ReadAllText(json);
    });

    static JsonNode Results() => JsonNode.Parse(Audited.Value)!;

    static int IndexOf(JsonNode root, Func<JsonNode, bool> row)
    {
        var items = root["items"]!.AsArray();
        for (var i = 0; i < items.Count; i++)
            if (row(items[i]!)) return i;
        throw new InvalidOperationException("no such row in the failing sample's results");
    }

    static string Outcome(JsonNode row) => row["outcome"]!.GetValue<string>();
    static string Kind(JsonNode row) => row["reason"]!["kind"]!.GetValue<string>();

    /// <summary>Each edit and the JSON path it must be refused at, with words of the refusal.</summary>
    public static TheoryData<string, string> Edits => new()
    {
        { "outcome-reason", "its reason 'failed' goes with fail" },
        { "outcome-evidence", "does not hold, and decided" },
        { "row-score", "is not one this outcome has" },
        { "section-counts", "the rows hold" },
        { "top-counts", "the rows hold" },
        { "score", "scoring model give" },
        { "section-score", "scoring model give" },
        { "verdict", "is not what the file's own rows give" },
        { "basis", "scoring model give" },
        { "fresh-eyes-f2", "its reason 'failed' goes with fail" },
        { "fact-relabelled", "had no seal that held when the audit read it (notneeded), so its facts count as declared" },
        { "fact-document", "which is not among the results' inputs" },
    };

    /// <summary>The edited document and the JSON path of its first contradiction.</summary>
    static (JsonNode Root, string Path) Edit(string kind)
    {
        var r = Results();
        var items = r["items"]!.AsArray();
        switch (kind)
        {
            case "outcome-reason":
            {
                var i = IndexOf(r, x => Outcome(x) == "fail" && Kind(x) == "failed");
                items[i]!["outcome"] = "pass";
                return (r, $"$.items[{i}].outcome");
            }
            case "outcome-evidence":
            {
                // The reason edited too: the evidence that did not hold still says the row failed.
                var i = IndexOf(r, x => Outcome(x) == "fail" && Kind(x) == "failed"
                    && x["evidence"]!.AsArray().Any(e => e!["holds"]?.GetValue<bool?>() == false && e["decides"] is null));
                items[i]!["outcome"] = "pass";
                items[i]!["reason"] = new JsonObject { ["kind"] = "passed" };
                items[i]!["score"] = 1;
                return (r, $"$.items[{i}].outcome");
            }
            case "row-score":
            {
                var i = IndexOf(r, x => Outcome(x) == "error");
                items[i]!["score"] = 0.5;
                return (r, $"$.items[{i}].score");
            }
            case "section-counts":
            {
                // Top-level counts untouched: only a section's tally is off (F-C2 (b)).
                var counts = r["sections"]![0]!["counts"]!;
                counts["fail"] = counts["fail"]!.GetValue<int>() + 1;
                return (r, "$.sections[0].counts.fail");
            }
            case "top-counts":
            {
                r["counts"]!["error"] = r["counts"]!["error"]!.GetValue<int>() + 1;
                return (r, "$.counts.error");
            }
            case "score":
            {
                r["score"] = r["score"]!.GetValue<double>() + 1;
                return (r, "$.score");
            }
            case "section-score":
            {
                var sections = r["sections"]!.AsArray();
                var s = Enumerable.Range(0, sections.Count).First(k => sections[k]!["score"] is not null);
                sections[s]!["score"] = sections[s]!["score"]!.GetValue<double>() / 2;
                return (r, $"$.sections[{s}].score");
            }
            case "verdict":
            {
                r["verdict"] = "pass";
                r["verdict_basis"]!["kind"] = "reaches";
                return (r, "$.verdict");
            }
            case "basis":
            {
                var basis = r["verdict_basis"]!;
                basis["count"] = basis["count"]!.GetValue<int>() - 1;
                return (r, "$.verdict_basis.count");
            }
            case "fact-relabelled":
            {
                // Fresh eyes 8, F-C3: a fact of the unsealed plan.json said to be measured. A row that keeps another declared
                // fact and a measured one, so its kinds and declared_only flag (checked when a row is read) stay as they were.
                static bool Plan(JsonNode f) => f["document"]?.GetValue<string>() is { } doc && doc.EndsWith("plan.json", StringComparison.Ordinal)
                    && f["provenance"]!.GetValue<string>() == "declared";
                var i = IndexOf(r, x => x["provenance"]!["facts"]!.AsArray() is var fs && fs.Count(f => Plan(f!)) >= 2
                    && fs.Any(f => f!["provenance"]!.GetValue<string>() == "measured"));
                var facts = items[i]!["provenance"]!["facts"]!.AsArray();
                var f = facts.Select((x, k) => (x, k)).First(p => Plan(p.x!)).k;
                facts[f]!["provenance"] = "measured";
                return (r, $"$.items[{i}].provenance.facts[{f}].provenance");
            }
            case "fact-document":
            {
                // Fresh eyes 8, F-C3 p1: a fact's document renamed to one the audit did not read.
                var i = IndexOf(r, x => x["provenance"]!["facts"]!.AsArray().Any(f => f!["document"] is not null));
                var facts = items[i]!["provenance"]!["facts"]!.AsArray();
                var f = facts.Select((x, k) => (x, k)).First(p => p.x!["document"] is not null).k;
                facts[f]!["document"] = "environment.json";
                return (r, $"$.items[{i}].provenance.facts[{f}].document");
            }
            default:
            {
                // The fresh-eyes file: every failed or errored row flipped to pass, the top-level counts adjusted, verdict pass.
                var first = -1;
                for (var i = 0; i < items.Count; i++)
                    if (Outcome(items[i]!) is "fail" or "error")
                    {
                        if (first < 0 && Kind(items[i]!) == "failed") first = i;
                        items[i]!["outcome"] = "pass";
                    }
                var counts = r["counts"]!;
                counts["pass"] = counts["pass"]!.GetValue<int>() + counts["fail"]!.GetValue<int>() + counts["error"]!.GetValue<int>();
                counts["fail"] = 0;
                counts["error"] = 0;
                r["verdict"] = "pass";
                var earliest = IndexOf(r, x => Kind(x) is not ("passed" or "not_applicable" or "declared_not_applicable" or "manual_required"
                    or "informational" or "disabled" or "attested" or "judgment_not_taken" or "not_applicable_unconfirmed" or "waived") && Outcome(x) == "pass");
                return (r, $"$.items[{earliest}].outcome");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_edited_results_file_is_refused_at_its_first_contradiction(string kind, string words)
    {
        using var dir = new TempDir();
        var (root, path) = Edit(kind);
        var file = Path.Combine(dir.Path, "r.json");
        File.WriteAllText(file, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        // Sealed again, as whoever edited it would: the seal holds, and only the file's own rows can show the edit.
        Assert.Equal(0, CliRunner.InProcess("seal", file).ExitCode);
        var before = Directory.GetFiles(dir.Path).Order().ToList();

        var report = CliRunner.InProcess("report", file, "--html", Path.Combine(dir.Path, "r.html"), "--xlsx", Path.Combine(dir.Path, "r.xlsx"));
        Assert.True(report.ExitCode == 2, $"{kind}: exit {report.ExitCode}: {report.Stdout}{report.Stderr}");
        Assert.StartsWith(file + ":", report.Stderr);
        Assert.Contains("error IQ4003: ", report.Stderr);
        Assert.Contains(words, report.Stderr);
        Assert.Contains($" at {path}\n", report.Stderr);
        Assert.DoesNotContain("   at ", report.Stderr);
        Assert.Equal(before, Directory.GetFiles(dir.Path).Order().ToList());

        var diff = CliRunner.InProcess("diff", file, file);
        Assert.Equal(2, diff.ExitCode);
        Assert.Contains($" at {path}\n", diff.Stderr);
        var verify = CliRunner.InProcess("verify", file);
        Assert.True(verify.ExitCode == 2, $"{kind}: iq verify exit {verify.ExitCode}: {verify.Stdout}{verify.Stderr}");
        Assert.Contains(path, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public void The_check_names_a_place_inside_a_results_set()
    {
        // A contradiction in the second audit of a set is named with the set's path ($.audits[1]…).
        var r = Results();
        var i = IndexOf(r, x => Outcome(x) == "fail" && Kind(x) == "failed");
        r["items"]![i]!["outcome"] = "pass";
        var d = new DiagnosticBag();
        var set = new JsonObject
        {
            ["schema"] = "iq.results-set/1",
            ["engine"] = new JsonObject { ["name"] = "iq", ["version"] = "x" },
            ["verdict"] = "fail",
            ["verdict_reason"] = "",
            ["audits"] = new JsonArray(Results(), r),
        };
        Assert.Null(ResultsJson.ReadSet(Encoding.UTF8.GetBytes(set.ToJsonString()), "s.json", d));
        Assert.Contains($"at $.audits[1].items[{i}].outcome", d.Items.Single().Message);
    }

    /// <summary>Every results file iq writes passes the check: the results of every sample bundle, and of the failing
    /// sample with a random subset of its fact documents taken away (the rows turn to errors, sections empty out, the
    /// verdict changes), by every scoring model.</summary>
    [Fact]
    public void Every_results_file_iq_writes_is_consistent()
    {
        var samples = Directory.GetDirectories(Path.Combine(TestPaths.Checklists, "samples")).Order().ToList();
        var failing = Path.Combine(TestPaths.Checklists, "samples", "failing");
        var documents = Directory.GetFiles(failing, "*.json").Select(Path.GetFileName).Order().ToList();
        var models = Iq.Rules.Model.ScoringSpec.Models;
        var checkedFiles = 0;
        Gen.Int[0, samples.Count - 1].Select(Gen.Int[0, (1 << documents.Count) - 1], Gen.Int[0, models.Count - 1], Gen.Bool).Sample((s, drop, m, dropSome) =>
        {
            using var dir = new TempDir();
            var bundle = Path.Combine(dir.Path, "b");
            Directory.CreateDirectory(bundle);
            var source = dropSome ? failing : samples[s];
            for (var k = 0; k < documents.Count; k++)
                foreach (var f in Directory.GetFiles(source, documents[k]! + "*"))
                    if (!dropSome || (drop & (1 << k)) == 0) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
            foreach (var f in Directory.GetFiles(source).Where(f => !documents.Contains(Path.GetFileName(f)!.Split(".json")[0] + ".json")))
                File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)), overwrite: true);
            var json = Path.Combine(dir.Path, "r.json");
            var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", bundle, "--as-of", TestClock.SamplesDay,
                "--scoring", models[m], "--json", json, "-q");
            if (!File.Exists(json)) return run.ExitCode == 2; // a bundle iq refuses writes no results
            var d = new DiagnosticBag();
            var doc = ResultsJson.Read(File.ReadAllBytes(json), json, d);
            Interlocked.Increment(ref checkedFiles);
            return doc is not null && ResultsConsistency.First(doc) is null && d.Items.Count == 0;
        }, iter: 24, threads: 1);
        Assert.True(checkedFiles >= 12, $"only {checkedFiles} results files were written");
    }
}
