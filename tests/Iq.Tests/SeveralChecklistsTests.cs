using System.Diagnostics;
using System.Text.Json.Nodes;
using Iq.Engine.Audit;
using Iq.Scoring.Scoring;
using System.Text.Json;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace Iq.Tests;

/// <summary>Bundles holding both the IQ sample's facts and the 001 sample's (measured by iq model once per run): the
/// truthful description with both samples' judgments, the same with the IQ judgments only, and the planted description.</summary>
public sealed class TwoChecklistBundles : IDisposable
{
    readonly TempDir _root = new();
    public string Truthful { get; }
    public string IqJudgmentsOnly { get; }
    public string Planted { get; }

    public TwoChecklistBundles()
    {
        Truthful = Make("truthful", "description.yaml", both: true, "--attack-cases", "100");
        IqJudgmentsOnly = Path.Combine(_root.Path, "iq-judgments");
        Directory.CreateDirectory(IqJudgmentsOnly);
        foreach (var f in Directory.GetFiles(Truthful)) File.Copy(f, Path.Combine(IqJudgmentsOnly, Path.GetFileName(f)));
        foreach (var f in new[] { "attestations.json", "attestations.json.seal" })
            File.Copy(Path.Combine(SeveralChecklistsTests.Compliant, f), Path.Combine(IqJudgmentsOnly, f), true);
        Planted = Make("planted", "description-planted.yaml", both: true, "--suite", "performance");
    }

    string Make(string name, string description, bool both, params string[] extra)
    {
        var dir = new TempDir();
        ModelCases.Measure(dir, description, extra);
        var bundle = Path.Combine(_root.Path, name);
        Directory.Move(dir.Path, bundle);
        // Seals too: the sample's measured documents keep their word only with them (docs/trust.md).
        IqSamples.CompliantWithoutAttestations(bundle);
        // One bundle holds one attestations document: both samples' judgments in it.
        var iq = JsonNode.Parse(File.ReadAllText(Path.Combine(SeveralChecklistsTests.Compliant, "attestations.json")))!;
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelCases.Sample, "attestations.json")))!;
        if (both)
            foreach (var item in model["facts"]!["items"]!.AsArray()) iq["facts"]!["items"]!.AsArray().Add(item!.DeepClone());
        File.WriteAllText(Path.Combine(bundle, "attestations.json"), iq.ToJsonString());
        // Sealed as the lab vouching for it would (iq seal): unsealed, it judges nothing (docs/trust.md).
        File.Delete(Path.Combine(bundle, "attestations.json.seal"));
        Assert.Equal(0, CliRunner.InProcess("seal", Path.Combine(bundle, "attestations.json")).ExitCode);
        return bundle;
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>One command audits a device against the IQ checklist (000) and the pre-trained model checklist (001) over one
/// bundle: each keeps its own score and verdict, the results hold both (iq.results-set/1: each checklist's iq.results/2
/// document), the scorecard and the HTML report give the 001 part its own sheets, verdict and charts, and the exit code
/// follows the worst verdict.</summary>
public class SeveralChecklistsTests(TwoChecklistBundles bundles) : IClassFixture<TwoChecklistBundles>
{
    public static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");
    static string Iq => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    static (CliRunner.Run Run, JsonObject? Json) Audit(TempDir dir, string[] checklists, string bundle, params string[] extra)
    {
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess(["audit", .. checklists, "--facts", bundle, "--json", json, "--as-of", TestClock.AsOfFor(bundle), .. extra]);
        return (run, File.Exists(json) ? JsonNode.Parse(File.ReadAllText(json))!.AsObject() : null);
    }

    static IEnumerable<JsonObject> Items(JsonNode audit) => audit["items"]!.AsArray().Select(i => i!.AsObject());

