using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>A Chinese report words what iq writes in Chinese: the findings of a fresh-eyes run of
/// <c>iq audit --facts checklists/samples/failing --lang zh</c> (and <c>-v</c>, <c>iq explain</c>, <c>--xlsx</c>,
/// <c>--html</c>) that left English in it. Each asserts the Chinese words and that the English ones are gone; the English
/// reports are unchanged (EvidenceWordsTests compares an English report with main's bytes).</summary>
public class ChineseReportTests
{
    static readonly string Failing = Path.Combine(TestPaths.Checklists, "samples", "failing");
    static readonly string Checklist = Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    static CliRunner.Run Audit(string lang, params string[] more) =>
        CliRunner.InProcess(["audit", "--facts", Failing, "--as-of", "2026-11-22", "--lang", lang, .. more]);

    static string Line(string text, string containing) =>
        text.Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no line with '{containing}' in:\n{text}");

    [Fact]
    public void A_provenance_reason_words_the_provenances_why_and_what_the_row_was_in_chinese()
    {
        var run = Audit("zh", "-v");
        Assert.Equal(1, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        // The reason, and (--verbose) the row's sources line, which says the same of the fact in the same words.
        var line = lines.Single(l => l.Contains("rollback.duration", StringComparison.Ordinal) && l.Contains("fact_provenance", StringComparison.Ordinal)
                                     && !l.StartsWith("        依据：", StringComparison.Ordinal));
        var from = lines.Single(l => l.StartsWith("        依据：rollback.duration 的来源为声明（", StringComparison.Ordinal));
        Assert.EndsWith("：文档的 fact_provenance 如此标注）", from);
        Assert.Contains("需要实测的证据：rollback.duration 的来源为声明（", line);
        Assert.Contains("：文档的 fact_provenance 如此标注）（原为通过）", line);
        Assert.DoesNotMatch(@"\b(measured|imported|declared|reviewed|pass)\b|in the document", line);
    }

    [Fact]
    public void The_verdict_line_says_the_pass_mark_as_the_scorecard_does()
    {
        var verdict = Line(Audit("zh").Stdout, "结论：");
        Assert.Contains("（通过分数线 80）", verdict);
        Assert.DoesNotContain("pass_at", verdict);
        Assert.DoesNotContain("通过线 ", verdict);
    }

    [Fact]
    public void Row_outcomes_and_column_heads_are_the_scorecards_outcome_words()
    {
        var run = Audit("zh", "-v");
        Assert.Contains("通过 不通过 错误 不适用 待评审 资料性 豁免 未选", Regex.Replace(run.Stdout.Split('\n').First(l => l.Contains("权重")), " +", " "));
        Assert.DoesNotMatch(@"(?m)^  (PASS|FAIL|ERROR|NOTCHECKED|NOTAPPLICABLE|INFORMATIONAL|WAIVED|NOTSELECTED) ", run.Stdout);
        Assert.Matches(@"(?m)^  不通过 +6\.1\.1a\.gpu-memory\[0\] ", run.Stdout);
        Assert.Matches(@"(?m)^  错误 +6\.1\.1a\.storage ", run.Stdout);
        Assert.Matches(@"(?m)^  通过 +6\.1\.1a\.cpu ", run.Stdout);
        Assert.DoesNotMatch(@" 不过 | 不适 ", run.Stdout);
        // The counts stay under their heads: every section row as wide as the head row.
        var lines = run.Stdout.Split('\n');
        var head = lines.First(l => l.Contains("权重"));
        var width = (string s) => s.Sum(c => c >= '\u2E80' && c <= '\uA4CF' || c >= '\uFF00' && c <= '\uFF60' ? 2 : 1);
        Assert.Equal(width(head), width(lines.First(l => l.StartsWith("6.1 ", StringComparison.Ordinal))));
    }

    [Fact]
    public void A_manual_judgments_evidence_is_worded_in_chinese()
    {
        var run = Audit("zh", "-v");
        Assert.Contains("✓ 人工评审：", run.Stdout);
        Assert.DoesNotContain("manual judgment", run.Stdout);
    }

    [Fact]
    public void Lists_of_ids_use_one_wording_and_the_chinese_separator()
    {
        var run = Audit("zh");
        var verdict = Line(run.Stdout, "结论：");
        Assert.Matches(@"（[^（）]+、…另 \d+ 项）", verdict);
        Assert.DoesNotContain(", ", verdict);
        Assert.DoesNotContain("… 另", run.Stdout);
        Assert.DoesNotContain("另有", run.Stdout);
        // A Chinese line lists with 、, never ", " beside "，" (values in evidence aside: they are the facts' own).
        foreach (var l in run.Stdout.Split('\n').Where(l => l.Contains('，') && !l.Contains("实际")))
            Assert.DoesNotContain(", ", l);
    }

    [Fact]
    public void Explain_words_the_rule_and_the_outcome_in_chinese()
    {
        var run = CliRunner.InProcess(["explain", "6.1.1a.cpu", "--checklist", Checklist, "--facts", Failing, "--lang", "zh"]);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.DoesNotMatch(@"\(\d+ items\)", run.Stdout);
        Assert.DoesNotMatch(@"(?m)^  (PASS|FAIL|ERROR) ", run.Stdout);
        Assert.Matches(@"(?m)^  通过 +6\.1\.1a\.cpu ", run.Stdout);
    }

    [Fact]
    public void The_scorecard_names_the_scoring_model_and_the_html_labels_take_a_chinese_colon()
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var html = Path.Combine(dir.Path, "r.html");
        Assert.Equal(1, Audit("zh", "--xlsx", xlsx, "--html", html).ExitCode);
        using var book = new XlsxReader(xlsx);
        var texts = book.SheetNames.SelectMany(s => book.Cells(s).Select(c => book.Text(c))).ToList();
        Assert.Contains("加权（weighted）", texts);
        Assert.DoesNotContain("weighted", texts);
        Assert.DoesNotContain(texts, t => t.Contains("… 另", StringComparison.Ordinal));
        var page = File.ReadAllText(html);
        Assert.Contains("整改建议：</b>", page);
        Assert.DoesNotMatch(@"[\u4e00-\u9fff]:</b>", page);
    }
}
