using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Spreadsheet;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;
using Iq.Scoring.Text;

namespace Iq.Tests;

/// <summary>The two samples audited once, with every report, for the report tests to read.</summary>
public sealed class SampleReports : IDisposable
{
    readonly TempDir _dir = new();
    public string Dir => _dir.Path;
    public static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    public static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    public SampleReports()
    {
        foreach (var s in new[] { "compliant", "failing" })
        {
            var run = CliRunner.InProcess(["audit", Checklist, "--facts", Sample(s), "--as-of", "2026-11-22",
                "--report", "report_no=EVAL-2026-031", "--report", "place=某三甲医院影像科机房", "--report", "assessors=周静（检测工程师）",
                .. Outputs(s)]);
            Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        }
    }

    public string[] Outputs(string sample, string suffix = "") =>
    [
        "--json", File(sample, suffix + "json"), "--xlsx", File(sample, suffix + "xlsx"), "--html", File(sample, suffix + "html"),
        "--junit", File(sample, suffix + "junit.xml"),
    ];

    public string File(string sample, string ext) => Path.Combine(Dir, $"{sample}.{ext}");

    public void Dispose() => _dir.Dispose();
}

/// <summary>Reports a lab hands over: the finished Annex C workbook, re-rendering from results alone, diffs, archives,
/// the results schema. Workbooks are read back with the Open XML SDK and converted by LibreOffice; nothing compares our
/// output with our own expectations of it alone.</summary>
public class ReportTests(SampleReports samples) : IClassFixture<SampleReports>
{
    static readonly Regex Placeholder = new(@"\{[A-Za-z_][A-Za-z0-9_.]*\}");

    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void Iq_report_rerenders_byte_identical_reports_from_the_results_alone(string sample)
    {
        var run = CliRunner.InProcess(["report", samples.File(sample, "json"), .. samples.Outputs(sample, "again.")]);
        Assert.True(run.ExitCode == (sample == "compliant" ? 0 : 1), run.Stderr);
        foreach (var ext in new[] { "json", "xlsx", "html", "junit.xml" })
            Assert.True(File.ReadAllBytes(samples.File(sample, ext)).AsSpan().SequenceEqual(File.ReadAllBytes(samples.File(sample, "again." + ext))),
                $"{sample}.{ext} re-rendered from the results differs from the audit's");
        // The same bytes again from a copy of the results (and its seal) elsewhere: nothing is read but the results file
        // and its seal.
        using var dir = new TempDir();
        var copy = Path.Combine(dir.Path, Path.GetFileName(samples.File(sample, "json")));
        File.Copy(samples.File(sample, "json"), copy);
        File.Copy(samples.File(sample, "json") + ".seal", copy + ".seal");
        Assert.True(CliRunner.InProcess("report", copy, "--xlsx", Path.Combine(dir.Path, "x.xlsx")).ExitCode is 0 or 1);
        Assert.Equal(File.ReadAllBytes(samples.File(sample, "xlsx")), File.ReadAllBytes(Path.Combine(dir.Path, "x.xlsx")));
        // Without its seal the copy renders the same rows, but the header says no seal shows it is the file iq wrote.
        File.Delete(copy + ".seal");
        Assert.True(CliRunner.InProcess("report", copy, "--xlsx", Path.Combine(dir.Path, "y.xlsx")).ExitCode is 0 or 1);
        Assert.NotEqual(File.ReadAllBytes(samples.File(sample, "xlsx")), File.ReadAllBytes(Path.Combine(dir.Path, "y.xlsx")));
        Assert.Equal(WithoutSource(samples.File(sample, "xlsx")), WithoutSource(Path.Combine(dir.Path, "y.xlsx")));
    }

    /// <summary>Every sheet's cells as text, but for the C.1 row saying what the workbook was rendered from.</summary>
    static List<string> WithoutSource(string xlsx)
    {
        using var x = new XlsxReader(xlsx);
        return x.SheetNames.SelectMany(n => x.Rows(n).Where(r => r.Length == 0 || r[0] is not ("报告依据" or "Rendered from"))
            .Select(r => n + "|" + string.Join("|", r))).ToList();
    }

