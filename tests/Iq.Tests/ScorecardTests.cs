using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Iq.Tests;

/// <summary>The Excel scorecard, the manual-review round trip, waivers and JUnit, each read back independently.</summary>
public class ScorecardTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    static (string Xlsx, JsonElement Json, CliRunner.Run Run) Audit(TempDir dir, string sample, params string[] extra)
    {
        var xlsx = Path.Combine(dir.Path, "scorecard.xlsx");
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess(["audit", Checklist, "--facts", Sample(sample), "--xlsx", xlsx, "--json", json, "--as-of", "2026-11-22", .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        return (xlsx, JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.Clone(), run);
    }

    static readonly Dictionary<string, string> ZhOutcomes = new()
    {
        ["pass"] = "通过", ["fail"] = "不通过", ["error"] = "错误", ["notapplicable"] = "不适用", ["notchecked"] = "待评审",
        ["informational"] = "资料性", ["waived"] = "豁免", ["notselected"] = "未选",
    };

    static readonly Dictionary<string, string> ZhProvenance = new() { ["measured"] = "实测", ["imported"] = "导入", ["reviewed"] = "评审", ["declared"] = "声明" };

    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void Scorecard_has_the_annex_c_sheets_and_one_row_per_item_equal_to_the_json(string sample)
    {
        using var dir = new TempDir();
        var (xlsx, json, _) = Audit(dir, sample);
        using var x = new XlsxReader(xlsx);
        Assert.Equal(["C.1 基本信息", "汇总", "6.1 安装验证资源符合性评价", "C.2 安装安全性评价", "C.3 安装可靠性评价", "C.4 性能表现评估",
            "C.5 日志与监控审计", "C.6 版本一致性", "人工评审", "C.7 附件"], x.SheetNames);

        var itemSheets = x.SheetNames.Skip(2).Take(6).ToList();
        var rows = itemSheets.SelectMany(s =>
        {
            var r = x.Rows(s);
            Assert.Equal(["编号", "条款", "要求", "级别", "方法", "权重", "结果", "得分", "实际值", "期望值", "说明", "整改建议", "证据来源", "证据性质", "依据的事实及来源"], r[0]);
            return r.Skip(1);
        }).ToList();
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, rows.Count);
        foreach (var (row, item) in rows.Zip(items))
        {
            Assert.Equal(item.GetProperty("id").GetString(), row[0]);
            Assert.Equal(ZhOutcomes[item.GetProperty("outcome").GetString()!], row[6]);
            // A row that is not counted (not applicable, waived, to judge …) says so instead of showing a score of 0.
            if (item.GetProperty("counted").GetBoolean()) Assert.Equal(item.GetProperty("score").GetDouble(), double.Parse(row[7], CultureInfo.InvariantCulture), 4);
            else Assert.Equal("不计分", row[7]);
            // Every row shows the provenance of the facts it rests on, as the results file records it.
            var provenance = item.GetProperty("provenance");
            var words = provenance.GetProperty("kinds").EnumerateArray().Select(k => ZhProvenance[k.GetString()!]);
            var shown = provenance.GetProperty("declared_only").GetBoolean() ? "仅声明（未经实测）" : string.Join("、", words);
            Assert.Equal(shown, (row.Length > 13 ? row[13] : "").Split('\n')[0]);
        }
        // Passing rows carry provenance too: measured facts back the compliant sample's passes.
        Assert.Contains(rows.Zip(items), p => p.Second.GetProperty("outcome").GetString() == "pass" && p.First[13].StartsWith("实测", StringComparison.Ordinal));

        var summary = x.Rows("汇总");
        Assert.Equal("6.1", summary[1][0]);
        var verdict = json.GetProperty("verdict").GetString() == "pass" ? "通过" : "不通过";
        Assert.Contains(summary, r => r.Length > 1 && r[0] == "结论" && r[1].StartsWith(verdict + " — ", StringComparison.Ordinal));
        var declaredOnly = json.GetProperty("declared_only").EnumerateObject().Sum(o => o.Value.GetInt32());
        Assert.Contains(summary, r => r.Length > 1 && r[0] == "仅凭声明" && r[1].StartsWith($"{declaredOnly} 个自动项仅依据厂商声明的事实判定", StringComparison.Ordinal));
        Assert.Contains(summary, r => r.Length > 1 && r[0] == "评分公式" && r[1].StartsWith("weighted（加权）：章节得分 = 100 × Σ(wᵢ·sᵢ) / Σ(wᵢ)", StringComparison.Ordinal));
        var c1 = x.Rows("C.1 基本信息");
        Assert.Contains(c1, r => r.Length > 1 && r[0] == "评估结论" && r[1].StartsWith(verdict + "（总分 ", StringComparison.Ordinal));
        var attachments = x.Rows("C.7 附件");
        // the checklist, the inputs, every param, the tool
        Assert.Equal(json.GetProperty("inputs").GetArrayLength() + 1 + json.GetProperty("parameters").EnumerateObject().Count() + 1, attachments.Count - 1);
        Assert.Contains(attachments, r => r.Length > 2 && r[2] == json.GetProperty("checklist").GetProperty("sha256").GetString());
    }

    /// <summary>Issue 13: a pass is earned by evidence, so passing rows show what was compared — in the results JSON (with
    /// the operator and whether each part held) and in the scorecard's actual and expected columns.</summary>
    [Fact]
    public void Passing_rows_show_what_was_compared_in_the_json_and_the_scorecard()
    {
        using var dir = new TempDir();
        var (xlsx, json, _) = Audit(dir, "compliant");
        using var x = new XlsxReader(xlsx);
        var rows = x.SheetNames.Skip(2).Take(6).SelectMany(s => x.Rows(s).Skip(1)).GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First());
        var passing = json.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("outcome").GetString() == "pass" && i.GetProperty("method").GetString() == "automatic").ToList();
        var withEvidence = passing.Where(i => i.GetProperty("evidence").GetArrayLength() > 0).ToList();
        Assert.True(withEvidence.Count > 40, $"{withEvidence.Count} of {passing.Count} passing rows carry evidence");
        var comparisons = 0;
        foreach (var item in withEvidence)
        {
            var evidence = item.GetProperty("evidence").EnumerateArray().ToList();
            var row = rows[item.GetProperty("id").GetString()!];
            // The scorecard is in Chinese: iq's own words in the evidence (actual_words, expected_words) in Chinese, the
            // values as the results hold them; evidence without such words exactly as the English text.
            Assert.Equal(string.Join("\n", evidence.Select(e => $"{e.GetProperty("expression").GetString()}: {Zh(e, "actual")}")), row[8]);
            // A part that did not decide the pass (the unused side of an or) says so after its expected side.
            Assert.Equal(string.Join("\n", evidence.Select(e => Zh(e, "expected")
                + (e.TryGetProperty("decides", out var d) && d.ValueKind == JsonValueKind.False ? "（未决定结果：条件的另一部分已决定）" : ""))), row[9]);
            // Each part that decided the pass held; a part that did not (one side of an `or`) is shown as such.
            Assert.Contains(evidence, e => e.GetProperty("holds").ValueKind == JsonValueKind.True);
            foreach (var e in evidence.Where(e => e.TryGetProperty("operator", out var op) && op.GetString() is "==" or "!=" or "<" or "<=" or ">" or ">="))
            {
                Assert.StartsWith(e.GetProperty("operator").GetString() + " ", e.GetProperty("expected").GetString());
                comparisons++;
            }
        }
        Assert.True(comparisons > 40, $"{comparisons} comparisons on passing rows");
    }

    /// <summary>A piece of evidence's text in Chinese, from its English text and its words as the results file stores them.</summary>
    static string Zh(JsonElement e, string side)
    {
        var text = e.GetProperty(side).GetString()!;
        if (!e.TryGetProperty(side + "_words", out var words)) return text;
        var zh = Iq.Scoring.Reports.ReasonJson.ReadWords(words, "$", (p, m) => new InvalidOperationException(p))!.Render(Iq.Rules.Messages.Lang.Zh);
        Assert.NotEqual(text, zh);
        return zh;
    }

    [Fact]
    public void Headers_are_frozen_filtered_and_outcomes_coloured()
    {
        using var dir = new TempDir();
        var (xlsx, _, _) = Audit(dir, "failing");
        using var x = new XlsxReader(xlsx);
        foreach (var name in x.SheetNames)
        {
            var ws = x.Sheet(name);
            var pane = ws.Descendants<Pane>().SingleOrDefault();
            Assert.True(pane is not null && (pane.State?.Value == PaneStateValues.Frozen || pane.State?.Value == PaneStateValues.FrozenSplit) && pane.VerticalSplit?.Value == 1, $"{name}: header not frozen");
            Assert.NotEmpty(ws.Descendants<Column>());
            Assert.NotNull(ws.Descendants<PageSetup>().SingleOrDefault());
        }
        Assert.NotNull(x.Sheet("6.1 安装验证资源符合性评价").Descendants<AutoFilter>().SingleOrDefault());
        var validation = Assert.Single(x.Sheet("人工评审").Descendants<DataValidation>());
        Assert.Equal("\"通过,不通过,不适用\"", validation.Formula1!.Text);
        // Outcome cells of different outcomes carry different fills.
        var styles = x.Cells("6.1 安装验证资源符合性评价").Where(c => c.CellReference!.Value!.StartsWith('G')).Select(c => c.StyleIndex?.Value).Distinct();
        Assert.True(styles.Count() >= 3);
    }

    [Fact]
    public void Text_from_facts_is_stored_as_text_never_a_formula()
    {
        using var dir = new TempDir();
        var facts = Path.Combine(dir.Path, "facts");
        Directory.CreateDirectory(facts);
        File.WriteAllText(Path.Combine(facts, "custom.json"),
            "{\"kind\":\"custom\",\"schema\":1,\"facts\":{\"names\":[\"=HYPERLINK(\\\"http://example.com\\\",\\\"x\\\")\",\"00123\",\"2026-01-01\",\"TRUE\",\"+1\"]}}");
        var checklist = Path.Combine(dir.Path, "t.iq");
        File.WriteAllText(checklist, "checklist \"t\" { }\nsection \"S\" \"s\" {\n  item \"{n}\" foreach n in custom.names \"{n}\" { expect len(n) > 100 }\n}\n");
        var xlsx = Path.Combine(dir.Path, "s.xlsx");
        Assert.Equal(1, CliRunner.InProcess("audit", checklist, "--facts", facts, "--xlsx", xlsx).ExitCode);
        using var x = new XlsxReader(xlsx);
        var cells = x.Cells("S s").Where(c => c.CellReference!.Value!.StartsWith('A') && c.CellReference.Value != "A1").ToList();
        Assert.Equal(["=HYPERLINK(\"http://example.com\",\"x\")", "00123", "2026-01-01", "TRUE", "+1"], cells.Select(x.Text));
        Assert.All(cells, c => Assert.Null(c.CellFormula));
        Assert.All(cells, c => Assert.True(c.DataType?.Value is CellValues.SharedString or CellValues.InlineString or CellValues.String));
        Assert.Empty(x.Sheet("S s").Descendants<CellFormula>());
    }

    [Fact]
    public void Report_information_from_a_file_and_the_command_line()
    {
        using var dir = new TempDir();
        var info = Path.Combine(dir.Path, "c1.json");
        File.WriteAllText(info, "{\"report_no\": \"EVAL-2026-031\", \"place\": \"某三甲医院信息中心\", \"assessors\": \"周静（第三方检测机构）\"}");
        var (xlsx, _, _) = Audit(dir, "compliant", "--report-info", info, "--report", "place=影像科机房", "--report", "sign_date=2026-11-22");
        using var x = new XlsxReader(xlsx);
        var c1 = x.Rows("C.1 基本信息").Where(r => r.Length > 1).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("EVAL-2026-031", c1["报告编号"]);
        Assert.Equal("影像科机房", c1["评估地点"]);
        Assert.Equal("周静（第三方检测机构）", c1["评估人员"]);
        Assert.Equal("2026-11-22", c1["签发日期"]);
        Assert.Matches(@"^通过（总分 [0-9.]+，通过分数线 80）：总分 [0-9.]+ 达到通过分数线 80$", c1["评估结论"]);
        Assert.Equal("肺结节辅助检测软件（版本 3.2.1；型号 LN-AID-300；制造商 示例医疗科技有限公司）", c1["评估对象"]);
        Assert.Equal("2026-11-22（评价基准日）", c1["评估时间"]);
        var bad = CliRunner.InProcess("audit", Checklist, "--facts", Sample("compliant"), "--report", "colour=blue");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("iq: error IQ6003: --report needs FIELD=VALUE (report_no, ", bad.Stderr);
    }

    [Fact]
    public void English_headings_with_lang_en()
    {
        using var dir = new TempDir();
        var (xlsx, _, _) = Audit(dir, "compliant", "--lang", "en");
        using var x = new XlsxReader(xlsx);
        Assert.Equal("C.1 Report information", x.SheetNames[0]);
        Assert.Equal("Manual review", x.SheetNames[^2]);
        Assert.Equal("pass", x.Rows("6.1 安装验证资源符合性评价")[1][6]);
    }

    [Fact]
    public void Manual_template_filled_in_and_read_back_judges_the_manual_items()
    {
        using var dir = new TempDir();
        var template = Path.Combine(dir.Path, "manual.xlsx");
        var run = CliRunner.InProcess("manual-template", Checklist, "-o", template);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"32 manual items written to {template}\n", run.Stdout);
        using (var wb = new XLWorkbook(template))
        {
            var ws = wb.Worksheet("人工评审");
            Assert.Equal(33, ws.LastRowUsed()!.RowNumber());
            for (var row = 2; row <= 33; row++)
            {
                ws.Cell(row, 6).Value = ws.Cell(row, 1).GetString() == "6.2.1c.app-auth" ? "不通过" : "pass";
                ws.Cell(row, 7).Value = "周静";
                ws.Cell(row, 8).Value = new DateTime(2026, 11, 21);
                ws.Cell(row, 9).Value = "现场核查";
            }
            wb.Save();
        }
        // The compliant sample without its own attestations document: judgments come from the workbook alone.
        var facts = IqSamples.FactsWithoutAttestations(dir);
        var json = Path.Combine(dir.Path, "r.json");
        var audit = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--attestations", template, "--json", json);
        Assert.Equal("", audit.Stderr);
        Assert.Equal(1, audit.ExitCode);
        var items = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray().ToList();
        var transport = items.Single(i => i.GetProperty("id").GetString() == "6.2.1c.app-auth");
        Assert.Equal("fail", transport.GetProperty("outcome").GetString());
        Assert.Equal("attested fail by 周静 on 2026-11-21: 现场核查", transport.GetProperty("message").GetString());
        Assert.DoesNotContain(items, i => i.GetProperty("outcome").GetString() == "notchecked");
        Assert.Contains("veto: 1 shall item(s) failed or errored (6.2.1c.app-auth)", audit.Stdout);
    }

    [Fact]
    public void A_bad_status_in_the_workbook_is_reported_with_its_cell()
    {
        using var dir = new TempDir();
        var template = Path.Combine(dir.Path, "manual.xlsx");
        CliRunner.InProcess("manual-template", Checklist, "-o", template);
        using (var wb = new XLWorkbook(template))
        {
            wb.Worksheet("人工评审").Cell(4, 6).Value = "maybe";
            wb.Save();
        }
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Sample("compliant"), "--attestations", template);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{template}:4:6: error IQ2018: Status must be pass, fail or notapplicable (or 通过, 不通过, 不适用), got 'maybe' (sheet '人工评审', cell F4)\n", run.Stderr);
    }

    [Fact]
    public void Waivers_from_yaml_and_csv()
    {
        using var dir = new TempDir();
        var yaml = Path.Combine(dir.Path, "waivers.yaml");
        File.WriteAllText(yaml, "waivers:\n  - item: 6.1.1a.sw[Docker]\n    justification: Docker 24 is scheduled for the next maintenance window\n" +
                                "    approved_by: 陈敏\n    expires: 2027-03-31\n  - item: 6.1.1b.stage[f]\n    justification: old\n    approved_by: 陈敏\n    expires: 2025-01-01\n");
        var csv = Path.Combine(dir.Path, "waivers.csv");
        File.WriteAllText(csv, "item,justification,approved_by,expires\n6.1.2b.raci,\"two A's agreed, see minutes 2026-11-19\",王磊,2027-01-31\n");
        var (_, json, run) = Audit(dir, "failing", "--waivers", yaml, "--waivers", csv);
        Assert.Equal($"{yaml}:6:5: warning IQ2018: Waiver for '6.1.1b.stage[f]' expired on 2025-01-01; ignored\n", run.Stderr);
        var items = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i);
        Assert.Equal("waived", items["6.1.1a.sw[Docker]"].GetProperty("outcome").GetString());
        Assert.StartsWith("waived by 陈敏 until 2027-03-31: Docker 24 is scheduled", items["6.1.1a.sw[Docker]"].GetProperty("message").GetString());
        Assert.Equal("waived", items["6.1.2b.raci[测试验证]"].GetProperty("outcome").GetString());
        Assert.Equal("pass", items["6.1.2b.raci[环境准备]"].GetProperty("outcome").GetString());
        Assert.Equal("fail", items["6.1.1b.stage[f]"].GetProperty("outcome").GetString());
        Assert.Equal(2, json.GetProperty("inputs").EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "waivers"));
    }

    [Fact]
    public void A_waiver_for_an_unknown_item_is_an_error_with_its_line()
    {
        using var dir = new TempDir();
        var yaml = Path.Combine(dir.Path, "w.yaml");
        File.WriteAllText(yaml, "- item: 6.1.1a.cpu\n  justification: x\n  approved_by: y\n  expires: 2030-01-01\n- item: 6.1.1a.cpuu\n  justification: x\n  approved_by: y\n  expires: 2030-01-01\n");
        // As of the sample's day: after 2030-01-01 the known item's waiver would add an "expired" warning.
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Sample("failing"), "--waivers", yaml, "--as-of", "2026-11-22");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{yaml}:5:3: error IQ3003: Waiver for unknown item '6.1.1a.cpuu'; did you mean '6.1.1a.cpu'?\n", run.Stderr);
    }

    [Fact]
    public void Junit_has_a_case_per_row_with_failures_carrying_actual_and_expected()
    {
        using var dir = new TempDir();
        var junit = Path.Combine(dir.Path, "junit.xml");
        var (_, json, _) = Audit(dir, "failing", "--junit", junit);
        var doc = XDocument.Load(junit);
        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(json.GetProperty("items").GetArrayLength(), cases.Count);
        // As many failures as the hand-checked expected.txt lists failing rows (its last line is the verdict).
        var failingRows = File.ReadLines(Path.Combine(Sample("failing"), "expected.txt"))
            .Count(l => l.Contains('⇶') && !l.StartsWith("verdict ", StringComparison.Ordinal) && l.EndsWith(" fail", StringComparison.Ordinal));
        Assert.True(failingRows > 0, "no failing row in the failing sample's expected.txt");
        Assert.Equal(failingRows.ToString(System.Globalization.CultureInfo.InvariantCulture), doc.Root!.Attribute("failures")!.Value);
        var docker = cases.Single(c => c.Attribute("name")!.Value.StartsWith("6.1.1a.sw[Docker] ", StringComparison.Ordinal));
        Assert.Contains("actual 19.03.15, expected >= 20.10", docker.Element("failure")!.Value);
    }
}
