using System.Diagnostics;
using System.Text.Json.Nodes;
using Iq.Engine.Audit;
using Iq.Scoring.Scoring;
using C = DocumentFormat.OpenXml.Drawing.Charts;

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
        File.Copy(Path.Combine(SeveralChecklistsTests.Compliant, "attestations.json"), Path.Combine(IqJudgmentsOnly, "attestations.json"), true);
        Planted = Make("planted", "description-planted.yaml", both: true, "--suite", "performance");
    }

    string Make(string name, string description, bool both, params string[] extra)
    {
        var dir = new TempDir();
        ModelCases.Measure(dir, description, extra);
        var bundle = Path.Combine(_root.Path, name);
        Directory.Move(dir.Path, bundle);
        foreach (var f in Directory.GetFiles(SeveralChecklistsTests.Compliant, "*.json").Where(f => Path.GetFileName(f) != "attestations.json"))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        // One bundle holds one attestations document: both samples' judgments in it.
        var iq = JsonNode.Parse(File.ReadAllText(Path.Combine(SeveralChecklistsTests.Compliant, "attestations.json")))!;
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelCases.Sample, "attestations.json")))!;
        if (both)
            foreach (var item in model["facts"]!["items"]!.AsArray()) iq["facts"]!["items"]!.AsArray().Add(item!.DeepClone());
        File.WriteAllText(Path.Combine(bundle, "attestations.json"), iq.ToJsonString());
        return bundle;
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>One command audits a device against the IQ checklist (000) and the pre-trained model checklist (001) over one
/// bundle: each keeps its own score and verdict, the results hold both (iq.results/2), the scorecard gives the 001 part its
/// own sheets and charts, and the exit code follows the worst verdict.</summary>
public class SeveralChecklistsTests(TwoChecklistBundles bundles) : IClassFixture<TwoChecklistBundles>
{
    public static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");
    static string Iq => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    static (CliRunner.Run Run, JsonObject? Json) Audit(TempDir dir, string[] checklists, string bundle, params string[] extra)
    {
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess(["audit", .. checklists, "--facts", bundle, "--json", json, "--as-of", "2026-11-22", .. extra]);
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
        Assert.Equal("iq.results/2", (string)json!["schema"]!);
        Assert.Equal("pass", (string)json["verdict"]!);
        var audits = json["audits"]!.AsArray();
        Assert.Equal(["gbt-aimd-iq", "gbt-aimd-ptm"], audits.Select(a => (string)a!["checklist"]!["id"]!));
        foreach (var a in audits)
        {
            Assert.Equal("iq.results/1", (string)a!["schema"]!);
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
    public void The_scorecard_gives_the_001_part_its_own_sheets_and_charts_of_the_measurements()
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
            "gbt-aimd-ptm 图表", "人工评审", "C.7 附件"], x.SheetNames);

        // The 001 sheets hold exactly the 001 rows, in order, with the JSON's outcomes.
        var ptm = json!["audits"]![1]!;
        var rows = x.SheetNames.Where(n => n.StartsWith("gbt-aimd-ptm 6.", StringComparison.Ordinal)).SelectMany(n => x.Rows(n).Skip(1)).ToList();
        Assert.Equal(Items(ptm).Select(i => (string)i["id"]!), rows.Select(r => r[0]));
        var zh = new Dictionary<string, string> { ["pass"] = "通过", ["notapplicable"] = "不适用", ["informational"] = "资料性" };
        Assert.Equal(Items(ptm).Select(i => zh[(string)i["outcome"]!]), rows.Select(r => r[6]));

        var c1 = x.Rows("C.1 基本信息");
        Assert.Contains(c1, r => r.Length > 1 && r[0] == "评估结论" && r[1] == "通过（gbt-aimd-iq：通过；gbt-aimd-ptm：通过）");
        Assert.Equal(2, c1.Count(r => r.Length > 1 && r[0] == "检查单"));
        var summary = x.Rows("汇总");
        Assert.Contains(summary, r => r.Length > 1 && r[0] == "总结论" && r[1] == "通过 — gbt-aimd-iq：通过；gbt-aimd-ptm：通过");
        Assert.Equal(2, summary.Count(r => r.Length > 1 && r[0] == "结论"));
        // Judgments of both checklists on one manual-review sheet (it is read back by item id).
        var manual = x.Rows("人工评审").Skip(1).Select(r => r[0]).ToList();
        Assert.Contains("6.1.1a.hardening", manual);
        Assert.Contains("6.3.9.review", manual);

