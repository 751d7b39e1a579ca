using System.Text.Json;

namespace Iq.Tests;

/// <summary>A tailoring (a checklist that <c>extends</c> another) that lowers its base's pass mark or removes or loosens
/// its veto says so wherever the verdict is: the console's verdict line, results.json's verdict basis (read back by
/// <c>iq report</c>), the workbook's C.1 conclusion and the HTML. Before, a three-line tailoring of the bundled checklist
/// turned the failing sample into a plain PASS with 22 failed shall rows and nothing near the verdict said why.
/// The failed-row count is checked against the rows results.json lists, not against a number written here.</summary>
public class TailoringVerdictTests
{
    static string Base => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Failing => Path.Combine(TestPaths.Checklists, "samples", "failing");

    static string Tailoring(string dir, string id, string body)
    {
        var path = Path.Combine(dir, id + ".iq");
        File.WriteAllText(path, $"checklist \"{id}\" extends \"{Base.Replace("\\", "/")}\" {{\n{body}\n}}\n");
        return path;
    }

    static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "iq-tailor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void A_tailoring_that_drops_the_veto_and_lowers_the_pass_mark_says_so_at_every_verdict()
    {
        var dir = TempDir();
        try
        {
            var checklist = Tailoring(dir, "hospital-x", "  scoring weighted pass_at 10");
            var json = Path.Combine(dir, "t1.json");
            var run = CliRunner.InProcess("audit", checklist, "--facts", Failing, "--lang", "en", "--json", json);
            Assert.True(run.ExitCode == 0, run.Stderr);

            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var r = doc.RootElement;
            var shallFailed = r.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("level").GetString() == "shall"
                && i.GetProperty("outcome").GetString() is "fail" or "error");
            Assert.True(shallFailed > 0);
            Assert.Equal("pass", r.GetProperty("verdict").GetString());
            var t = r.GetProperty("verdict_basis").GetProperty("tailoring");
            Assert.Equal("hospital-x", t.GetProperty("tailoring").GetString());
            Assert.Equal("gbt-aimd-iq", t.GetProperty("base").GetString());
            Assert.Equal("shall", t.GetProperty("base_veto").GetString());
            Assert.Equal(80, t.GetProperty("base_pass_at").GetDouble());
            Assert.Equal(shallFailed, t.GetProperty("dropped_veto_failed").GetInt32());

            var vetoNote = $"veto removed by tailoring hospital-x (base gbt-aimd-iq: veto shall); {shallFailed} shall row(s) failed or errored";
            const string passNote = "pass mark lowered from 80 to 10 by tailoring hospital-x (base gbt-aimd-iq)";
            var verdictLine = run.Stdout.Split('\n').Single(l => l.Contains("Verdict:"));
            Assert.Contains(vetoNote, verdictLine);
            Assert.Contains(passNote, verdictLine);
            Assert.Contains(vetoNote, r.GetProperty("verdict_reason").GetString());

            // Read back: the results file alone renders the same words, and writes itself again unchanged.
            var again = Path.Combine(dir, "again.json");
            var xlsx = Path.Combine(dir, "t1.xlsx");
            var html = Path.Combine(dir, "t1.html");
            var report = CliRunner.InProcess("report", json, "--json", again, "--xlsx", xlsx, "--html", html);
            Assert.True(report.ExitCode == 0, report.Stderr);
            Assert.Equal(File.ReadAllText(json), File.ReadAllText(again));
            Assert.Contains(vetoNote, File.ReadAllText(html));
            // Read with the Open XML SDK, not the ClosedXML that wrote it (whose reader loads the charts' pictures).
            using var workbook = new XlsxReader(xlsx);
            var conclusion = workbook.SheetNames.SelectMany(sheet => workbook.Cells(sheet).Select(workbook.Text))
                .Where(s => s.Contains(vetoNote)).ToList();
            Assert.NotEmpty(conclusion);
            Assert.Contains(conclusion, s => s.Contains(passNote));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_tailoring_that_lowers_the_pass_mark_through_a_set_says_so_in_chinese_too()
    {
        var dir = TempDir();
        try
        {
            var checklist = Tailoring(dir, "hospital-y", "  set pass_mark = 10");
            var run = CliRunner.InProcess("audit", checklist, "--facts", Failing, "--lang", "zh");
            Assert.Contains("通过分数线被剪裁 hospital-y 由 80 降为 10（基础清单 gbt-aimd-iq）", run.Stdout);
            Assert.DoesNotContain("否决已被剪裁", run.Stdout);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_tailoring_that_keeps_or_tightens_the_base_scoring_adds_nothing()
    {
        var dir = TempDir();
        try
        {
            var checklist = Tailoring(dir, "hospital-z", "  scoring weighted pass_at 90 veto should");
            var json = Path.Combine(dir, "t.json");
            var run = CliRunner.InProcess("audit", checklist, "--facts", Failing, "--lang", "en", "--json", json);
            Assert.Equal(1, run.ExitCode);
            Assert.DoesNotContain("tailoring", run.Stdout.Split('\n').Single(l => l.Contains("Verdict:")));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.False(doc.RootElement.GetProperty("verdict_basis").TryGetProperty("tailoring", out _));
        }
        finally { Directory.Delete(dir, true); }
    }
}