    [Fact]
    public void A_results_file_read_back_writes_the_same_bytes()
    {
        foreach (var sample in new[] { "compliant", "failing" })
        {
            var bytes = File.ReadAllBytes(samples.File(sample, "json"));
            var diagnostics = new DiagnosticBag();
            var doc = ResultsJson.Read(bytes, "r.json", diagnostics);
            Assert.NotNull(doc);
            Assert.Equal(bytes, ResultsJson.Bytes(doc!));
        }
    }

    [Fact]
    public void Every_cell_of_every_sheet_is_expanded_and_in_the_reports_language()
    {
        using var dir = new TempDir();
        var en = Path.Combine(dir.Path, "en.xlsx");
        Assert.True(CliRunner.InProcess("report", samples.File("failing", "json"), "--xlsx", en, "--lang", "en").ExitCode == 1);
        foreach (var file in new[] { samples.File("failing", "xlsx"), samples.File("compliant", "xlsx"), en })
        {
            using var x = new XlsxReader(file);
            var cells = 0;
            foreach (var sheet in x.SheetNames)
                foreach (var cell in x.Cells(sheet))
                {
                    var text = x.Text(cell);
                    Assert.False(Placeholder.IsMatch(text), $"{Path.GetFileName(file)} '{sheet}'!{cell.CellReference}: unexpanded placeholder in '{text}'");
                    cells++;
                }
            Assert.True(cells > 1000, $"only {cells} cells read");
        }
        using (var x = new XlsxReader(en))
        {
            // English labels, outcomes, levels, reasons: the checklist's own titles stay as its author wrote them.
            var rows = x.Rows("6.1 安装验证资源符合性评价");
            Assert.Equal(["Id", "Clause", "Requirement", "Level", "Method", "Weight", "Outcome", "Score", "Actual", "Expected", "Message", "Remediation", "Source of evidence", "Provenance", "Facts read and where they came from"], rows[0]);
            var docker = rows.Single(r => r.Length > 0 && r[0] == "6.1.1a.sw[Docker]");
            Assert.Equal(["shall", "automatic", "fail"], new[] { docker[3], docker[4], docker[6] });
            Assert.StartsWith("software[s.name].version >= s.min_version: actual 19.03.15, expected >= 20.10", docker[10]);
            var c1 = x.Rows("C.1 Report information").Where(r => r.Length > 1).ToDictionary(r => r[0], r => r[1]);
            Assert.Equal("not filled", c1["Signer"]);
            Assert.StartsWith("fail (score ", c1["Conclusion"]);
            Assert.DoesNotMatch(@"[\u4e00-\u9fff]", string.Join("", x.Rows("Summary").Skip(0).Take(1).SelectMany(r => r)));
        }
        using (var x = new XlsxReader(samples.File("failing", "xlsx")))
        {
            var docker = x.Rows("6.1 安装验证资源符合性评价").Single(r => r.Length > 0 && r[0] == "6.1.1a.sw[Docker]");
            Assert.Equal(["应", "自动", "不通过"], new[] { docker[3], docker[4], docker[6] });
            Assert.StartsWith("software[s.name].version >= s.min_version：实际 19.03.15，期望 >= 20.10", docker[10]);
            var na = x.SheetNames.Where(n => n.StartsWith("C.") || n.StartsWith("6.")).SelectMany(x.Rows).First(r => r.Length > 10 && r[6] == "不适用");
            Assert.Equal("不计分", na[7]);
            Assert.StartsWith("不适用：", na[10]);
        }
    }

