using System.Net;
using System.Text.RegularExpressions;
using Iq.Rules.Messages;
using Iq.Scoring.Text;

namespace Iq.Tests;

/// <summary>A Chinese report says no English word of iq's own in a row's title, reason or fix: not on the console (-v, every
/// row), not in the HTML report, not in the scorecard (read back with the Open XML SDK), whether written by the audit or by
/// <c>iq report</c> from an English or a Chinese results file. The English words are the catalog's: every word of a row's
/// words (<see cref="Message.ArgumentsWhole"/>, rules/Messages) in English. What is legitimately ASCII in a Chinese cell is
/// left out by rule, not listed by hand: tokens that are not bare words (ids, fact paths, units with numbers, tool names
/// with dots, file names), words the Chinese catalog itself writes (dpkg, epoch, true …), and words of the input (the
/// checklist outside its comments, the fact documents: a value, a document's own English reason, stays as the input has it).
/// Samples: failing, compliant, and failing without <c>logs.largest_gap</c>, whose fix template then holds a missing value
/// (<c>（最长间隔 missing）</c> before the fix).</summary>
public class ChineseWordsTests
{
    static readonly string Samples = Path.Combine(TestPaths.Checklists, "samples");
    static readonly string Checklist = Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>A run of letters, digits and the characters of ids, paths, units and names; a bare word is letters only.</summary>
    static readonly Regex Token = new(@"[A-Za-z0-9_.\-/:$\[\]'@+#=<>~^]+", RegexOptions.CultureInvariant);
    static readonly Regex BareWord = new(@"^[A-Za-z]{2,}$", RegexOptions.CultureInvariant);
    static readonly Regex Hole = new(@"\{[a-z_]+\}", RegexOptions.CultureInvariant);

    static IEnumerable<string> Words(string text) =>
        Token.Matches(text).Select(m => m.Value.Trim('\'', ':', '.', '-', '/')).Where(w => BareWord.IsMatch(w)).Select(w => w.ToLowerInvariant());

    /// <summary>The English words of iq's row words, less those the Chinese catalog writes too.</summary>
    static readonly HashSet<string> CatalogWords = Vocabulary();

    static HashSet<string> Vocabulary()
    {
        var zh = MsgCatalog.All.SelectMany(m => Words(Hole.Replace(m.Message.Zh, " "))).ToHashSet();
        return MsgCatalog.All.Where(m => m.Message.ArgumentsWhole).SelectMany(m => Words(Hole.Replace(m.Message.En, " ")))
            .Where(w => !zh.Contains(w)).ToHashSet();
    }

    static HashSet<string> InputWords(string bundle)
    {
        var words = File.ReadLines(Checklist).Select(l => Regex.Replace(l, @"^\s*#.*$|\s#\s.*$", "")).SelectMany(Words).ToHashSet();
        foreach (var f in Directory.GetFiles(bundle)) words.UnionWith(Words(File.ReadAllText(f)));
        return words;
    }

    static string Bundle(string sample, TempDir dir)
    {
        if (sample != "gap") return Path.Combine(Samples, sample);
        // failing, its log analysis without largest_gap: 6.5.1a.continuity errs, and its fix quotes the missing gap.
        var to = Path.Combine(dir.Path, "gap");
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(Path.Combine(Samples, "failing")).Where(f => !f.EndsWith("logs.json.seal", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        var logs = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(to, "logs.json")))!.AsObject();
        Assert.True(RemoveMember(logs, "largest_gap"), "the sample's logs.json has no largest_gap");
        File.WriteAllText(Path.Combine(to, "logs.json"), logs.ToJsonString());
        return to;
    }

    static bool RemoveMember(System.Text.Json.Nodes.JsonNode? node, string name) => node switch
    {
        System.Text.Json.Nodes.JsonObject o when o.ContainsKey(name) => o.Remove(name),
        System.Text.Json.Nodes.JsonObject o => o.Any(p => RemoveMember(p.Value, name)),
        System.Text.Json.Nodes.JsonArray a => a.Any(e => RemoveMember(e, name)),
        _ => false,
    };