        // The charts: what they plot is what iq model measured, read from its document, not from the report code.
        var measured = JsonNode.Parse(File.ReadAllText(Path.Combine(bundles.Truthful, "model_measurements.json")))!["facts"]!;
        var charts = x.Charts("gbt-aimd-ptm 图表");
        var perturbations = measured["robustness"]!["perturbations"]!.AsArray().Select(p => (string)p!["name"]!).Distinct().ToList();
        Assert.Equal(perturbations.Count + 1, charts.Count);
        foreach (var (chart, i) in charts.Select((c, i) => (c, i)))
        {
            var series = chart.Descendants<C.ScatterChartSeries>().ToList();
            Assert.NotEmpty(series);
            foreach (var s in series)
            {
                var xs = Cells(x, s.GetFirstChild<C.XValues>()!.Descendants<C.Formula>().Single().Text);
                var ys = Cells(x, s.GetFirstChild<C.YValues>()!.Descendants<C.Formula>().Single().Text);
                var name = x.Value("gbt-aimd-ptm 图表", s.Descendants<C.Formula>().First().Text.Split('!')[1].Replace("$", ""))!;
                var expected = i < perturbations.Count
                    ? measured["robustness"]!["perturbations"]!.AsArray().Where(p => (string)p!["name"]! == name).Select(p => ((double)p!["level"]!, (double)p["metric"]!))
                        .Append((name is "contrast" or "box_blur" ? 1d : 0d, (double)measured["robustness"]!["clean_metric"]!)).Distinct()
                    : measured["adversarial"]!["results"]!.AsArray().Where(r => (string)r!["attack"]! == name).Select(r => ((double)r!["epsilon"]!, (double)r["robust_accuracy"]!));
                var plotted = xs.Zip(ys).Where(p => p.Second is not null).Select(p => (p.First!.Value, p.Second!.Value));
                Assert.Equal(expected.OrderBy(p => p.Item1), plotted.OrderBy(p => p.Item1));
            }
        }
        Assert.Equal(["random_search", "simba"], charts[^1].Descendants<C.ScatterChartSeries>()
            .Select(s => x.Value("gbt-aimd-ptm 图表", s.Descendants<C.Formula>().First().Text.Split('!')[1].Replace("$", ""))));
    }

    [Fact]
    public void The_001_checklist_alone_has_its_chapter_6_sheets_not_the_annex_c_names_of_iq()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "model");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(bundles.Truthful, "model*.json")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        File.Copy(Path.Combine(ModelCases.Sample, "attestations.json"), Path.Combine(bundle, "attestations.json"));
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var (run, json) = Audit(dir, [ModelCases.Checklist], bundle, "--xlsx", xlsx);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("iq.results/1", (string)json!["schema"]!);
        Assert.Equal(5, json["charts"]!.AsArray().Count);
        using var x = new XlsxReader(xlsx);
        Assert.Equal(["C.1 基本信息", "汇总", "6.1 通则：评价对象", "6.2 预训练模型说明评价（完整性、准确性）", "6.3.1 可训练性评价", "6.3.2 架构可扩展性评价",
            "6.3.3 可迁移性评价", "6.3.4 模型效率评价", "6.3.5 输出重复性评价", "6.3.6 健壮性评价", "6.3.7 泛化性评价", "6.3.8 对抗安全评价", "6.3.9 隐私保护评价",
            "图表", "人工评审", "C.7 附件"], x.SheetNames);
        Assert.Equal(5, x.Charts("图表").Count);
    }

    /// <summary>The numbers in a range such as <c>'sheet'!$A$3:$A$6</c>; null for an empty cell.</summary>
    static List<double?> Cells(XlsxReader x, string formula)
    {
        var sheet = formula[..formula.LastIndexOf('!')].Trim('\'').Replace("''", "'");
        var range = formula[(formula.LastIndexOf('!') + 1)..].Replace("$", "").Split(':');
        var column = new string(range[0].TakeWhile(char.IsLetter).ToArray());
        var (first, last) = (int.Parse(range[0][column.Length..]), int.Parse(range[1][column.Length..]));
        return Enumerable.Range(first, last - first + 1)
            .Select(r => x.Value(sheet, $"{column}{r}") is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : (double?)null).ToList();
    }

    [Fact]
    public void Each_part_is_exactly_the_results_its_checklist_gives_alone_and_the_worst_verdict_sets_the_exit_code()
    {
        using var dir = new TempDir();
        var (alone, single) = Audit(dir, [Iq], bundles.IqJudgmentsOnly);
        Assert.True(alone.ExitCode == 0, alone.Stderr);
        Assert.Equal("iq.results/1", (string)single!["schema"]!);
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
        File.WriteAllText(judgments, "- item: 6.3.9.reveiw\n  status: pass\n  assessor: A\n  date: 2026-11-30\n  justification: j\n  evidence: e\n");
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
            AsOf = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
        };
        var result = AuditPipeline.Run(request);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.Reports.Count);
        Assert.Equal(2, result.Checklists.Count);
        Assert.Same(result.Reports[0], result.Report);
        Assert.Equal(Verdict.Pass, result.Verdict);
        // The same inputs, hashed once, behind both parts; charts only where the checklist reads the measurements.
        Assert.Equal(result.Reports[0].Inputs, result.Reports[1].Inputs);
        Assert.Empty(result.Reports[0].Charts);
        Assert.Equal(5, result.Reports[1].Charts.Count);

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

    [SkippableFact]
    public void Openpyxl_and_LibreOffice_read_the_charts()
    {
        var soffice = new[] { "/usr/bin/libreoffice", "/usr/bin/soffice" }.FirstOrDefault(File.Exists);
        var openpyxl = File.Exists("/usr/bin/python3") && ModelCases.Run("/usr/bin/python3", ["-c", "import openpyxl"], out _) == 0;
        if ((soffice is null || !openpyxl || !File.Exists("/usr/bin/pdftotext")) && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("LibreOffice, poppler-utils and python3-openpyxl are needed (.ci/run installs them)");
        Skip.If(soffice is null || !openpyxl || !File.Exists("/usr/bin/pdftotext"),
            "LibreOffice, poppler-utils or python3-openpyxl is not installed; the independent reading of the charts is skipped");
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var (run, _) = Audit(dir, [Iq, ModelCases.Checklist], bundles.Truthful, "--xlsx", xlsx, "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Stderr);

        // openpyxl: each chart is a scatter chart whose series read the sheet's cells.
        const string script = """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["gbt-aimd-ptm Charts"]
            for c in ws._charts:
                print(c.tagname, ";".join(s.xVal.numRef.f + "|" + s.yVal.numRef.f for s in c.series))
            """;
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", ["-c", script, xlsx], out var listed));
        var lines = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("scatterChart 'gbt-aimd-ptm Charts'!$A$", l));

        // LibreOffice draws them: each chart's title is printed above its table and again in the chart (a chart near a page
        // break may be emitted, clipped, on both pages: at least twice).
        var psi = new ProcessStartInfo(soffice!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", $"-env:UserInstallation=file://{dir.Path}/lo-profile", "--convert-to", "pdf", "--outdir", dir.Path, xlsx })
            psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(180_000), "LibreOffice did not finish");
        }
        Assert.Equal(0, ModelCases.Run("/usr/bin/pdftotext", [Path.Combine(dir.Path, "card.pdf"), "-"], out var text));
        foreach (var title in new[] { "6.3.6 robustness: contrast", "6.3.6 robustness: Gaussian noise", "6.3.8 adversarial security: accuracy under attack" })
            Assert.True(text.Split(title).Length - 1 >= 2, $"'{title}' appears {text.Split(title).Length - 1} time(s) in the PDF");
    }
}