    [Fact]
    public void Both_checklists_over_one_bundle_each_keep_their_own_score_and_verdict()
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var junit = Path.Combine(dir.Path, "junit.xml");
        var (run, json) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--xlsx", xlsx, "--junit", junit);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Equal("iq.results-set/1", (string)json!["schema"]!);
        Assert.Equal("pass", (string)json["verdict"]!);
        var audits = json["audits"]!.AsArray();
        Assert.Equal(["gbt-aimd-iq", "gbt-aimd-ptm"], audits.Select(a => (string)a!["checklist"]!["id"]!));
        foreach (var a in audits)
        {
            Assert.Equal("iq.results/2", (string)a!["schema"]!);
            Assert.Equal("pass", (string)a["verdict"]!);
            // Each part is scored on its own items: its score is its own sections' (not a blend of both checklists).
            Assert.DoesNotContain(Items(a), i => (string)i["outcome"]! is "fail" or "error" && (string)i["level"]! == "shall");
            Assert.Equal(a["sections"]!.AsArray().Count, a["sections"]!.AsArray().Select(s => (string)s!["id"]!).Distinct().Count());
        }
        Assert.Equal(100, (double)audits[1]!["score"]!);
        Assert.Contains(Items(audits[0]!), i => (string)i["id"]! == "6.1.1a.cpu");
        Assert.DoesNotContain(Items(audits[0]!), i => (string)i["id"]! == "4.2.3.count");
        Assert.Contains(Items(audits[1]!), i => (string)i["id"]! == "4.2.3.count");
        // The judgments went to the checklist that has their item.
        Assert.Equal("pass", (string)Items(audits[1]!).Single(i => (string)i["id"]! == "6.3.9.review")["outcome"]!);
        Assert.Contains("Overall verdict: PASS — worst of 2 checklists: gbt-aimd-iq pass, gbt-aimd-ptm pass", run.Stdout);