    /// <summary>Each cell's catalog words that the input does not account for, as "where: word in 'text'".</summary>
    static List<string> English(IEnumerable<(string Where, string Text)> cells, HashSet<string> input) =>
        cells.SelectMany(c => Words(c.Text).Where(w => CatalogWords.Contains(w) && !input.Contains(w)).Distinct()
            .Select(w => $"{c.Where}: '{w}' in {c.Text}")).ToList();

    /// <summary>Console rows of <c>-v</c>: the row line's title, and the indented lines under it but the evidence (✓ ✗ ?
    /// lines, "expression：actual …", whose expressions are the checklist's).</summary>
    static IEnumerable<(string, string)> ConsoleCells(string stdout)
    {
        var inRow = false;
        foreach (var line in stdout.Split('\n'))
        {
            if (Regex.Match(line, @"^  \S+ +(\S+) \[[^\]]*\] (.*)$") is { Success: true } row)
            {
                inRow = true;
                yield return ("console title " + row.Groups[1].Value, row.Groups[2].Value);
            }
            else if (inRow && line.StartsWith("        ", StringComparison.Ordinal))
            {
                var text = line.Trim();
                if (text.Length > 0 && text[0] is not ('✓' or '✗' or '?') && !text.Contains("：实际 ", StringComparison.Ordinal)) yield return ("console", text);
            }
            else inRow = false;
        }
    }

    static IEnumerable<(string, string)> HtmlCells(string html)
    {
        var fix = WebUtility.HtmlEncode(ReportTexts.Zh.Format("html.label", ("label", ReportTexts.Zh["col.fix"])));
        foreach (Match row in Regex.Matches(html, "<tr class=\"item\" data-id=\"([^\"]*)\".*?</tr>\n", RegexOptions.Singleline))
        {
            var id = WebUtility.HtmlDecode(row.Groups[1].Value);
            var cells = Regex.Matches(row.Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline);
            yield return ("html title " + id, WebUtility.HtmlDecode(cells[2].Groups[1].Value));
            yield return ("html reason " + id, WebUtility.HtmlDecode(Regex.Match(row.Value, "<summary>(.*?)</summary>", RegexOptions.Singleline).Groups[1].Value));
            foreach (Match f in Regex.Matches(row.Value, "<p><b>" + Regex.Escape(fix) + "</b> (.*?)</p>", RegexOptions.Singleline))
                yield return ("html fix " + id, WebUtility.HtmlDecode(f.Groups[1].Value));
        }
    }

    /// <summary>The title, message and remediation columns of every item sheet, found by their Chinese heads; read with the
    /// Open XML SDK (<see cref="XlsxReader"/>), not with the ClosedXML that wrote them (whose reader also loads the charts'
    /// pictures, which needs libgdiplus).</summary>
    static List<(string, string)> XlsxCells(string path)
    {
        var cells = new List<(string, string)>();
        using var xlsx = new XlsxReader(path);
        var heads = new[] { "col.requirement", "col.message", "col.fix" }.Select(k => ReportTexts.Zh[k]).ToArray();
        foreach (var sheet in xlsx.SheetNames)
        {
            var rows = xlsx.Rows(sheet);
            if (rows.Count < 2) continue;
            var columns = heads.Select(h => Array.IndexOf(rows[0], h)).ToArray();
            if (columns.Any(c => c < 0)) continue;
            for (var r = 1; r < rows.Count; r++)
                foreach (var c in columns)
                    if (c < rows[r].Length && rows[r][c] is { Length: > 0 } text) cells.Add(($"xlsx {sheet} row {r + 1} column {c + 1}", text));
        }
        return cells;
    }

    public static TheoryData<string> Bundles => new() { "failing", "compliant", "gap" };

