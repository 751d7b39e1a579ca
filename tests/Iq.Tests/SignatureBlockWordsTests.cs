namespace Iq.Tests;

/// <summary>The C.1 sheet's signature block, read back with the Open XML SDK: the English workbook's words are English words
/// with English punctuation (no "Date："), the Chinese workbook's are Chinese with no English word among them.</summary>
public class SignatureBlockWordsTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>Full-width and CJK punctuation (the ideographic space and marks, the full-width forms).</summary>
    const string FullWidth = @"[\u3000-\u303F\uFF00-\uFFEF]";

    static string[] English = ["Signatures", "Assessor", "Reviewer", "Signer", "signature", "Date", "Testing laboratory", "seal"];

    /// <summary>The cells from the block's title row to the end of the sheet.</summary>
    static List<string> SignatureBlock(string lang, string title)
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var sample = Path.Combine(TestPaths.Checklists, "samples", "compliant");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", sample, "--xlsx", xlsx, "--as-of", TestClock.AsOfFor(sample), "--lang", lang);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var x = new XlsxReader(xlsx);
        var rows = x.Rows(x.SheetNames[0]);
        var start = rows.FindIndex(r => r.Length > 0 && r[0] == title);
        Assert.True(start >= 0, $"no row titled {title}");
        var cells = rows.Skip(start).SelectMany(r => r).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        Assert.True(cells.Count >= 5, string.Join(" | ", cells));
        return cells;
    }

    [Fact]
    public void The_english_signature_block_has_english_punctuation()
    {
        var cells = SignatureBlock("en", "Signatures");
        Assert.All(cells, c => Assert.DoesNotMatch(FullWidth, c));
        Assert.All(cells, c => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", c));
        Assert.Equal(3, cells.Count(c => c.TrimEnd().EndsWith("Date:", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_chinese_signature_block_has_no_english_word()
    {
        var cells = SignatureBlock("zh", "签字");
        Assert.All(cells, c => Assert.All(English, w => Assert.DoesNotContain(w, c, StringComparison.OrdinalIgnoreCase)));
        Assert.All(cells, c => Assert.DoesNotMatch(@"[A-Za-z]", c));
        Assert.Equal(3, cells.Count(c => c.TrimEnd().EndsWith("日期：", StringComparison.Ordinal)));
    }

    /// <summary>The report words the workbook and the HTML report take (report-messages.yaml): no English text holds a
    /// Chinese character or full-width punctuation, so nothing built from them can.</summary>
    [Fact]
    public void No_english_report_word_holds_chinese_punctuation()
    {
        var en = Iq.Scoring.Text.ReportTexts.Catalog.Where(kv => System.Text.RegularExpressions.Regex.IsMatch(kv.Value.En, FullWidth + @"|\p{IsCJKUnifiedIdeographs}"))
            .Select(kv => $"{kv.Key}: {kv.Value.En}").ToList();
        Assert.Empty(en);
    }
}
