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
/// Samples: failing, compliant, failing without <c>logs.largest_gap</c>, whose fix template then holds a missing value
/// (<c>（最长间隔 missing）</c> before the fix), and failing with a GPU without its name and an optional software entry of
/// the plan without its name ("holes"): a title's hole (<c>GPU 0（missing）</c>) and a <c>when … because</c> text's hole
/// (<c>方案将 missing 标为可选</c>) hold a missing value. The fleet report of a store of such bundles, likewise.</summary>
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

    static string Bundle(string sample, TempDir dir, string? to = null)
    {
        if (sample is not ("gap" or "holes")) return Path.Combine(Samples, sample);
        to ??= Path.Combine(dir.Path, sample);
        Directory.CreateDirectory(to);
        // The documents edited lose their seals (an edited sealed document is refused).
        var edited = sample == "gap" ? new[] { "logs.json" } : ["environment.json", "plan.json"];
        foreach (var f in Directory.GetFiles(Path.Combine(Samples, "failing"), "*.json*")
                     .Where(f => !edited.Any(e => Path.GetFileName(f) == e + ".seal")))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        if (sample == "gap")
        {
            // failing, its log analysis without largest_gap: 6.5.1a.continuity errs, and its fix quotes the missing gap.
            Edit(Path.Combine(to, "logs.json"), logs => Assert.True(RemoveMember(logs, "largest_gap"), "the sample's logs.json has no largest_gap"));
            Reseal(Path.Combine(to, "logs.json"));
            return to;
        }
        // GPU 0 without its name: its row's title is "GPU 0（missing）…" in English. The plan's optional software entry
        // (required: false, not installed) without its name: not applicable, because "方案将 missing 标为可选…".
        Edit(Path.Combine(to, "environment.json"), env =>
            Assert.True(Find(env, "gpus") is System.Text.Json.Nodes.JsonArray gpus && gpus[0]!.AsObject().Remove("name"), "no GPU 0 with a name"));
        Edit(Path.Combine(to, "plan.json"), plan =>
        {
            var optional = (Find(plan, "software") as System.Text.Json.Nodes.JsonArray)?.Select(s => s!.AsObject())
                .Where(s => s["required"] is { } r && r.GetValueKind() == System.Text.Json.JsonValueKind.False).ToList();
            Assert.True(optional is [var entry] && entry.Remove("name"), "the plan has not one optional software entry with a name");
        });
        Reseal(Path.Combine(to, "environment.json"));
        return to;
    }

    /// <summary>Seals an edited measured document again (iq seal), so that its rows are decided on its content: unsealed, the
    /// rows that require it measured are errors whose reason quotes the seal note, which is not what this test is about.</summary>
    static void Reseal(string file)
    {
        var run = CliRunner.InProcess("seal", file);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    static void Edit(string file, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(document);
        File.WriteAllText(file, document.ToJsonString());
    }

    /// <summary>The first member named <paramref name="name"/>, depth first.</summary>
    static System.Text.Json.Nodes.JsonNode? Find(System.Text.Json.Nodes.JsonNode? node, string name) => node switch
    {
        System.Text.Json.Nodes.JsonObject o when o.ContainsKey(name) => o[name],
        System.Text.Json.Nodes.JsonObject o => o.Select(p => Find(p.Value, name)).FirstOrDefault(n => n is not null),
        System.Text.Json.Nodes.JsonArray a => a.Select(e => Find(e, name)).FirstOrDefault(n => n is not null),
        _ => null,
    };

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

    public static TheoryData<string> Bundles => new() { "failing", "compliant", "gap", "holes" };

    /// <summary>The cells of the holes bundle that its holes are in, in Chinese: the title of GPU 0's row, and the not
    /// applicable reason of the optional software entry.</summary>
    const string HoleTitle = "GPU 0（缺失）显存满足最低配置";
    const string HoleBecause = "不适用：方案将 缺失 标为可选（required: false），且未安装";

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
            // The cells the run is about: the error row's fix (ErrorFixes: a measured fact missing) says in Chinese how to
            // measure the gap, its command as iq spells it.
            Assert.Contains(console, c => c.Item2 == "整改：在被安装的主机上测量 logs.largest_gap：iq logs INSTALL.log… --out BUNDLE/");
            Assert.Contains(htmlCells, c => c.Item2 == "在被安装的主机上测量 logs.largest_gap：iq logs INSTALL.log… --out BUNDLE/");
            Assert.Contains(xlsxCells, c => c.Item2 == "在被安装的主机上测量 logs.largest_gap：iq logs INSTALL.log… --out BUNDLE/");
        }
        if (sample == "holes")
        {
            foreach (var (name, cells) in new[] { ("console", console), ("html", htmlCells), ("xlsx", xlsxCells) })
            {
                Assert.True(cells.Any(c => c.Item2 == HoleTitle), $"{name}: no cell '{HoleTitle}'");
                Assert.True(cells.Any(c => c.Item2 == HoleBecause || c.Item2 == HoleBecause["不适用：".Length..]), $"{name}: no cell '{HoleBecause}'");
            }
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
            Assert.Contains(cells, c => c.Item2 == "在被安装的主机上测量 logs.largest_gap：iq logs INSTALL.log… --out BUNDLE/");
            Assert.Contains("measure logs.largest_gap on the installed host: iq logs INSTALL.log… --out BUNDLE/", File.ReadAllText(Path.Combine(dir.Path, "back.en.html")), StringComparison.Ordinal);
        }
        if (sample == "holes")
        {
            Assert.Contains(cells, c => c.Item2 == HoleTitle);
            Assert.Contains(cells, c => c.Item2 == HoleBecause || c.Item2 == HoleBecause["不适用：".Length..]);
            var back = File.ReadAllText(Path.Combine(dir.Path, "back.en.html"));
            Assert.Contains("GPU 0（missing）显存满足最低配置", back, StringComparison.Ordinal);
            Assert.Contains("方案将 missing 标为可选", back, StringComparison.Ordinal);
        }
    }

    /// <summary><c>iq fleet report --lang zh</c> of a store of two holes bundles: the console's items that fail most, the
    /// HTML's item tables and the workbook's item sheets say no English word of iq's in a title (GPU 0's is
    /// <c>GPU 0（缺失）…</c> in each); the JSON keeps the English title with its words, as a results file does; and
    /// <c>iq fleet export</c> is still byte for byte what <c>iq audit --json</c> writes.</summary>
    [Fact]
    public void A_chinese_fleet_report_says_no_english_word_of_iqs_in_a_title()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "fleet");
        var sites = new[] { Bundle("holes", dir, Path.Combine(root, "north", "site-a")), Bundle("holes", dir, Path.Combine(root, "south", "site-b")) };
        var input = InputWords(sites[0]);
        var db = Path.Combine(dir.Path, "results.db");
        var run = CliRunner.InProcess(["fleet", "run", root, "--store", db, "--as-of", "2026-11-22"]);
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var (html, xlsx, json) = (Path.Combine(dir.Path, "f.html"), Path.Combine(dir.Path, "f.xlsx"), Path.Combine(dir.Path, "f.json"));
        var report = CliRunner.InProcess(["fleet", "report", "--store", db, "--lang", "zh", "--html", html, "--xlsx", xlsx, "--json", json]);
        Assert.True(report.ExitCode == 1, report.Stdout + report.Stderr);

        var console = report.Stdout.Split('\n').Select(l => Regex.Match(l, @"^  +\d+ 个站点 +\S+ +(\S+) (\[[^\]]*\] .*)$"))
            .Where(m => m.Success).Select(m => ("fleet console " + m.Groups[1].Value, m.Groups[2].Value)).ToList();
        var htmlCells = FleetHtmlTitles(File.ReadAllText(html)).ToList();
        var xlsxCells = FleetXlsxTitles(xlsx);
        Assert.True(console.Count >= 5, $"console: {console.Count} cells\n{report.Stdout}");
        Assert.True(htmlCells.Count > 100, $"html: {htmlCells.Count} cells");
        Assert.True(xlsxCells.Count > 100, $"xlsx: {xlsxCells.Count} cells");
        var english = English(console.Concat(htmlCells).Concat(xlsxCells), input);
        Assert.True(english.Count == 0, string.Join("\n", english.Take(20)));
        Assert.Contains(console, c => c.Item2.EndsWith("] " + HoleTitle, StringComparison.Ordinal));
        Assert.Contains(htmlCells, c => c.Item2 == HoleTitle);
        Assert.Contains(xlsxCells, c => c.Item2 == HoleTitle);

        // The JSON: the English title, as the results file has it, and its words, which render as the Chinese reports show.
        var item = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == "6.1.1a.gpu-memory[0]");
        Assert.Equal("GPU 0（missing）显存满足最低配置", item.GetProperty("title").GetString());
        var words = Iq.Scoring.Reports.ReasonJson.ReadWords(item.GetProperty("title_words"), "$", (p, m) => new InvalidOperationException(p));
        Assert.Equal(HoleTitle, words!.Render(Lang.Zh));
        Assert.Equal("GPU 0（missing）显存满足最低配置", words.Render(Lang.En));

        // What the store keeps is still what iq audit --json writes.
        var audit = Path.Combine(dir.Path, "audit.json");
        Assert.True(CliRunner.InProcess(["audit", "--facts", sites[0], "--as-of", "2026-11-22", "--json", audit]).ExitCode == 1);
        var export = Path.Combine(dir.Path, "export.json");
        Assert.True(CliRunner.InProcess(["fleet", "export", "--store", db, "--site", "site-a", "-o", export]).ExitCode == 0);
        FleetTests.SameBytes(audit, export, "the export differs from iq audit --json");
    }

    /// <summary>The title cell of every item row of the fleet HTML report's item tables (id, clause, level, title, …).</summary>
    static IEnumerable<(string, string)> FleetHtmlTitles(string html)
    {
        foreach (Match row in Regex.Matches(html, "<tr data-id=\"([^\"]*)\">(.*?)</tr>", RegexOptions.Singleline))
        {
            var cells = Regex.Matches(row.Groups[2].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline);
            if (cells.Count >= 4) yield return ("fleet html title " + WebUtility.HtmlDecode(row.Groups[1].Value), WebUtility.HtmlDecode(cells[3].Groups[1].Value));
        }
    }

    /// <summary>The requirement (title) column of every sheet of the fleet workbook that has one, found by its Chinese head.</summary>
    static List<(string, string)> FleetXlsxTitles(string path)
    {
        var cells = new List<(string, string)>();
        using var xlsx = new XlsxReader(path);
        var head = ReportTexts.Zh["fleet.col.requirement"];
        foreach (var sheet in xlsx.SheetNames)
        {
            var rows = xlsx.Rows(sheet);
            if (rows.Count < 2 || Array.IndexOf(rows[0], head) is var c && c < 0) continue;
            for (var r = 1; r < rows.Count; r++)
                if (c < rows[r].Length && rows[r][c] is { Length: > 0 } text) cells.Add(($"fleet xlsx {sheet} row {r + 1}", text));
        }
        return cells;
    }

    static List<string> Rows(string html) => Regex.Matches(html, "<tr class=\"item\".*?</tr>\n", RegexOptions.Singleline).Select(m => m.Value).ToList();
}
