using System.Text.Json;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Iq.Tests;

/// <summary>The review workbook an assessor fills in shows each manual item's level (应/宜/可, shall/should/may): the
/// checklist's, read-only. The sheet is protected with the checklist's columns locked and the assessor's open; and the level
/// is never read back, so a value written over it (the protection lifted, or a copy made elsewhere) changes nothing in the
/// results. A workbook written before the level column (status in E) is still read.</summary>
public class ManualLevelTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");

    static readonly Dictionary<string, string> ZhLevel = new() { ["shall"] = "应", ["should"] = "宜", ["may"] = "可" };

    /// <summary>The compliant sample without its attestations document: the workbook alone judges the manual items.</summary>
    static string Facts(TempDir dir) => IqSamples.FactsWithoutAttestations(dir);

    /// <summary>Each item's level as the checklist gives it: from the results of an audit (the checklist compiled by iq).</summary>
    static Dictionary<string, string> Levels(TempDir dir)
    {
        var json = Path.Combine(dir.Path, "levels.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Compliant, "--json", json, "--as-of", "2026-11-22");
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        return JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("level").GetString()!);
    }

    [Theory]
    [InlineData("zh", "人工评审", "级别")]
    [InlineData("en", "Manual review", "Level")]
    public void The_template_shows_each_items_level_locked_and_the_assessors_columns_open(string lang, string sheet, string header)
    {
        using var dir = new TempDir();
        var levels = Levels(dir);
        var template = Path.Combine(dir.Path, "m.xlsx");
        Assert.Equal(0, CliRunner.InProcess("manual-template", Checklist, "-o", template, "--lang", lang).ExitCode);
        // Read back with the Open XML SDK: the header, and each row's level against the checklist's.
        using (var x = new XlsxReader(template))
        {
            var rows = x.Rows(sheet);
            Assert.Equal(header, rows[0][3]);
            Assert.Equal(10, rows[0].Length);
            Assert.Equal(32, rows.Count - 1);
            foreach (var row in rows.Skip(1))
                Assert.Equal(lang == "zh" ? ZhLevel[levels[row[0]]] : levels[row[0]], row[3]);
            // Protected, without a password: a slip is stopped, nothing is claimed to be secret.
            var protection = x.Sheet(sheet).Elements<SheetProtection>().Single();
            Assert.True(protection.Sheet?.Value);
            Assert.Null(protection.Password);
        }
        using var wb = new XLWorkbook(template);
        var ws = wb.Worksheet(sheet);
        for (var r = 2; r <= 33; r++)
        {
            for (var c = 1; c <= 5; c++) Assert.True(ws.Cell(r, c).Style.Protection.Locked, $"{ws.Cell(r, c).Address} is the checklist's");
            for (var c = 6; c <= 10; c++) Assert.False(ws.Cell(r, c).Style.Protection.Locked, $"{ws.Cell(r, c).Address} is the assessor's");
        }
        // The drop-down is on the status column.
        Assert.Equal("F2:F33", ws.DataValidations.Single().Ranges.Single().RangeAddress.ToString());
    }

    /// <summary>The scorecard's manual-review sheet carries the level too (the same sheet, read back the same way).</summary>
    [Fact]
    public void The_scorecards_manual_sheet_shows_the_level()
    {
        using var dir = new TempDir();
        var levels = Levels(dir);
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Compliant, "--xlsx", xlsx, "--as-of", "2026-11-22");
        Assert.True(run.ExitCode is 0, run.Stderr);
        using var x = new XlsxReader(xlsx);
        var rows = x.Rows("人工评审");
        Assert.Equal("级别", rows[0][3]);
        Assert.Equal(32, rows.Count - 1);
        foreach (var row in rows.Skip(1)) Assert.Equal(ZhLevel[levels[row[0]]], row[3]);
    }

    /// <summary>Filled in, once as written and once with every level overwritten (the protection lifted): the same results.
    /// A sheet of the layout before the level column (the column deleted: status in E) gives the same judgments again.</summary>
    [Fact]
    public void A_level_written_over_changes_nothing_and_the_old_layout_still_reads()
    {
        using var dir = new TempDir();
        var template = Path.Combine(dir.Path, "m.xlsx");
        Assert.Equal(0, CliRunner.InProcess("manual-template", Checklist, "-o", template).ExitCode);
        string Filled(string name, Action<IXLWorksheet> edit)
        {
            var path = Path.Combine(dir.Path, name);
            using var wb = new XLWorkbook(template);
            var ws = wb.Worksheet("人工评审");
            for (var r = 2; r <= 33; r++)
            {
                ws.Cell(r, 6).Value = ws.Cell(r, 1).GetString() == "6.2.1c.app-auth" ? "不通过" : "通过";
                ws.Cell(r, 7).Value = "周静";
                ws.Cell(r, 8).Value = "2026-11-21";
                ws.Cell(r, 9).Value = "现场核查";
            }
            edit(ws);
            wb.SaveAs(path);
            return path;
        }
        var asWritten = Filled("a.xlsx", _ => { });
        var overwritten = Filled("b.xlsx", ws =>
        {
            ws.Unprotect();
            for (var r = 2; r <= 33; r++) ws.Cell(r, 4).Value = r % 2 == 0 ? "可" : "shall";
        });
        var oldLayout = Filled("c.xlsx", ws =>
        {
            ws.Unprotect();
            ws.Column(4).Delete();
            ws.Cell(1, 4).Value = "评审要点";
        });
        var facts = Facts(dir);
        JsonElement Audit(string workbook)
        {
            var json = Path.Combine(dir.Path, Path.GetFileNameWithoutExtension(workbook) + ".json");
            var run = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--attestations", workbook, "--json", json, "--as-of", "2026-11-22");
            Assert.Equal("", run.Stderr);
            Assert.Equal(1, run.ExitCode);
            return JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.Clone();
        }
        static string Rows(JsonElement r) => string.Join("\n", r.GetProperty("items").EnumerateArray().Select(i =>
            $"{i.GetProperty("id")} {i.GetProperty("level")} {i.GetProperty("outcome")} {i.GetProperty("score")} {i.GetProperty("message")}"))
            + $"\n{r.GetProperty("verdict")} {r.GetProperty("score")}";
        var a = Audit(asWritten);
        Assert.Equal(Rows(a), Rows(Audit(overwritten)));
        Assert.Equal(Rows(a), Rows(Audit(oldLayout)));
        var items = a.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal("fail", items["6.2.1c.app-auth"].GetProperty("outcome").GetString());
        Assert.Equal("shall", items["6.2.1c.app-auth"].GetProperty("level").GetString());
        Assert.Equal("attested fail by 周静 on 2026-11-21: 现场核查", items["6.2.1c.app-auth"].GetProperty("message").GetString());
        Assert.DoesNotContain(items.Values, i => i.GetProperty("outcome").GetString() == "notchecked");
    }
}