        var suites = System.Xml.Linq.XDocument.Load(junit).Root!;
        Assert.Equal(audits.Sum(a => a!["items"]!.AsArray().Count), (int)suites.Attribute("tests")!);
        Assert.Contains(suites.Elements("testsuite"), s => ((string)s.Attribute("name")!).StartsWith("gbt-aimd-ptm 6.3.6 ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scorecard_gives_the_001_part_its_own_sheets_with_the_charts_of_its_measurements()
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var (run, json) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--xlsx", xlsx);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var x = new XlsxReader(xlsx);
        Assert.Equal(["C.1 基本信息", "汇总", "6.1 安装验证资源符合性评价", "C.2 安装安全性评价", "C.3 安装可靠性评价", "C.4 性能表现评估",
            "C.5 日志与监控审计", "C.6 版本一致性",
            "gbt-aimd-ptm 6.1 通则：评价对象", "gbt-aimd-ptm 6.2 预训练模型说明评价（完整性、", "gbt-aimd-ptm 6.3.1 可训练性评价",
            "gbt-aimd-ptm 6.3.2 架构可扩展性评价", "gbt-aimd-ptm 6.3.3 可迁移性评价", "gbt-aimd-ptm 6.3.4 模型效率评价", "gbt-aimd-ptm 6.3.5 输出重复性评价",
            "gbt-aimd-ptm 6.3.6 健壮性评价", "gbt-aimd-ptm 6.3.7 泛化性评价", "gbt-aimd-ptm 6.3.8 对抗安全评价", "gbt-aimd-ptm 6.3.9 隐私保护评价",
            "人工评审", "C.7 附件"], x.SheetNames);

        // The 001 sheets hold exactly the 001 rows, in order, with the JSON's outcomes.
        var ptm = json!["audits"]![1]!;
        var rows = x.SheetNames.Where(n => n.StartsWith("gbt-aimd-ptm 6.", StringComparison.Ordinal)).SelectMany(n => x.Rows(n).Skip(1))
            .Where(r => r.Length > 6).ToList();
        Assert.Equal(Items(ptm).Select(i => (string)i["id"]!), rows.Select(r => r[0]));
        var zh = new Dictionary<string, string> { ["pass"] = "通过", ["notapplicable"] = "不适用", ["informational"] = "资料性" };
        Assert.Equal(Items(ptm).Select(i => zh[(string)i["outcome"]!]), rows.Select(r => r[6]));

        var c1 = x.Rows("C.1 基本信息");
        Assert.Contains(c1, r => r.Length > 1 && r[0] == "评估结论"
            && r[1] == "通过（取各检查单结论中最差者）：gbt-aimd-iq 通过（总分 100）；gbt-aimd-ptm 通过（总分 100）");
        Assert.Contains(c1, r => r.Length > 1 && r[0] == "评估目的" && r[1].Contains("《人工智能医疗器械 质量要求和评价 第5部分：预训练模型》"));
        Assert.Equal(2, c1.Count(r => r.Length > 1 && r[0] == "检查单"));
        Assert.Equal(2, c1.Count(r => r.Length > 1 && r[0] == "结论"));
        var summary = x.Rows("汇总");
        Assert.Contains(summary, r => r.Length > 1 && r[0] == "总结论" && r[1].StartsWith("通过（取各检查单结论中最差者）", StringComparison.Ordinal));
        Assert.Equal(2, summary.Count(r => r.Length > 1 && r[0] == "结论"));
        // Judgments of both checklists on one manual-review sheet (it is read back by item id).
        var manual = x.Rows("人工评审").Skip(1).Select(r => r[0]).ToList();
        Assert.Contains("6.1.1a.hardening", manual);
        Assert.Contains("6.3.9.review", manual);

        // Each chart on the sheet of its method: the training loss (6.3.1), the metrics with their intervals (6.3.7),
        // accuracy per perturbation level (6.3.6), robust accuracy per ε (6.3.8); the baseline's on IQ's C.4; none elsewhere.
        foreach (var sheet in x.SheetNames)
        {
            var drawn = x.Sheet(sheet).Descendants<Drawing>().Any();
            var expected = sheet is "C.4 性能表现评估" || (sheet.StartsWith("gbt-aimd-ptm 6.3.", StringComparison.Ordinal) && sheet[13..18] is "6.3.1" or "6.3.6" or "6.3.7" or "6.3.8");
            Assert.True(drawn == expected, $"{sheet}: {(drawn ? "a chart" : "no chart")}");
        }
    }

    [Fact]
    public void The_charts_plot_what_iq_model_measured_and_the_description_claims()
    {
        using var dir = new TempDir();
        var (run, json) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful);
        Assert.True(run.ExitCode == 0, run.Stderr);
        // Compared with the documents themselves, not with the report code: the measurement iq model wrote, the description.
        var measured = JsonNode.Parse(File.ReadAllText(Path.Combine(bundles.Truthful, "model_measurements.json")))!["facts"]!;
        Assert.Null(json!["audits"]![0]!["figures"]!["model"]);
        var model = json["audits"]![1]!["figures"]!["model"]!;
        Assert.Null(json["audits"]![1]!["figures"]!["baseline"]);
        var metrics = measured["performance"]!["metrics"]!.AsObject();
        Assert.Equal(metrics.Select(m => m.Key), model["metrics"]!.AsArray().Select(m => (string)m!["name"]!));
        var claimed = new Dictionary<string, double> { ["accuracy"] = 0.98, ["f1"] = 0.90 };   // description.yaml, expected_performance
        foreach (var m in model["metrics"]!.AsArray())
        {
            var name = (string)m!["name"]!;
            foreach (var field in new[] { "value", "ci_low", "ci_high" })
                Assert.Equal((double)metrics[name]![field]!, (double)m[field]!);
            Assert.True((double)m["ci_low"]! <= (double)m["value"]! && (double)m["value"]! <= (double)m["ci_high"]!, name);
            Assert.Equal(claimed.TryGetValue(name, out var c) ? c : null, (double?)m["claimed"]);
        }
        Assert.Equal((double)measured["performance"]!["bootstrap"]!["confidence"]!, (double)model["confidence"]!);
        Assert.Equal(measured["training_run"]!["losses"]!.AsArray().Select(l => (double)l!), model["losses"]!.AsArray().Select(l => (double)l!));
        // The log's lines less its header and its comment (the line naming the model it records).
        Assert.Equal(File.ReadLines(Path.Combine(ModelCases.Sample, "training-log.csv")).Count(l => !l.StartsWith('#')) - 1, model["losses"]!.AsArray().Count);
        Assert.Equal(measured["robustness"]!["perturbations"]!.AsArray().Select(p => ((string)p!["name"]!, (double)p["level"]!, (double)p["metric"]!)),
            model["perturbations"]!.AsArray().Select(p => ((string)p!["name"]!, (double)p["level"]!, (double)p["metric"]!)));
        Assert.Equal(measured["adversarial"]!["results"]!.AsArray().Select(p => ((string)p!["attack"]!, (double)p["epsilon"]!, (double)p["robust_accuracy"]!)),
            model["adversarial"]!.AsArray().Select(p => ((string)p!["attack"]!, (double)p["epsilon"]!, (double)p["robust_accuracy"]!)));
    }