    [Fact]
    public void C1_carries_the_device_from_the_plan_and_marks_missing_fields_red_with_a_signature_block()
    {
        using var x = new XlsxReader(samples.File("failing", "xlsx"));
        var rows = x.Rows("C.1 基本信息");
        var c1 = rows.Where(r => r.Length > 1).GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        Assert.Equal("EVAL-2026-031", c1["报告编号"]);
        Assert.Equal("肺结节辅助检测软件（版本 3.2.1；型号 LN-AID-300；制造商 示例医疗科技有限公司）", c1["评估对象"]);
        Assert.Equal("2026-11-22（评价基准日）", c1["评估时间"]);
        Assert.Equal("某三甲医院影像科机房", c1["评估地点"]);
        Assert.StartsWith("不通过（总分 ", c1["评估结论"]);
        Assert.Equal("未填写", c1["签发人"]);
        Assert.Equal("未填写", c1["签发日期"]);
        foreach (var label in new[] { "评估人员（签字）", "审核人（签字）", "签发人（签字）", "检测机构（盖章）" })
            Assert.Contains(rows, r => r.Length > 0 && r[0] == label);
        // The not-filled cells are red: their style's font colour is FFFF0000.
        var sheet = x.Sheet("C.1 基本信息");
        var signer = sheet.Descendants<Cell>().Single(c => c.CellReference!.Value == $"B{rows.FindIndex(r => r.Length > 0 && r[0] == "签发人") + 1}");
        var doc = sheet.WorksheetPart!.OpenXmlPackage as DocumentFormat.OpenXml.Packaging.SpreadsheetDocument;
        var styles = doc!.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)signer.StyleIndex!.Value);
        var font = styles.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
        Assert.Equal("FFFF0000", font.Color!.Rgb!.Value);
    }

    [Fact]
    public void Every_sheet_prints_alike_a4_landscape_fit_to_width_header_repeated_footer_with_report_number_and_pages_one_font_size()
    {
        using var x = new XlsxReader(samples.File("failing", "xlsx"));
        var sheet0 = x.Sheet(x.SheetNames[0]);
        var doc = (DocumentFormat.OpenXml.Packaging.SpreadsheetDocument)sheet0.WorksheetPart!.OpenXmlPackage;
        var printTitles = doc.WorkbookPart!.Workbook.DefinedNames?.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles").ToList() ?? [];
        Assert.Equal(x.SheetNames.Count, printTitles.Count);
        Assert.All(printTitles, d => Assert.EndsWith("!$1:$1", d.Text));
        foreach (var name in x.SheetNames)
        {
            var ws = x.Sheet(name);
            var setup = ws.Descendants<PageSetup>().Single();
            Assert.Equal(9u, setup.PaperSize!.Value);                  // A4
            Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
            Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u);          // 1 is the default
            Assert.Equal(0u, setup.FitToHeight!.Value);
            Assert.True(ws.Descendants<SheetProperties>().Single().PageSetupProperties!.FitToPage!.Value);
            var footer = ws.Descendants<OddFooter>().Single().Text;
            Assert.Contains("报告编号：EVAL-2026-031", footer);
            Assert.Contains("第 &P 页，共 &N 页", footer);
        }
        var sizes = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().Select(f => f.FontSize!.Val!.Value).Distinct().ToList();
        Assert.Equal([10.0], sizes);
    }

    [Fact]
    public void Waived_rows_show_the_waiver_and_are_not_counted()
    {
        using var dir = new TempDir();
        var yaml = Path.Combine(dir.Path, "waivers.yaml");
        File.WriteAllText(yaml, "waivers:\n  - item: 6.1.1a.sw[Docker]\n    justification: Docker 24 升级排在下一个维护窗口\n    approved_by: 陈敏\n    expires: 2027-03-31\n");
        var xlsx = Path.Combine(dir.Path, "w.xlsx");
        var json = Path.Combine(dir.Path, "w.json");
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", SampleReports.Sample("failing"), "--as-of", "2026-11-22",
            "--waivers", yaml, "--xlsx", xlsx, "--json", json);
        Assert.Equal(1, run.ExitCode);
        using var x = new XlsxReader(xlsx);
        var row = x.Rows("6.1 安装验证资源符合性评价").Single(r => r.Length > 0 && r[0] == "6.1.1a.sw[Docker]");
        Assert.Equal("豁免", row[6]);
        Assert.Equal("不计分", row[7]);
        // The results' message in Chinese (Msg.ReasonWaived, the one declaration of a waived row's words).
        Assert.StartsWith("已由 陈敏 豁免至 2027-03-31：Docker 24 升级排在下一个维护窗口（原为不通过：" +
                     "software[s.name].version >= s.min_version：实际 19.03.15，期望 >= 20.10", row[10]);
        // Excluded from the score as the weighted model says: the section scores as if the row were not there, not as a 0.
        var results = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement;
        var item = results.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "6.1.1a.sw[Docker]");
        Assert.False(item.GetProperty("counted").GetBoolean());
        var before = JsonDocument.Parse(File.ReadAllBytes(samples.File("failing", "json"))).RootElement;
        Assert.True(results.GetProperty("score").GetDouble() > before.GetProperty("score").GetDouble());
        Assert.Single(results.GetProperty("waivers").EnumerateArray());
    }

    [Fact]
    public void Not_selected_items_are_visible_with_their_reason()
    {
        var checklist = Path.Combine(TestPaths.Cases, "tailoring", "hospital.iq");
        using var dir = new TempDir();
        // The sample's judgments are for the IQ checklist's manual items, which this tailored test checklist lacks.
        var facts = IqSamples.FactsWithoutAttestations(dir);
        var xlsx = Path.Combine(dir.Path, "t.xlsx");
        var json = Path.Combine(dir.Path, "t.json");
        var run = CliRunner.InProcess("audit", checklist, "--facts", facts, "--as-of", "2026-11-22", "--xlsx", xlsx, "--json", json);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var disabled = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("outcome").GetString() == "notselected").Select(i => i.GetProperty("id").GetString()).ToHashSet();
        Assert.NotEmpty(disabled);
        using var x = new XlsxReader(xlsx);
        var rows = x.SheetNames.SelectMany(x.Rows).Where(r => r.Length > 10 && disabled.Contains(r[0])).ToList();
        Assert.Equal(disabled.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("未选", r[6]));
        Assert.All(rows, r => Assert.StartsWith("经剪裁未选：", r[10]));
    }

    [Fact]
    public void The_performance_sheet_carries_the_baseline_charts_as_pictures()
    {
        using var zip = ZipFile.OpenRead(samples.File("failing", "xlsx"));
        var images = zip.Entries.Where(e => e.FullName.StartsWith("xl/media/") && e.FullName.EndsWith(".png")).ToList();
        Assert.Equal(2, images.Count);
        foreach (var image in images)
        {
            using var s = image.Open();
            var head = new byte[8];
            s.ReadExactly(head);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, head);
            Assert.True(image.Length > 10_000, $"{image.FullName}: {image.Length} bytes, too small to be a chart");
        }
        using var x = new XlsxReader(samples.File("failing", "xlsx"));
        var c4 = x.Sheet("C.4 性能表现评估");
        Assert.NotNull(c4.Descendants<Drawing>().SingleOrDefault());
        Assert.Empty(x.Sheet("C.2 安装安全性评价").Descendants<Drawing>());
        var results = JsonDocument.Parse(File.ReadAllBytes(samples.File("failing", "json"))).RootElement;
        Assert.True(results.GetProperty("figures").GetProperty("baseline").GetProperty("concurrency").GetArrayLength() >= 3);
    }

    [SkippableFact]
    public void LibreOffice_prints_every_sheet_within_the_page_width_with_the_header_row_on_every_page()
    {
        using var dir = new TempDir();
        foreach (var sample in new[] { "compliant", "failing" })
        {
            var pdf = Tools.XlsxToPdf(samples.File(sample, "xlsx"), dir.Path);
            var pages = Tools.PdfPages(pdf);
            Assert.InRange(pages, 8, 40);
            Assert.StartsWith("841.89 x 595.3", Tools.PdfPageSize(pdf));
            var headers = ReportTexts.Zh;
            for (var p = 1; p <= pages; p++)
            {
                var text = Tools.PdfText(pdf, p);
                Assert.Contains($"第 {p} 页，共 {pages} 页", text);
                Assert.Contains("报告编号：EVAL-2026-031", text);
                // Fit to width: each page shows its sheet's first and last column headers (repeated on every page).
                var fits = (text.Contains(headers["col.id"]) && text.Contains(headers["col.sources"]))     // item sheets
                           || (text.Contains(headers["c1.field"]) && text.Contains(headers["c1.content"])) // C.1
                           || (text.Contains(headers["col.section"]) && text.Contains(headers.Outcome(Iq.Rules.Runtime.Outcome.NotSelected))) // summary
                           || (text.Contains(headers["col.id"]) && text.Contains(headers["col.evidence"]))  // manual review
                           || (text.Contains(headers["col.kind"]) && text.Contains(headers["col.sha256"])); // attachments
                Assert.True(fits, $"{sample} page {p} lacks its sheet's header row or is cut at the page width:\n{text[..Math.Min(600, text.Length)]}");
            }
        }
    }

    [Fact]
    public void Iq_diff_lists_what_changed_between_the_samples_and_exits_1_when_worse()
    {
        var better = CliRunner.InProcess("diff", samples.File("failing", "json"), samples.File("compliant", "json"));
        Assert.Equal(0, better.ExitCode);
        var lines = better.Stdout.Split('\n');
        Assert.StartsWith("verdict: fail → pass   score: ", lines[0]);
        Assert.Matches(@"^\d+ item\(s\) changed: \d+ better, 0 worse, \d+ other$", lines[1]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  better  6\.1\.1a\.sw\[Docker\]\s+fail → pass  0 → 1  "));
        var worse = CliRunner.InProcess("diff", samples.File("compliant", "json"), samples.File("failing", "json"));
        Assert.Equal(1, worse.ExitCode);
        Assert.Contains("   WORSE", worse.Stdout.Split('\n')[0]);
        Assert.Contains(worse.Stdout.Split('\n'), l => l.StartsWith("  WORSE   6.1.1a.sw[Docker]", StringComparison.Ordinal));
        // The same audit twice: nothing changed.
        var same = CliRunner.InProcess("diff", samples.File("failing", "json"), samples.File("failing", "json"));
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("0 item(s) changed", same.Stdout);
        // -q is the verdict line only (docs/cli.md): no change list, no "Rendered from" lines; the exit code is the same.
        var quiet = CliRunner.InProcess("-q", "diff", samples.File("compliant", "json"), samples.File("failing", "json"));
        Assert.Equal(1, quiet.ExitCode);
        Assert.Equal(worse.Stdout.Split('\n')[0] + "\n", quiet.Stdout.Replace("\r\n", "\n"));
    }

    /// <summary>fresheyes4 #6: a hospital's tailoring (extends the IQ checklist: sets two params, disables an item, adds
    /// items) audited on the compliant sample beside the bundled checklist's audit of it, both PASS 100. The diff said
    /// "hospital-x: not in the earlier results / gbt-aimd-iq: not in the later results", exit 1 (worse), and with -q printed
    /// no verdict line. It compares the rows both hold, along the chain the results record, and says what the tailoring did.</summary>
    [Fact]
    public void Iq_diff_compares_a_tailoring_with_its_base_and_says_what_the_tailoring_did()
    {
        using var dir = new TempDir();
        File.Copy(SampleReports.Checklist, Path.Combine(dir.Path, "gbt-aimd-iq.iq"));
        var tailored = Path.Combine(dir.Path, "tailored.iq");
        File.WriteAllText(tailored, """
            checklist "hospital-x" extends "gbt-aimd-iq.iq" {
              set min_log_retention = 365 d
              set pass_mark = 85
              disable "6.1.2a.competence" because "staff competence audited by the hospital HR process (SOP-17)"
            }
            section "local" "local additions" weight 5 {
              item "local.gpus" "at least one GPU" {
                level should ref "4.1.1 a)"
                expect count(env.gpus) >= 1
              }
            }
            """);
        var t = Path.Combine(dir.Path, "t.json");
        var audit = CliRunner.InProcess("audit", tailored, "--facts", SampleReports.Sample("compliant"), "--as-of", "2026-11-22", "--json", t);
        Assert.True(audit.ExitCode == 0, audit.Stdout + audit.Stderr);
        var b = samples.File("compliant", "json");

        var run = CliRunner.InProcess("diff", b, t);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = run.Stdout.Replace("\r\n", "\n").Split('\n');
        Assert.DoesNotContain("not in the", run.Stdout);
        Assert.StartsWith("verdict: pass → pass   score: 100 → 100", lines[0]);
        Assert.DoesNotContain("WORSE", run.Stdout);
        Assert.Contains(lines, l => l.Contains("checklist gbt-aimd-iq → hospital-x", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("by the tailoring: 1 item(s) added, 1 disabled,", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+6\.1\.2a\.competence\s+pass → notselected.*\[disabled by tailoring\]"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+local\.gpus\s+\(none\) → pass.*\[added by tailoring\]"));
        // Passed against 365 d instead of 180 d: listed, though unchanged, as judged against the param the tailoring set.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+6\.5\.1d\.retention\s+pass → pass.*\[param set by tailoring\]"));
        Assert.Contains(lines, l => l.Contains("parameter min_log_retention 180 d → 365 d", StringComparison.Ordinal));

        // The other way round (the base after the tailoring): still comparable, still nothing worse.
        var back = CliRunner.InProcess("diff", t, b);
        Assert.True(back.ExitCode == 0, back.Stdout + back.Stderr);
        Assert.Contains("[disabled by tailoring]", back.Stdout);

        // -q: the verdict line.
        var quiet = CliRunner.InProcess("-q", "diff", b, t);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(lines[0] + "\n", quiet.Stdout.Replace("\r\n", "\n"));

        // Two checklists with no chain in common: refused (exit 2), not "worse".
        var other = Path.Combine(dir.Path, "other.iq");
        File.WriteAllText(other, """
            checklist "other" {
              title "other"
              version "1"
            }
            section "x" "x" {
              item "x.gpus" "a GPU" { expect count(env.gpus) >= 1 }
            }
            """);
        var facts = Path.Combine(dir.Path, "facts");
        Directory.CreateDirectory(facts);
        File.Copy(Path.Combine(SampleReports.Sample("compliant"), "environment.json"), Path.Combine(facts, "environment.json"));
        var o = Path.Combine(dir.Path, "o.json");
        var audited = CliRunner.InProcess("audit", other, "--facts", facts, "--json", o);
        Assert.True(audited.ExitCode is 0 or 1, audited.Stderr);
        var unrelated = CliRunner.InProcess("diff", b, o);
        Assert.Equal(2, unrelated.ExitCode);
        Assert.Contains("not on one extends chain", unrelated.Stderr);
        Assert.Equal("", unrelated.Stdout);
    }

    /// <summary>The assessor's b1 → b3: the verdict rose but rows got worse. The headline said "better" beside 4 worse rows
    /// and exit 1; it says how many rows got worse instead, never better, in both languages.</summary>
    [Fact]
    public void The_diff_headline_never_says_better_while_a_row_is_worse()
    {
        var diff = new ResultsDiff(Iq.Scoring.Scoring.Verdict.Fail, Iq.Scoring.Scoring.Verdict.Pass, 70, 90,
        [
            new ItemChange("6.1.1a.cpu", "处理器", Iq.Rules.Runtime.Outcome.Fail, Iq.Rules.Runtime.Outcome.Pass, 0, 1, Iq.Scoring.Reports.Change.Better),
            new ItemChange("6.1.1a.os", "操作系统", Iq.Rules.Runtime.Outcome.Pass, Iq.Rules.Runtime.Outcome.Fail, 1, 0, Iq.Scoring.Reports.Change.Worse),
        ]);
        Assert.True(diff.Worse);
        var en = new StringWriter();
        diff.Write(en);
        var headline = en.ToString().Split('\n')[0];
        Assert.DoesNotContain("better", headline);
        Assert.EndsWith("   WORSE: 1 row(s)", headline.TrimEnd('\r'));
        var zh = new StringWriter();
        diff.Write(zh, Iq.Rules.Messages.Lang.Zh);
        Assert.DoesNotContain("变好", zh.ToString().Split('\n')[0]);
        Assert.Contains("1 个条目变差", zh.ToString().Split('\n')[0]);
    }

    [Fact]
    public void Iq_diff_aligns_its_columns_when_an_item_id_is_chinese()
    {
        // A software item named in Chinese takes two terminal columns a character: the outcome column must still line up.
        using var dir = new TempDir();
        string Renamed(string sample)
        {
            var file = Path.Combine(dir.Path, sample + ".json");
            File.WriteAllText(file, File.ReadAllText(samples.File(sample, "json")).Replace("6.1.1a.sw[Docker]", "6.1.1a.sw[影像归档服务器]"));
            return file;
        }
        var run = CliRunner.InProcess("diff", Renamed("failing"), Renamed("compliant"));
        Assert.Equal(0, run.ExitCode);
        var rows = run.Stdout.Split('\n').Select(l => Regex.Match(l, @"^  \S*\s+\S+\s+(?=\S+ → )")).Where(m => m.Success).ToList();
        Assert.Contains(run.Stdout.Split('\n'), l => l.Contains("6.1.1a.sw[影像归档服务器]", StringComparison.Ordinal));
        static int Columns(string text) => text.Sum(c => c is >= '\u2E80' and <= '\uA4CF' ? 2 : 1);
        var columns = rows.Select(m => Columns(m.Value)).Distinct().ToList();
        Assert.True(columns.Count == 1, "the outcome column starts at display columns " + string.Join(", ", columns) + ":\n" + run.Stdout);
    }

    [Fact]
    public void An_archive_keeps_everything_and_re_renders_the_same_reports()
    {
        using var dir = new TempDir();
        var archive = Path.Combine(dir.Path, "audit.zip");
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", SampleReports.Sample("failing"), "--as-of", "2026-11-22",
            "--report", "report_no=EVAL-2026-031", "--xlsx", xlsx, "--archive", archive);
        Assert.Equal(1, run.ExitCode);
        using (var zip = ZipFile.OpenRead(archive))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Equal("manifest.json", names[0]);
            Assert.Contains("results.json", names);
            Assert.Contains("checklist/gbt-aimd-iq.iq", names);
            Assert.Contains("inputs/plan.json", names);
            Assert.Contains("reports/card.xlsx", names);
            using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
            var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(names.Count - 1, files.Count);
            var plan = files.Single(f => f.GetProperty("path").GetString() == "inputs/plan.json");
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(SampleReports.Sample("failing"), "plan.json")))),
                plan.GetProperty("sha256").GetString());
        }
        var verify = CliRunner.InProcess("archive", "--verify", archive);
        Assert.Equal(0, verify.ExitCode);
        var again = Path.Combine(dir.Path, "again.xlsx");
        Assert.Equal(1, CliRunner.InProcess("report", archive, "--xlsx", again).ExitCode);
        // The same workbook but for what each says it rests on: the audit wrote no results file, the re-rendering read the
        // archive's (ReportSourceTests).
        Assert.Equal(WithoutSource(xlsx), WithoutSource(again));
        Assert.NotEqual(File.ReadAllBytes(xlsx), File.ReadAllBytes(again));

        // One byte changed in an archived input: verification names it, and iq report refuses the archive.
        var tampered = Path.Combine(dir.Path, "tampered.zip");
        File.Copy(archive, tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("inputs/plan.json")!;
            string text;
            using (var r = new StreamReader(entry.Open())) text = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("inputs/plan.json").Open());
            w.Write(text.Replace("LN-AID-300", "LN-AID-301"));
        }
        var bad = CliRunner.InProcess("archive", "--verify", tampered);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("inputs/plan.json: SHA-256 ", bad.Stderr);
        Assert.Equal(2, CliRunner.InProcess("report", tampered, "--xlsx", Path.Combine(dir.Path, "t.xlsx")).ExitCode);
    }

    [Fact]
    public void Archiving_refuses_an_input_that_changed_since_the_audit()
    {
        using var dir = new TempDir();
        var facts = Path.Combine(dir.Path, "facts");
        Directory.CreateDirectory(facts);
        foreach (var f in Directory.GetFiles(SampleReports.Sample("compliant"), "*.json*")) File.Copy(f, Path.Combine(facts, Path.GetFileName(f)));
        var json = Path.Combine(dir.Path, "r.json");
        Assert.Equal(0, CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", facts, "--json", json).ExitCode);
        File.AppendAllText(Path.Combine(facts, "plan.json"), "\n");
        var run = CliRunner.InProcess("archive", json, "-o", Path.Combine(dir.Path, "a.zip"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("plan.json changed since the audit: SHA-256 ", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "a.zip")));
    }

    [Fact]
    public void Results_schema_is_printed_and_every_results_file_matches_it()
    {
        var run = CliRunner.InProcess("schema", "--kind", "results");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema", "results.schema.json")), run.Stdout);
        ResultsSchemaCheck.Validate(samples.File("compliant", "json"));
        ResultsSchemaCheck.Validate(samples.File("failing", "json"));
        // The schema is not a rubber stamp: a results file with an unknown outcome does not match it.
        using var dir = new TempDir();
        var bad = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(bad, File.ReadAllText(samples.File("failing", "json")).Replace("\"outcome\": \"fail\"", "\"outcome\": \"failed\""));
        Assert.ThrowsAny<Exception>(() => ResultsSchemaCheck.Validate(bad));
    }

    [Fact]
    public void A_bad_results_file_is_a_message_with_its_json_path()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(samples.File("failing", "json"));
        var cases = new (string Name, string Content, string Expected)[]
        {
            ("old.json", text.Replace("iq.results/2", "iq.results/1"), "schema iq.results/1 cannot be re-rendered"),
            // A newer file is no reason to audit again, and a schema with a stray space is no results schema (fresh eyes 8, F-C4).
            ("newer.json", text.Replace("iq.results/2", "iq.results/99"), "schema iq.results/99 was written by a newer iq; this iq reads iq.results/2: render it with the iq version that wrote it"),
            ("spaced.json", text.Replace("\"iq.results/2\"", "\"iq.results/2 \""), "not an iq results file (schema 'iq.results/2 ', expected iq.results/2)"),
            ("outcome.json", text.Replace("\"outcome\": \"fail\"", "\"outcome\": \"maybe\""), "unknown outcome 'maybe' at $.items["),
            ("reason.json", text.Replace("\"kind\": \"failed\"", "\"kind\": \"sad\""), "unknown reason 'sad'; expected passed, failed"),
            ("truncated.json", text[..(text.Length / 2)], "error IQ"),
            ("missing.json", text.Replace("\"report_no\"", "\"report_number\""), "missing member 'report_no' at $.report.report_no"),
            // declared_only is derived from the row's facts and method, as the kinds are: a flipped flag would miscount.
            ("declared.json", text.Replace("\"declared_only\": false", "\"declared_only\": true"), "expected false: derived from its facts' provenances"),
            // An actual edited under a part that held: the two numbers contradict its holds (fresh eyes 3, #2: "4 >= 128" passing).
            ("actual.json", text.Replace("\"actual\": \"0\",\n          \"expected\": \"== 0\"", "\"actual\": \"4\",\n          \"expected\": \"== 0\""),
                "holds is true, but 4 == 0 gives false; the file was changed after iq wrote it"),
        };
        foreach (var (name, content, expected) in cases)
        {
            var file = Path.Combine(dir.Path, name);
            File.WriteAllText(file, content);
            var run = CliRunner.Process("report", file, "--xlsx", Path.Combine(dir.Path, name + ".xlsx"));
            Assert.True(run.ExitCode == 2, $"{name}: exit {run.ExitCode}: {run.Stderr}");
            Assert.Contains(expected, run.Stderr);
            Assert.StartsWith(file, run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.False(File.Exists(Path.Combine(dir.Path, name + ".xlsx")));
        }
    }

    [Fact]
    public void Every_report_message_has_both_languages_with_the_same_placeholders()
    {
        Assert.True(ReportTexts.Catalog.Count > 150);
        foreach (var m in ReportTexts.Catalog.Values)
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Zh), $"{m.Key}: no zh");
            Assert.False(string.IsNullOrWhiteSpace(m.En), $"{m.Key}: no en");
            Assert.Equal(Message.Placeholders(m.Zh).Order(), Message.Placeholders(m.En).Order());
        }
    }
}
