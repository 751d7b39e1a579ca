using System.Text.Json;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>A tailoring's header names it and its base: before, <c>checklist "hospital-x" extends "gbt-aimd-iq.iq"</c> headed
/// every report "hospital-x 2025-draft.2 — (the base's title)", the base's version as its own, so that it read as the bundled
/// standard checklist. The base's id and version are read from the base file here, not written down; results.json carries
/// the base (read back by iq report, which writes it again unchanged), and the console, HTML and workbook (read with the Open
/// XML SDK) name it, in Chinese too.</summary>
public class TailoringHeaderTests
{
    static string Base => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Failing => Path.Combine(TestPaths.Checklists, "samples", "failing");

    [Fact]
    public void A_tailoring_is_headed_by_its_own_id_and_names_its_base_in_every_report()
    {
        using var dir = new TempDir();
        var baseText = File.ReadAllText(Base);
        var baseId = Regex.Match(baseText, "^checklist \"([^\"]+)\"", RegexOptions.Multiline).Groups[1].Value;
        var baseVersion = Regex.Match(baseText, "^  version \"([^\"]+)\"", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEqual("", baseVersion);
        var checklist = Path.Combine(dir.Path, "hospital-x.iq");
        File.WriteAllText(checklist, $"checklist \"hospital-x\" extends \"{Base.Replace("\\", "/")}\" {{\n  weight \"6.1.1a.cpu\" 2\n}}\n");

        var json = Path.Combine(dir.Path, "t.json");
        var run = CliRunner.InProcess("audit", checklist, "--facts", Failing, "--lang", "en", "--json", json);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var name = $"hospital-x (tailoring of {baseId} {baseVersion})";
        Assert.StartsWith(name + " — ", run.Stdout);
        Assert.DoesNotContain($"hospital-x {baseVersion}", run.Stdout);

        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var c = doc.RootElement.GetProperty("checklist");
            Assert.Equal("hospital-x", c.GetProperty("id").GetString());
            Assert.Equal(baseId, c.GetProperty("base").GetProperty("id").GetString());
            Assert.Equal(baseVersion, c.GetProperty("base").GetProperty("version").GetString());
        }

        var again = Path.Combine(dir.Path, "again.json");
        var html = Path.Combine(dir.Path, "t.html");
        var xlsx = Path.Combine(dir.Path, "t.xlsx");
        var report = CliRunner.InProcess("report", json, "--json", again, "--html", html, "--xlsx", xlsx, "--lang", "en");
        Assert.True(report.ExitCode is 0 or 1, report.Stderr);
        Assert.Equal(File.ReadAllText(json), File.ReadAllText(again));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(name), File.ReadAllText(html));
        using (var workbook = new XlsxReader(xlsx))
            Assert.Contains(workbook.SheetNames.SelectMany(sheet => workbook.Cells(sheet).Select(workbook.Text)), s => s.Contains(name));

        var zhReport = CliRunner.InProcess("report", json, "--html", html, "--lang", "zh");
        Assert.True(zhReport.ExitCode is 0 or 1, zhReport.Stderr);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"hospital-x（{baseId} {baseVersion} 的剪裁）"), File.ReadAllText(html));
    }

    [Fact]
    public void A_checklist_that_extends_nothing_keeps_its_header_and_writes_no_base()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Base, "--facts", Failing, "--lang", "en", "--json", json);
        Assert.True(run.ExitCode == 1, run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var c = doc.RootElement.GetProperty("checklist");
        Assert.False(c.TryGetProperty("base", out _));
        Assert.StartsWith($"{c.GetProperty("id").GetString()} {c.GetProperty("version").GetString()} — {c.GetProperty("title").GetString()}", run.Stdout);
    }
}