    [Fact]
    public void The_001_checklist_alone_has_its_chapter_6_sheets_not_the_annex_c_names_of_iq()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "model");
        Directory.CreateDirectory(bundle);
        // With their seals: the 001 checklist requires measured facts (a document without its seal counts as declared).
        foreach (var f in Directory.GetFiles(bundles.Truthful, "model*.json*")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        ModelCases.CopyAttestations(bundle);
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var (run, json) = Audit(dir, [ModelCases.Checklist], bundle, "--xlsx", xlsx);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("iq.results/2", (string)json!["schema"]!);
        Assert.Equal(4, json["figures"]!["model"]!["metrics"]!.AsArray().Count);
        // The object of a 001 audit is the model the description names (md.identity), as the fleet report groups it.
        Assert.Equal("digits-cnn", (string)json["report"]!["product"]!["name"]!);
        Assert.Equal("1.2.0", (string)json["report"]!["product"]!["version"]!);
        using var x = new XlsxReader(xlsx);
        Assert.Equal(["C.1 基本信息", "汇总", "6.1 通则：评价对象", "6.2 预训练模型说明评价（完整性、准确性）", "6.3.1 可训练性评价", "6.3.2 架构可扩展性评价",
            "6.3.3 可迁移性评价", "6.3.4 模型效率评价", "6.3.5 输出重复性评价", "6.3.6 健壮性评价", "6.3.7 泛化性评价", "6.3.8 对抗安全评价", "6.3.9 隐私保护评价",
            "人工评审", "C.7 附件"], x.SheetNames);
        Assert.Equal(4, x.SheetNames.Count(n => x.Sheet(n).Descendants<Drawing>().Any()));
        // Not the IQ standard's wording: the purpose names the 001 checklist in general terms.
        Assert.Contains(x.Rows("C.1 基本信息"), r => r.Length > 1 && r[0] == "评估目的" && r[1] == "验证评价对象是否符合《人工智能医疗器械 质量要求和评价 第5部分：预训练模型》的要求");
    }

    [Fact]
    public void Each_part_is_exactly_the_results_its_checklist_gives_alone_and_the_worst_verdict_sets_the_exit_code()
    {
        using var dir = new TempDir();
        var (alone, single) = Audit(dir, [Iq], bundles.IqJudgmentsOnly);
        Assert.True(alone.ExitCode == 0, alone.Stderr);
        Assert.Equal("iq.results/2", (string)single!["schema"]!);
        var (both, several) = Audit(dir, [Iq, ModelCases.Checklist], bundles.IqJudgmentsOnly);
        Assert.True(JsonNode.DeepEquals(single, several!["audits"]![0]), "the IQ part differs from the IQ audit alone");
        // The 001 manual items are not judged in this bundle: that part is incomplete, and so is the audit (exit 1).
        Assert.Equal("incomplete", (string)several["audits"]![1]!["verdict"]!);
        Assert.Equal("incomplete", (string)several["verdict"]!);
        Assert.Equal(1, both.ExitCode);
    }

    [Fact]
    public void A_failing_part_fails_the_audit_while_the_other_keeps_its_pass()
    {
        using var dir = new TempDir();
        var (run, json) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Planted);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("fail", (string)json!["verdict"]!);
        Assert.Equal("pass", (string)json["audits"]![0]!["verdict"]!);
        Assert.Equal("fail", (string)json["audits"]![1]!["verdict"]!);
        Assert.Equal("fail", (string)Items(json["audits"]![1]!).Single(i => (string)i["id"]! == "4.2.3.count")["outcome"]!);
        Assert.Equal("worst of 2 checklists: gbt-aimd-iq pass, gbt-aimd-ptm fail", (string)json["verdict_reason"]!);
    }

    [Fact]
    public void A_set_goes_to_the_checklist_that_declares_it_and_one_none_declares_is_an_error()
    {
        using var dir = new TempDir();
        var (run, json) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--set", "performance_tolerance=0.01", "--set", "max_memory_share=70%");
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        Assert.Equal("--set", (string)json!["audits"]![1]!["parameters"]!["performance_tolerance"]!["origin"]!);
        Assert.Equal("--set", (string)json["audits"]![0]!["parameters"]!["max_memory_share"]!["origin"]!);
        Assert.Null(json["audits"]![0]!["parameters"]!["performance_tolerance"]);

        var (bad, none) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--set", "performance_tolerence=0.01");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Unknown param 'performance_tolerence' in --set: no checklist of the audit (gbt-aimd-iq, gbt-aimd-ptm) declares it; did you mean 'performance_tolerance'?", bad.Stderr);
    }

    [Fact]
    public void A_judgment_for_an_item_no_checklist_has_is_an_error_naming_them()
    {
        using var dir = new TempDir();
        var judgments = Path.Combine(dir.Path, "extra.yaml");
        File.WriteAllText(judgments, "- item: 6.3.9.reveiw\n  status: pass\n  assessor: A\n  date: 2026-11-20\n  justification: j\n  evidence: e\n");
        var (run, _) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--attestations", judgments);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Attestation for unknown item '6.3.9.reveiw': no checklist of the audit (gbt-aimd-iq, gbt-aimd-ptm) has it; did you mean '6.3.9.review'?", run.Stderr);
    }

    [Fact]
    public void The_pipeline_reads_the_facts_once_and_gives_a_report_per_checklist()
    {
        var request = new AuditRequest
        {
            Checklists = [AuditChecklist.File(Iq), AuditChecklist.File(ModelCases.Checklist)],
            FactBundles = [bundles.Truthful],
            AsOf = DateTimeOffset.Parse(TestClock.AsOfFor(bundles.Truthful), System.Globalization.CultureInfo.InvariantCulture),
        };
        var result = AuditPipeline.Run(request);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.Reports.Count);
        Assert.Equal(2, result.Checklists.Count);
        Assert.Same(result.Reports[0], result.Report);
        Assert.Equal(Verdict.Pass, result.Verdict);
        // The same inputs, hashed once, behind both parts; each part's figures from the documents its checklist reads.
        Assert.Equal(result.Reports[0].Inputs, result.Reports[1].Inputs);
        Assert.Null(result.Reports[0].Figures.Model);
        Assert.NotNull(result.Reports[0].Figures.Baseline);
        Assert.Null(result.Reports[1].Figures.Baseline);
        Assert.Equal(4, result.Reports[1].Figures.Model!.Metrics.Count);

        var twice = AuditPipeline.Run(request with { Checklists = [AuditChecklist.File(Iq), AuditChecklist.File(Iq)] });
        Assert.False(twice.Succeeded);
        Assert.Equal("<request>:1:1: error IQ2004: Checklist 'gbt-aimd-iq' is given twice: each checklist of an audit has its own results",
            Assert.Single(twice.Errors).ToString());
    }

    [Theory]
    [InlineData(new[] { Verdict.Pass, Verdict.Pass }, Verdict.Pass)]
    [InlineData(new[] { Verdict.Pass, Verdict.Incomplete }, Verdict.Incomplete)]
    [InlineData(new[] { Verdict.Incomplete, Verdict.Fail }, Verdict.Fail)]
    [InlineData(new[] { Verdict.Fail, Verdict.Pass }, Verdict.Fail)]
    [InlineData(new Verdict[0], Verdict.Incomplete)]
    public void The_worst_verdict_is_fail_then_incomplete_then_pass(Verdict[] verdicts, Verdict worst) =>
        Assert.Equal(worst, Verdicts.Worst(verdicts));

    /// <summary>A 001 bundle with one of its three documents left out: no row that reads the missing document passes or is
    /// not applicable; each is an error naming what is missing (a manual row rests on the assessor's judgment).</summary>
    [Theory]
    [InlineData("model_measurements.json", "measured")]
    [InlineData("model_description.json", "md")]
    [InlineData("model.json", "model")]
    public void Missing_model_evidence_is_an_error_never_a_pass_nor_not_applicable(string leftOut, string root)
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var f in new[] { "model.json", "model_description.json", "model_measurements.json" }.Where(f => f != leftOut))
            foreach (var file in new[] { f, f + ".seal" })
                File.Copy(Path.Combine(bundles.Truthful, file), Path.Combine(bundle, file));
        ModelCases.CopyAttestations(bundle);
        var (run, json) = Audit(dir, [ModelCases.Checklist], bundle);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("fail", (string)json!["verdict"]!);
        // The rows that read the missing document (the results name its root when no file of its kind was read).
        var reading = Items(json).Where(i => i["sources"]!.AsArray().Any(s => (string)s! == root)).ToList();
        Assert.NotEmpty(reading);
        foreach (var i in reading)
        {
            var outcome = (string)i["outcome"]!;
            var reason = (string)i["reason"]!["kind"]!;
            if ((string)i["method"]! == "manual" || (string)i["level"]! == "may" && outcome == "informational") continue;
            // A completeness item of chapter 4 asks exists(md.…): without the description its field is absent, a fail
            // naming the field; everything else that rests on the missing document is an error.
            Assert.True(outcome == "error" || outcome == "fail" && root == "md",
                $"{i["id"]}: {outcome} ({reason}) without {leftOut}");
            // The message names the document that is missing: "missing evidence: measured (no 'model_measurements' document in the bundle)".
            if (outcome == "error") Assert.True(((string)i["message"]!).Contains($"missing evidence: {root}", StringComparison.Ordinal), $"{i["id"]}: {i["message"]}");
        }
        // Automatic rows only: a manual row rests on the assessor's judgment (6.3.1.witness is judged in the sample).
        Assert.Equal([], reading.Where(i => (string)i["method"]! == "automatic" && (string)i["outcome"]! is "pass" or "notapplicable")
            .Select(i => $"{i["id"]}: {i["outcome"]} {i["message"]}"));
    }

    [Fact]
    public void Iq_report_rerenders_a_set_byte_identical_and_iq_diff_compares_each_checklist()
    {
        using var dir = new TempDir();
        string F(string name) => Path.Combine(dir.Path, name);
        var (run, _) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--xlsx", F("a.xlsx"), "--html", F("a.html"), "--junit", F("a.xml"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var again = CliRunner.InProcess("report", F("results.json"), "--xlsx", F("b.xlsx"), "--html", F("b.html"), "--junit", F("b.xml"), "--json", F("b.json"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        foreach (var (a, b) in new[] { ("a.xlsx", "b.xlsx"), ("a.html", "b.html"), ("a.xml", "b.xml"), ("results.json", "b.json") })
            Assert.True(File.ReadAllBytes(F(a)).SequenceEqual(File.ReadAllBytes(F(b))), $"{b} differs from {a}");

        var planted = Path.Combine(dir.Path, "planted");
        Directory.CreateDirectory(planted);
        using var other = new TempDir();
        var (worse, _) = Audit(other, [Iq, ModelCases.Checklist], bundles.Planted, "--out", planted);
        Assert.Equal(1, worse.ExitCode);
        var diff = CliRunner.InProcess("diff", F("results.json"), Path.Combine(planted, "results.json"));
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("== gbt-aimd-ptm", diff.Stdout);
        Assert.Contains("4.2.3.count", diff.Stdout);
        // Read where one checklist's results are expected, a set says what it is.
        var one = global::Iq.Scoring.Reports.ResultsJson.Read(F("results.json"), new global::Iq.Rules.Diagnostics.DiagnosticBag());
        Assert.Null(one);
    }

    [SkippableFact]
    public async Task The_html_report_gives_each_checklist_its_part_and_draws_the_001_charts()
    {
        var chromium = Tools.Chromium;
        using var dir = new TempDir();
        var html = Path.Combine(dir.Path, "report.html");
        var (run, _) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--html", html, "--set", "performance_tolerance=-0.5");
        Assert.Equal(1, run.ExitCode);
        var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "results.json"))).RootElement;
        var audits = doc.GetProperty("audits").EnumerateArray().ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", .. Environment.IsPrivilegedProcess ? new[] { "--no-sandbox" } : []],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") errors.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.Empty(errors);

        // The worst verdict at the top; each checklist's own verdict and counts in its part.
        Assert.Equal("fail", await page.GetAttributeAsync("#verdict", "data-verdict"));
        Assert.Equal("pass", await page.GetAttributeAsync("section.part[data-checklist='gbt-aimd-iq'] .verdict", "data-verdict"));
        Assert.Equal("fail", await page.GetAttributeAsync("section.part[data-checklist='gbt-aimd-ptm'] .verdict", "data-verdict"));
        Assert.Equal(audits[1].GetProperty("score").GetDouble(),
            double.Parse((await page.GetAttributeAsync("section.part[data-checklist='gbt-aimd-ptm'] .score", "data-score"))!, System.Globalization.CultureInfo.InvariantCulture), 2);
        foreach (var a in audits)
        {
            var id = a.GetProperty("checklist").GetProperty("id").GetString();
            foreach (var o in a.GetProperty("counts").EnumerateObject())
                Assert.Equal(o.Value.GetInt32().ToString(), await page.Locator($"section.part[data-checklist='{id}'] ul.counts li[data-outcome='{o.Name}'] b").InnerTextAsync());
        }

        // 001's charts in its own part: metrics with their intervals, loss, perturbation, ε; the IQ part has the baseline's.
        Assert.Equal(["metrics", "loss", "perturbation-contrast", "perturbation-brightness", "perturbation-box_blur", "perturbation-gaussian_noise", "epsilon"],
            await page.Locator("#charts-2 figure").EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.chart)"));
        Assert.Equal(["latency", "throughput"], await page.Locator("#charts-1 figure").EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.chart)"));
        foreach (var figure in await page.Locator("#charts-2 figure svg").AllAsync())
            Assert.True((await figure.BoundingBoxAsync())!.Width > 300, "a chart is drawn at a readable size");

        // Every text of every chart is drawn by the browser (Chinese was blank: the font the SVG named had no glyphs for
        // it): the labels are there as text, each takes room, and SkiaSharp finds every glyph in the typeface each names.
        var drawn = await page.Locator("figure svg text").EvaluateAllAsync<string[]>(
            "ts => ts.filter(t => t.textContent.trim()).map(t => t.getBBox().width + '|' + t.textContent.replace(/\\s+/g, ''))");
        Assert.NotEmpty(drawn);
        Assert.All(drawn, d => Assert.True(double.Parse(d.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture) > 0, d));
        var shownTexts = drawn.Select(d => d[(d.IndexOf('|') + 1)..]).ToHashSet();
        foreach (var label in new[] { "准确率", "任务性能指标及其置信区间（A.10）", "扰动强度与准确率：对比度", "各并发级别的延迟", "各并发级别的吞吐量", "并发数" })
            Assert.Contains(label, shownTexts);
        var set = global::Iq.Scoring.Reports.ResultsJson.ReadSet(File.ReadAllBytes(Path.Combine(dir.Path, "results.json")), "results.json", new global::Iq.Rules.Diagnostics.DiagnosticBag())!;
        foreach (var audit in set.Audits)
            Assert.Subset(shownTexts, ChartGlyphs.AssertDrawn(audit, global::Iq.Scoring.Text.ReportTexts.Zh));

        // One item table over both checklists: filtering by a 001 section shows exactly that section's rows.
        var rows = page.Locator("#item-table tbody tr.item");
        Assert.Equal(audits.Sum(a => a.GetProperty("items").GetArrayLength()), await rows.CountAsync());
        await page.SelectOptionAsync("#f-section", "gbt-aimd-ptm 6.3.7");
        var shown = await page.Locator("#item-table tbody tr.item:visible").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.checklist + ' ' + r.dataset.id)");
        var expected = audits[1].GetProperty("items").EnumerateArray().Where(i => i.GetProperty("section").GetString()!.StartsWith("6.3.7", StringComparison.Ordinal))
            .Select(i => "gbt-aimd-ptm " + i.GetProperty("id").GetString()).ToList();
        Assert.Equal(expected, shown);
        // The tolerance set below zero fails the performance claims: the rows that fail are 001's, none of IQ's.
        await page.SelectOptionAsync("#f-section", "");
        await page.SelectOptionAsync("#f-outcome", "fail");
        var failed = await page.Locator("#item-table tbody tr.item:visible").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.checklist)");
        Assert.NotEmpty(failed);
        Assert.All(failed, c => Assert.Equal("gbt-aimd-ptm", c));
        Assert.Empty(errors);
    }
}
