using System.Text.Json;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>A plan's <c>{"not_applicable": why}</c> is the vendor's word: a shall row it alone takes out of the score stays to
/// judge (<c>notchecked</c>, reason <c>not_applicable_unconfirmed</c>) until an assessor's judgment the audit takes confirms
/// it, or the fact comes from a document stronger than declared (sealed); a should or may row stays not applicable, saying
/// nobody confirmed it; the verdict basis counts the held shall rows (fresh-eyes F-B3, second part).</summary>
public class PlanNotApplicableTrustTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);
    const string Held = "shall row(s) not applicable on the vendor's word, not confirmed";

    static string Copy(TempDir dir, string sample, string name)
    {
        var bundle = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Sample(sample), "*.json*")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        return bundle;
    }

    /// <summary>The F-B3 repro: the vendor's own plan (declared, unsealed) declares hardware, the 4.1.2 stages, the software,
    /// the error rate and the data imports not applicable, each with a reason that sounds real.</summary>
    static void DeclareNotApplicable(string bundle)
    {
        var path = Path.Combine(bundle, "plan.json");
        var plan = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var facts = plan["facts"]!;
        facts["hardware"] = new System.Text.Json.Nodes.JsonObject { ["not_applicable"] = "云端部署，由云服务商提供主机" };
        facts["stages"] = new System.Text.Json.Nodes.JsonObject { ["not_applicable"] = "采用厂商标准流程" };
        facts["software"] = new System.Text.Json.Nodes.JsonObject { ["not_applicable"] = "容器化部署方式" };
        facts["acceptance"]!["max_error_rate"] = new System.Text.Json.Nodes.JsonObject { ["not_applicable"] = "按合同另行约定" };
        facts["data_imports"] = new System.Text.Json.Nodes.JsonObject { ["not_applicable"] = "数据由医院自行导入" };
        File.WriteAllText(path, plan.ToJsonString());
    }

    static (CliRunner.Run Run, JsonElement Results) Audit(TempDir dir, string checklist, string bundle, params string[] extra)
    {
        var json = Path.Combine(dir.Path, $"r{Guid.NewGuid():N}.json");
        var run = CliRunner.InProcess(["audit", checklist, "--facts", bundle, "--json", json, "--lang", "en", "--as-of", TestClock.AsOfFor(bundle), .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stdout + run.Stderr);
        return (run, JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.Clone());
    }

    static IEnumerable<JsonElement> Rows(JsonElement results) => results.GetProperty("items").EnumerateArray();
    static string Kind(JsonElement row) => row.GetProperty("reason").GetProperty("kind").GetString()!;

    /// <summary>Before: 29 shall rows (4.1.1 a hardware incl. requires-measured ones, the 4.1.2 stages, software, error rates,
    /// data imports) notapplicable on the plan's word, the compliant copy PASS 100 (exit 0). Now every one of them is to judge,
    /// quoting the vendor's reason and where it said it, and the verdict cannot pass.</summary>
    [Fact]
    public void The_vendors_plan_cannot_take_shall_rows_out_of_the_score()
    {
        using var dir = new TempDir();
        foreach (var sample in new[] { "compliant", "failing" })
        {
            var bundle = Copy(dir, sample, sample);
            DeclareNotApplicable(bundle);
            var (run, results) = Audit(dir, Checklist, bundle);
            var held = Rows(results).Where(r => Kind(r) == "not_applicable_unconfirmed").ToList();
            Assert.True(held.Count >= 29, $"{sample}: {held.Count} rows held");
            foreach (var row in held)
            {
                var id = row.GetProperty("id").GetString();
                Assert.Equal("shall", row.GetProperty("level").GetString());
                Assert.True(row.GetProperty("outcome").GetString() == "notchecked", $"{id}: {row.GetProperty("outcome").GetString()}");
                Assert.False(row.GetProperty("counted").GetBoolean());
                var reason = row.GetProperty("reason");
                Assert.True(reason.GetProperty("held").GetBoolean(), id);
                Assert.StartsWith("$.facts.", reason.GetProperty("json_path").GetString());
                Assert.EndsWith("plan.json", reason.GetProperty("document").GetString());
                Assert.Contains("not applicable on the vendor's word only", row.GetProperty("message").GetString());
            }
            var cpu = held.Single(r => r.GetProperty("id").GetString() == "6.1.1a.cpu");
            Assert.Equal("云端部署，由云服务商提供主机", cpu.GetProperty("reason").GetProperty("because").GetString());
            Assert.Equal("$.facts.hardware", cpu.GetProperty("reason").GetProperty("json_path").GetString());
            Assert.Equal("plan.hardware", cpu.GetProperty("reason").GetProperty("fact").GetString());
            foreach (var id in new[] { "6.1.1b.stage[f]", "6.1.1a.sw", "6.2.2f.data-import", "6.4.2d.errors[16]", "6.1.1a.gpu-memory[0]" })
                Assert.Contains(held, r => r.GetProperty("id").GetString() == id);
            // No shall row is left not applicable on the plan's word.
            Assert.DoesNotContain(Rows(results), r => r.GetProperty("level").GetString() == "shall" && Kind(r) == "declared_not_applicable");

            Assert.NotEqual("pass", results.GetProperty("verdict").GetString());
            Assert.Equal(held.Count, results.GetProperty("verdict_basis").GetProperty("not_applicable_unconfirmed").GetInt32());
            Assert.Contains($"{held.Count} {Held}", results.GetProperty("verdict_reason").GetString());
            Assert.Contains($"{held.Count} {Held}", run.Stdout);
            Assert.Equal(1, run.ExitCode);
            if (sample == "compliant")
            {
                // Nothing failed: the held rows are what keeps it from passing (it passed, 100, exit 0, before).
                Assert.Equal("incomplete", results.GetProperty("verdict").GetString());
                Assert.Equal("pending", results.GetProperty("verdict_basis").GetProperty("kind").GetString());
            }
        }
    }

    /// <summary>The count is read back by iq report, and shown in the console's verdict line, the HTML report and the
    /// scorecard's C.1 conclusion, in both languages.</summary>
    [Fact]
    public void The_held_rows_are_counted_beside_the_verdict_in_every_report()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir, "compliant", "b");
        DeclareNotApplicable(bundle);
        var (_, results) = Audit(dir, Checklist, bundle, "--xlsx", Path.Combine(dir.Path, "a.xlsx"), "--html", Path.Combine(dir.Path, "a.html"));
        var count = results.GetProperty("verdict_basis").GetProperty("not_applicable_unconfirmed").GetInt32();
        Assert.True(count >= 29, count.ToString());
        var json = Directory.GetFiles(dir.Path, "r*.json").Single();
        // Read back by iq report (the results' count, not the rows counted again), in English and Chinese.
        var report = CliRunner.InProcess("report", json, "--lang", "en", "--html", Path.Combine(dir.Path, "b.html"));
        Assert.True(report.ExitCode == 1, report.Stdout + report.Stderr);
        var zh = CliRunner.InProcess("report", json, "--lang", "zh", "--html", Path.Combine(dir.Path, "zh.html"));
        Assert.True(zh.ExitCode == 1, zh.Stdout + zh.Stderr);
        Assert.Contains($"{count} 个“应”级条目仅凭厂商声明不适用，未经确认", System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir.Path, "zh.html"))));
        foreach (var html in new[] { "a.html", "b.html" })
            Assert.Contains($"{count} {Held}", System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir.Path, html))));
        // Read with the Open XML SDK, not ClosedXML (whose reader loads the charts' pictures through libgdiplus).
        using var xlsx = new XlsxReader(Path.Combine(dir.Path, "a.xlsx"));
        Assert.Contains(xlsx.SheetNames.SelectMany(xlsx.Rows).SelectMany(r => r), c => c is not null && c.Contains($"{count} {Held}", StringComparison.Ordinal));
    }

    const string Small = """
        checklist "na" {
          title   "plan n/a"
          version "1"
          scoring weighted pass_at 80 veto shall
        }
        section "A" "resources" weight 1 {
          item "A.cores" "cores (shall)" {
            level shall
            expect env.cpu.logical_cores >= plan.hardware.minimum.logical_cores
          }
          item "A.cores-should" "cores (should)" {
            level should
            expect env.cpu.logical_cores >= plan.hardware.minimum.logical_cores
          }
          item "A.os" "OS named" {
            level shall
            expect env.os.id matches "^[a-z]+$"
          }
        }
        """;

    static (string Checklist, string Bundle) SmallBundle(TempDir dir, string name, string? factProvenance = null)
    {
        var checklist = Path.Combine(dir.Path, "na.iq");
        File.WriteAllText(checklist, Small);
        var bundle = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(bundle);
        File.Copy(Path.Combine(Sample("compliant"), "environment.json"), Path.Combine(bundle, "environment.json"));
        File.Copy(Path.Combine(Sample("compliant"), "environment.json.seal"), Path.Combine(bundle, "environment.json.seal"));
        var header = factProvenance is null ? "" : $"\"fact_provenance\": {{\"plan.hardware\": \"{factProvenance}\"}}, ";
        File.WriteAllText(Path.Combine(bundle, "plan.json"),
            "{\"kind\": \"plan\", \"schema\": 1, " + header + "\"facts\": {\"hardware\": {\"not_applicable\": \"deployed on the provider's cloud hosts\"}}}");
        return (checklist, bundle);
    }

    static JsonElement Row(JsonElement results, string id) => Rows(results).Single(r => r.GetProperty("id").GetString() == id);

    /// <summary>Unconfirmed: the shall row to judge, the should row not applicable saying nobody confirmed it; confirmed by
    /// the lab's --attestations (status notapplicable of the automatic row, the one judgment an automatic item takes), the
    /// shall row is not applicable, attested, and the audit passes; a judgment of any other kind of an automatic row is
    /// still refused.</summary>
    [Fact]
    public void An_assessors_judgment_confirms_a_declared_not_applicable()
    {
        using var dir = new TempDir();
        var (checklist, bundle) = SmallBundle(dir, "b");
        var (_, unconfirmed) = Audit(dir, checklist, bundle);
        Assert.Equal("notchecked", Row(unconfirmed, "A.cores").GetProperty("outcome").GetString());
        Assert.True(Row(unconfirmed, "A.cores").GetProperty("reason").GetProperty("held").GetBoolean());
        var should = Row(unconfirmed, "A.cores-should");
        Assert.Equal("notapplicable", should.GetProperty("outcome").GetString());
        Assert.Equal("not_applicable_unconfirmed", Kind(should));
        Assert.False(should.GetProperty("reason").GetProperty("held").GetBoolean());
        Assert.Contains("declared by the vendor in", should.GetProperty("message").GetString());
        Assert.Contains("not confirmed", should.GetProperty("message").GetString());
        Assert.Equal("incomplete", unconfirmed.GetProperty("verdict").GetString());
        Assert.Equal(1, unconfirmed.GetProperty("verdict_basis").GetProperty("not_applicable_unconfirmed").GetInt32());

        var judged = Path.Combine(dir.Path, "judged.yaml");
        File.WriteAllText(judged, """
            - item: A.cores
              status: notapplicable
              assessor: Zhou
              date: 2026-11-20
              justification: the hospital rents the provider's cloud hosts, as the contract (section 4) says
            """);
        var (run, confirmed) = Audit(dir, checklist, bundle, "--attestations", judged);
        var cores = Row(confirmed, "A.cores");
        Assert.Equal("notapplicable", cores.GetProperty("outcome").GetString());
        Assert.Equal("attested", Kind(cores));
        Assert.Equal("pass", confirmed.GetProperty("verdict").GetString());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, confirmed.GetProperty("verdict_basis").GetProperty("not_applicable_unconfirmed").GetInt32());
        Assert.DoesNotContain(Held, confirmed.GetProperty("verdict_reason").GetString());

        // An automatic row that is not declared not applicable takes no judgment, as before.
        var os = Path.Combine(dir.Path, "os.yaml");
        File.WriteAllText(os, File.ReadAllText(judged).Replace("A.cores", "A.os"));
        var refused = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--attestations", os, "--lang", "en", "--as-of", TestClock.AsOfFor(bundle));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("an automatic item", refused.Stderr);
    }

    /// <summary>A judgment in the bundle's own attestations.json that the lab does not vouch for (no seal) confirms nothing:
    /// the row stays held; sealed, it confirms.</summary>
    [Fact]
    public void A_judgment_the_lab_does_not_vouch_for_confirms_nothing()
    {
        using var dir = new TempDir();
        var (checklist, bundle) = SmallBundle(dir, "b");
        var attestations = Path.Combine(bundle, "attestations.json");
        File.WriteAllText(attestations, """
            {"kind": "attestations", "schema": 1, "facts": {"items": [{"item": "A.cores", "status": "notapplicable", "assessor": "周静（第三方检测机构）",
             "date": "2026-11-20", "justification": "the hospital rents the provider's cloud hosts, as the contract says"}]}}
            """);
        var (_, unsealed) = Audit(dir, checklist, bundle);
        Assert.Equal("notchecked", Row(unsealed, "A.cores").GetProperty("outcome").GetString());
        Assert.Equal("not_applicable_unconfirmed", Kind(Row(unsealed, "A.cores")));
        Assert.NotEqual("pass", unsealed.GetProperty("verdict").GetString());

        var seal = CliRunner.InProcess("seal", attestations);
        Assert.True(seal.ExitCode == 0, seal.Stdout + seal.Stderr);
        var (_, sealedRun) = Audit(dir, checklist, bundle);
        Assert.Equal("attested", Kind(Row(sealedRun, "A.cores")));
        Assert.Equal("pass", sealedRun.GetProperty("verdict").GetString());
    }

    /// <summary>A plan that gives the fact as reviewed (an assessor reviewed that part of it) confirms the n/a when its seal
    /// holds; unsealed, its claim is set aside and the row is held.</summary>
    [Fact]
    public void A_reviewed_and_sealed_fact_confirms_a_declared_not_applicable()
    {
        using var dir = new TempDir();
        var (checklist, bundle) = SmallBundle(dir, "b", factProvenance: "reviewed");
        var (_, unsealed) = Audit(dir, checklist, bundle);
        Assert.Equal("not_applicable_unconfirmed", Kind(Row(unsealed, "A.cores")));
        Assert.Equal("notchecked", Row(unsealed, "A.cores").GetProperty("outcome").GetString());

        var seal = CliRunner.InProcess("seal", Path.Combine(bundle, "plan.json"));
        Assert.True(seal.ExitCode == 0, seal.Stdout + seal.Stderr);
        var (_, reviewed) = Audit(dir, checklist, bundle);
        var cores = Row(reviewed, "A.cores");
        Assert.Equal("notapplicable", cores.GetProperty("outcome").GetString());
        Assert.Equal("declared_not_applicable", Kind(cores));
        Assert.Equal("declared_not_applicable", Kind(Row(reviewed, "A.cores-should")));
        Assert.Equal("pass", reviewed.GetProperty("verdict").GetString());
        Assert.Matches(new Regex(@"^score \d+ reaches pass_at 80$"), reviewed.GetProperty("verdict_reason").GetString()!);
    }
}