    [Theory]
    [MemberData(nameof(Bundles))]
    public void A_chinese_audit_says_no_english_word_of_iqs_in_a_rows_title_reason_or_fix(string sample)
    {
        using var dir = new TempDir();
        var bundle = Bundle(sample, dir);
        var input = InputWords(bundle);
        Assert.Contains("missing", CatalogWords);
        Assert.DoesNotContain("missing", input);
        var html = Path.Combine(dir.Path, "r.html");
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var run = CliRunner.InProcess(["audit", "--facts", bundle, "--as-of", "2026-11-22", "--lang", "zh", "-v", "--html", html, "--xlsx", xlsx,
            "--json", Path.Combine(dir.Path, "r.json")]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var console = ConsoleCells(run.Stdout).ToList();
        var htmlCells = HtmlCells(File.ReadAllText(html)).ToList();
        var xlsxCells = XlsxCells(xlsx);
        // The readers found the rows (a reader that finds nothing would pass anything).
        Assert.True(console.Count > 100, $"console: {console.Count} cells");
        Assert.True(htmlCells.Count > 100, $"html: {htmlCells.Count} cells");
        Assert.True(xlsxCells.Count > 100, $"xlsx: {xlsxCells.Count} cells");
        var english = English(console.Concat(htmlCells).Concat(xlsxCells), input);
        Assert.True(english.Count == 0, string.Join("\n", english.Take(20)));
        if (sample == "gap")
        {
            // The cells the run is about: the fix says the gap is missing in Chinese.
            Assert.Contains(console, c => c.Item2 == "整改：查明日志中断的时段（最长间隔 缺失）并补齐记录");
            Assert.Contains(htmlCells, c => c.Item2 == "查明日志中断的时段（最长间隔 缺失）并补齐记录");
            Assert.Contains(xlsxCells, c => c.Item2 == "查明日志中断的时段（最长间隔 缺失）并补齐记录");
        }
    }

    /// <summary><c>iq report</c> of an English results file in Chinese (and of a Chinese one in English): the words come from
    /// the file, so each report words them in its own language.</summary>
    [Theory]
    [MemberData(nameof(Bundles))]
    public void A_report_from_the_results_file_words_them_in_its_own_language(string sample)
    {
        using var dir = new TempDir();
        var bundle = Bundle(sample, dir);
        var input = InputWords(bundle);
        var en = Path.Combine(dir.Path, "en.json");
        var zh = Path.Combine(dir.Path, "zh.json");
        Assert.True(CliRunner.InProcess(["audit", "--facts", bundle, "--as-of", "2026-11-22", "--lang", "en", "--json", en, "--html", Path.Combine(dir.Path, "audit.en.html")]).ExitCode is 0 or 1);
        Assert.True(CliRunner.InProcess(["audit", "--facts", bundle, "--as-of", "2026-11-22", "--lang", "zh", "--json", zh]).ExitCode is 0 or 1);
        var run = CliRunner.InProcess(["report", en, "--lang", "zh", "--html", Path.Combine(dir.Path, "r.html"), "--xlsx", Path.Combine(dir.Path, "r.xlsx")]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var cells = HtmlCells(File.ReadAllText(Path.Combine(dir.Path, "r.html"))).Concat(XlsxCells(Path.Combine(dir.Path, "r.xlsx"))).ToList();
        Assert.True(cells.Count > 200, $"{cells.Count} cells");
        var english = English(cells, input);
        Assert.True(english.Count == 0, string.Join("\n", english.Take(20)));

        // The other way: an English report of the Chinese audit's file is the English audit's report.
        Assert.True(CliRunner.InProcess(["report", zh, "--lang", "en", "--html", Path.Combine(dir.Path, "back.en.html")]).ExitCode is 0 or 1);
        Assert.Equal(Rows(File.ReadAllText(Path.Combine(dir.Path, "audit.en.html"))), Rows(File.ReadAllText(Path.Combine(dir.Path, "back.en.html"))));
        if (sample == "gap")
        {
            Assert.Contains(cells, c => c.Item2 == "查明日志中断的时段（最长间隔 缺失）并补齐记录");
            Assert.Contains("查明日志中断的时段（最长间隔 missing）并补齐记录", File.ReadAllText(Path.Combine(dir.Path, "back.en.html")), StringComparison.Ordinal);
        }
    }

    static List<string> Rows(string html) => Regex.Matches(html, "<tr class=\"item\".*?</tr>\n", RegexOptions.Singleline).Select(m => m.Value).ToList();
}
