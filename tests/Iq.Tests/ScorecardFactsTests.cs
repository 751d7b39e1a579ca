using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>The scorecard a lab signs lists, on every row, the facts the row rests on and where each came from (measured,
/// imported, reviewed or declared, and the document), as console -v's "from:" lines and the HTML report's evidence do: the
/// same words in all three (docs/trust.md). The xlsx is read back with the Open XML SDK, the HTML as text, against the
/// console and the results file.</summary>
public class ScorecardFactsTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    /// <summary>Each row's "from:" lines in console -v, by row id (the prefix taken off).</summary>
    static Dictionary<string, List<string>> ConsoleFrom(string stdout, string prefix)
    {
        var rows = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in stdout.Split('\n'))
        {
            // "  PASS  6.2.2f.data-import[PACS 初始化数据] [shall, 6.2.2 f)] …": an id may hold a space; the level follows it.
            var head = Regex.Match(line, @"^  \S+ +(.+?) \[(?:shall|should|may|应|宜|可)[,\]]");
            if (head.Success) rows[head.Groups[1].Value] = current = [];
            else if (current is not null && line.StartsWith("        " + prefix, StringComparison.Ordinal)) current.Add(line[(8 + prefix.Length)..]);
            else if (line.Length == 0) current = null;
        }
        return rows;
    }

    [Theory]
    [InlineData("compliant", "zh", "依据：")]
    [InlineData("failing", "en", "from: ")]
    public void Every_scorecard_row_lists_its_facts_with_provenance_and_document_as_the_console_and_html_do(string sample, string lang, string prefix)
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "scorecard.xlsx");
        var html = Path.Combine(dir.Path, "report.html");
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Sample(sample), "--xlsx", xlsx, "--html", html, "--json", json,
            "--as-of", "2026-11-22", "--lang", lang, "-v");
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var from = ConsoleFrom(run.Stdout, prefix);
        var items = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray().ToList();

        using var x = new XlsxReader(xlsx);
        var header = lang == "zh" ? "依据的事实及来源" : "Facts read and where they came from";
        var rows = new Dictionary<string, string>();
        foreach (var sheet in x.SheetNames.Skip(2).Take(6))
        {
            var r = x.Rows(sheet);
            Assert.Equal(15, r[0].Length);
            Assert.Equal(header, r[0][14]);
            foreach (var row in r.Skip(1)) rows[row[0]] = row.Length > 14 ? row[14] ?? "" : "";
        }
        Assert.Equal(items.Count, rows.Count);

        var htmlText = File.ReadAllText(html);
        var htmlRows = Regex.Split(htmlText, "<tr class=\"item\" data-id=\"").Skip(1)
            .ToDictionary(c => WebUtility.HtmlDecode(c[..c.IndexOf('"')]), c => Regex.Match(c, "<ul class=\"facts\">(.*?)</ul>") is { Success: true } m
                ? Regex.Matches(m.Groups[1].Value, "<li>(.*?)</li>").Select(li => WebUtility.HtmlDecode(li.Groups[1].Value)).ToList() : []);

        var withFacts = 0;
        foreach (var item in items)
        {
            var id = item.GetProperty("id").GetString()!;
            var facts = item.GetProperty("provenance").GetProperty("facts").EnumerateArray().ToList();
            // The console's lines are the words; the scorecard's cell and the HTML's list hold exactly those, in order.
            Assert.Equal(string.Join("\n", from[id]), rows[id]);
            Assert.Equal(from[id], htmlRows[id]);
            // Against the results file: every fact path the row read is in its cell with its document and provenance word.
            foreach (var f in facts)
            {
                var line = Assert.Single(from[id], l => l.Contains(f.GetProperty("document").GetString()!, StringComparison.Ordinal)
                    && Regex.IsMatch(l, @"(^|, |、)" + Regex.Escape(f.GetProperty("path").GetString()!) + @"( |, |、|的)")
                    && l.Contains(Word(f.GetProperty("provenance").GetString()!, lang), StringComparison.Ordinal));
                Assert.Contains(line, rows[id]);
            }
            Assert.Equal(facts.Count == 0, rows[id].Length == 0);
            if (facts.Count > 0) withFacts++;
        }
        Assert.True(withFacts > 40, $"{withFacts} rows with facts");
        // The measured facts of the probe are named as such, e.g. "env.cpu.logical_cores is measured (…environment.json)".
        Assert.Contains(rows.Values, v => v.Contains(lang == "zh" ? "的来源为实测（" : " measured (", StringComparison.Ordinal)
                                           && v.Contains("environment.json", StringComparison.Ordinal));
    }

    static string Word(string provenance, string lang) => lang == "en" ? provenance
        : provenance switch { "measured" => "实测", "imported" => "导入", "reviewed" => "评审", _ => "声明" };
}
