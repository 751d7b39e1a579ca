using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports;

namespace Iq.Tests;

/// <summary>The words iq itself writes into evidence (missing, nothing, what an all/any/none found, the order a version
/// comparison used, a long list cut short, informational): catalog messages (IQ80xx) that a results file stores by code
/// beside the unchanged English text, and that every report words in its language. Cases/evidence-words/words.iq has each;
/// its main.en.txt is the English console report of main's build (c282eeb) before the words had codes, not of this code.</summary>
public class EvidenceWordsTests
{
    static string Words => TestPaths.Case("evidence-words");
    static string Checklist => Path.Combine(Words, "words.iq");
    static string Facts => Path.Combine(Words, "facts");

    static CliRunner.Run Audit(string lang, params string[] more) =>
        CliRunner.InProcess(["audit", Checklist, "--facts", Facts, "--as-of", "2026-11-22", "--lang", lang, "-v", .. more]);

    /// <summary>iq's English words in evidence, as they were before they had codes: none may be left in a Chinese report's
    /// evidence (fact paths and values aside: the checklist's own <c>true</c>/<c>false</c> stay).</summary>
    static readonly Regex EnglishWords = new(@"\bmissing\b|\bnothing\b|\bholds?\b|\bfail\b|in all\)|\border\b|informational|\[(shall|should|may)\b|\b(shall|should|may) item",
        RegexOptions.CultureInvariant);

    /// <summary>Byte for byte main's, but for one line added under each row in --verbose: where its facts came from (fresh
    /// eyes: the console showed actual and expected, never the document or its provenance, which every other report gives).</summary>
    [Fact]
    public void The_english_report_is_byte_identical_to_mains_plus_where_each_row_came_from()
    {
        var run = Audit("en");
        Assert.True(run.ExitCode == 1, run.Stderr);
        var lines = run.Stdout.Split('\n');
        var from = lines.Where(l => l.StartsWith("        from: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(File.ReadAllText(Path.Combine(Words, "main.en.txt")), string.Join('\n', lines.Where(l => !from.Contains(l))));
        // Every row of the 16 reads custom.json, declared (unsealed, by hand): each says so, naming its facts and the document.
        var rows = lines.SkipWhile(l => !l.StartsWith("All items", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        var starts = rows.Select((l, i) => (l, i)).Where(x => Regex.IsMatch(x.l, @"^  [A-Z]+ +\S")).Select(x => x.i).Append(rows.Count).ToList();
        Assert.Equal(16, starts.Count - 1);
        for (var i = 0; i + 1 < starts.Count; i++)
        {
            var block = rows.Skip(starts[i]).Take(starts[i + 1] - starts[i]).ToList();
            Assert.True(block.Count(l => l.StartsWith("        from: custom.", StringComparison.Ordinal)
                                         && l.EndsWith($" declared ({Path.Combine(Facts, "custom.json")})", StringComparison.Ordinal)) == 1, string.Join("\n", block));
        }
        Assert.Contains("        from: custom.absent_count, custom.count are declared (", run.Stdout);
        // The default console stays compact: no such line without -v.
        var compact = CliRunner.InProcess("audit", Checklist, "--facts", Facts, "--as-of", "2026-11-22", "--lang", "en");
        Assert.DoesNotContain("from: ", compact.Stdout);
    }

    /// <summary>A judged row in --verbose says who judged it, when, and from which document (the scorecard has them).</summary>
    [Fact]
    public void A_judged_row_names_its_assessor_date_and_document_in_verbose()
    {
        var compliant = Path.Combine(TestPaths.Checklists, "samples", "compliant");
        foreach (var (lang, judged, from) in new[]
                 {
                     ("en", "        attested pass by 周静（第三方检测机构） on 2026-11-20: 现场核查符合要求 (evidence: 现场核查记录 IQ-2026-031 第 1 项)",
                         $"        from: attestations.items[] is reviewed ({Path.Combine(compliant, "attestations.json")})"),
                     ("zh", "        由 周静（第三方检测机构）于 2026-11-20 评审为通过：现场核查符合要求（证据：现场核查记录 IQ-2026-031 第 1 项）",
                         $"        依据：attestations.items[] 的来源为评审（{Path.Combine(compliant, "attestations.json")}）"),
                 })
        {
            var run = CliRunner.InProcess("audit", "--facts", compliant, "--as-of", "2026-11-22", "--lang", lang, "-v");
            Assert.True(run.ExitCode == 0, run.Stderr);
            var lines = run.Stdout.Split('\n').ToList();
            var at = lines.FindIndex(l => Regex.IsMatch(l, @"^  \S+ +6\.1\.1a\.hardening "));
            Assert.True(at >= 0, run.Stdout);
            Assert.Equal(judged, lines[at + 2]);
            Assert.Equal(from, lines[at + 3]);
        }
    }

    [Fact]
    public void A_chinese_report_words_every_evidence_word_in_chinese()
    {
        var run = Audit("zh");
        Assert.True(run.ExitCode == 1, run.Stderr);
        foreach (var words in new[]
        {
            "custom.absent == \"x\"：实际 缺失，期望 == \"x\"",
            "custom.count >= custom.absent_count：实际 7，期望 >= 缺失",
            "实际 true：3 个中 3 个成立，期望 true",
            "实际 false：12 个中 3 个不成立（\"a10\", \"a11\", \"a12\"），期望 true",
            "实际 true：3 个中 1 个成立（\"lung\" (t == \"lung\": \"lung\" == \"lung\")），期望 true",
            "实际 false：3 个中无一成立（\"ct\", \"lung\", \"nodule\"），期望 true",
            "实际 true：3 个中无一成立，期望 true",
            "实际 false：12 个中 3 个成立（\"a10\", \"a11\", \"a12\"），期望 true",
            "期望 >= 1:2.4-1（dpkg 顺序：Debian 政策，epoch、upstream、revision、~）",
            "期望 >= 2.3-1.el8（rpm 顺序：rpmvercmp，epoch、version、release、~、^）",
            "期望 >= 24.0.8（通用点分顺序：两侧均无已知的版本方案）",
            "实际 [\"a1\", \"a2\", \"a3\", \"a4\", \"a5\", \"a6\", \"a7\", \"a8\", \"a9\", \"a10\", …（共 12 项）]",
            "期望 in [\"a1\", \"a2\", \"a3\", \"a4\", \"a5\", \"a6\", \"a7\", \"a8\", \"a9\", \"a10\", …（共 12 项）]",
            "实际 [\"x\", 缺失, \"z\"]",
            "custom.count：实际 7，期望 （资料性）",
            // The level as the standard's clause verb (GB/T 1.1: shall 应, should 宜, may 可), the veto naming it too.
            "错误   missing [应, 4.1.1 a)]", "错误   missing.expected [宜, 4.1.1 c)]", "错误   null [可]", "个“应”级条目不通过或出错",
        })
            Assert.Contains(words, run.Stdout);
        // The evidence after its expression, and the level and clause of each row (the titles are the checklist's own words).
        var lines = run.Stdout.Split('\n');
        var shown = lines.Where(l => l.Contains("：实际 ")).Select(l => l[l.IndexOf("：实际 ", StringComparison.Ordinal)..])
            .Concat(lines.Select(l => Regex.Match(l, @"^  \S+ +\S+ (\[[^\]]*\])")).Where(m => m.Success).Select(m => m.Groups[1].Value)).ToList();
        Assert.True(shown.Count > 30, string.Join("\n", shown));
        var left = shown.Where(l => EnglishWords.IsMatch(l)).ToList();
        Assert.True(left.Count == 0, "English words left in the Chinese report:\n" + string.Join("\n", left));
        Assert.DoesNotMatch(@"\b(shall|should|may)\b", run.Stdout.Split('\n').Single(l => l.Contains("结论")));
    }

    /// <summary>Written in English, reported in Chinese: the words go through the file by code (HTML, scorecard).</summary>
    [Fact]
    public void A_results_file_written_in_english_is_reported_in_chinese()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "en.json");
        Assert.Equal(1, Audit("en", "--json", json).ExitCode);
        var html = Path.Combine(dir.Path, "zh.html");
        var xlsx = Path.Combine(dir.Path, "zh.xlsx");
        var report = CliRunner.InProcess("report", json, "--html", html, "--xlsx", xlsx, "--lang", "zh", "-q");
        Assert.True(report.ExitCode == 1, report.Stderr);
        var text = File.ReadAllText(html);
        foreach (var words in new[] { "true：3 个中 3 个成立", "false：3 个中无一成立（&quot;ct&quot;, &quot;lung&quot;, &quot;nodule&quot;）", "&gt;= 缺失", "（dpkg 顺序：", "…（共 12 项）", "（资料性）" })
            Assert.Contains(words, text);
        Assert.DoesNotContain("of 3 hold", text);
        using var book = new XlsxReader(xlsx);
        var cells = book.SheetNames.SelectMany(book.Rows).SelectMany(r => r).OfType<string>().ToList();
        Assert.Contains(cells, c => c.Contains("true：3 个中 3 个成立", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Contains(">= 缺失", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Contains(">= missing", StringComparison.Ordinal));

        // And the same file in English: the English words, as the file's own texts hold them.
        var en = Path.Combine(dir.Path, "en.html");
        Assert.Equal(1, CliRunner.InProcess("report", json, "--html", en, "--lang", "en", "-q").ExitCode);
        Assert.Contains("true: 3 of 3 hold", File.ReadAllText(en));
    }

    /// <summary>The results file keeps every English text as it was and only adds the words: its evidence, less
    /// <c>actual_words</c> and <c>expected_words</c>, is the evidence main wrote; each word's English is the text beside it.</summary>
    [Fact]
    public void The_results_file_adds_the_words_beside_unchanged_english_texts()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        Assert.Equal(1, Audit("zh", "--json", json).ExitCode);
        var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray();
        var codes = new HashSet<string>();
        void Collect(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                if (o["code"] is JsonValue c && o["args"] is JsonObject) codes.Add((string)c!);
                foreach (var (_, v) in o) Collect(v);
            }
            else if (n is JsonArray a) foreach (var v in a) Collect(v);
        }
        Collect(items);
        // IQ8050: a passing any() naming what held it; IQ8101: an error row's fix (declare the missing custom fact).
        Assert.Equal(["IQ8001", "IQ8003", "IQ8004", "IQ8005", "IQ8006", "IQ8007", "IQ8008", "IQ8009", "IQ8010", "IQ8011", "IQ8012", "IQ8014", "IQ8050", "IQ8101"], codes.Order());

        var doc = ResultsJson.Read(File.ReadAllBytes(json), json, new DiagnosticBag())!;
        var worded = doc.Items.SelectMany(r => r.Evidence.Concat(r.Reason is Iq.Rules.Runtime.Failed { First: { } f } ? [f] : [])).ToList();
        Assert.True(worded.Count(e => e.ActualWords is not null) >= 10);
        foreach (var e in worded)
        {
            if (e.ActualWords is { } a) Assert.Equal(e.Actual, a.Render(Lang.En));
            if (e.ExpectedWords is { } x) Assert.Equal(e.Expected, x.Render(Lang.En));
            Assert.Equal(e.Actual, e.ActualIn(Lang.En));
            Assert.Equal(e.Expected, e.ExpectedIn(Lang.En));
        }
        // Plain values carry no words: a number, a quoted string, a version alone.
        Assert.DoesNotContain(items.SelectMany(i => i!["evidence"]!.AsArray()), e => (string)e!["actual"]! is "7" or "\"a99\"" && e["actual_words"] is not null);
    }

    /// <summary>A results file without the words (written by an older iq) still reads, and shows its English texts.</summary>
    [Fact]
    public void A_results_file_without_words_shows_its_english_texts_in_a_chinese_report()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        Assert.Equal(1, Audit("en", "--json", json).ExitCode);
        var root = JsonNode.Parse(File.ReadAllText(json))!;
        var removed = Strip(root);
        Assert.True(removed >= 10, $"only {removed} words removed");
        File.WriteAllText(json, root.ToJsonString());
        // As an older iq left it: changed from what this audit sealed, so without the seal (iq report refuses a broken one).
        File.Delete(json + ".seal");
        var html = Path.Combine(dir.Path, "zh.html");
        var report = CliRunner.InProcess("report", json, "--html", html, "--lang", "zh", "-q");
        Assert.True(report.ExitCode == 1, report.Stderr);
        var text = File.ReadAllText(html);
        Assert.Contains("true: 3 of 3 hold", text);
        Assert.Contains("&gt;= missing", text);
        Assert.DoesNotContain("个中", text);
    }

    static int Strip(JsonNode? n)
    {
        var count = 0;
        if (n is JsonObject o)
        {
            foreach (var name in new[] { "actual_words", "expected_words" })
                if (o.Remove(name)) count++;
            foreach (var (_, v) in o.ToList()) count += Strip(v);
        }
        else if (n is JsonArray a)
            foreach (var v in a) count += Strip(v);
        return count;
    }

    /// <summary>A code this iq does not know (a newer iq's word) or arguments not the message's own: the English text stands.</summary>
    [Theory]
    [InlineData("""{"code":"IQ8999","args":{}}""")]
    [InlineData("""{"code":"IQ8003","args":{"held":"1"}}""")]
    [InlineData("""{"code":"IQ7001","args":{"file":"x"}}""")]
    [InlineData("""["true: ", {"code":"IQ8999","args":{}}]""")]
    public void Words_this_iq_cannot_word_leave_the_english_text(string words)
    {
        var (bytes, at) = WithWords(words);
        var d = new DiagnosticBag();
        var doc = ResultsJson.Read(bytes, "r.json", d);
        Assert.True(doc is not null, string.Join("\n", d.Items.Select(x => x.Render(Lang.En))));
        var e = doc.Items[at.Item].Evidence[0];
        Assert.Null(e.ActualWords);
        Assert.Equal(e.Actual, e.ActualIn(Lang.Zh));
    }

    /// <summary>Of the wrong type anywhere, the words are refused at their JSON path (exit 2 from the CLI), as reasons are.</summary>
    [Theory]
    [InlineData("5", "actual_words")]
    [InlineData("\"missing\"", "actual_words")]
    [InlineData("true", "actual_words")]
    [InlineData("[]", "actual_words")]
    [InlineData("""{"args":{}}""", "actual_words.code")]
    [InlineData("""{"code":8001,"args":{}}""", "actual_words.code")]
    [InlineData("""{"code":"IQ8001"}""", "actual_words.args")]
    [InlineData("""{"code":"IQ8001","args":[]}""", "actual_words.args")]
    [InlineData("""{"code":"IQ8003","args":{"held":1,"total":"3"}}""", "actual_words.args.held")]
    [InlineData("""{"code":"IQ8003","args":{"held":"1","total":null}}""", "actual_words.args.total")]
    [InlineData("""["a", 5]""", "actual_words[1]")]
    [InlineData("""["a", null]""", "actual_words[1]")]
    [InlineData("""["a", {"code":"IQ8001","args":{"x":[]}}]""", "actual_words[1].args.x")]
    [InlineData("""[{"code":"IQ8008","args":{"order":{"code":5,"args":{}}}}]""", "actual_words[0].args.order.code")]
    public void Words_of_the_wrong_type_are_refused_at_their_json_path(string words, string member)
    {
        var (bytes, at) = WithWords(words);
        var d = new DiagnosticBag();
        Assert.Null(ResultsJson.Read(bytes, "r.json", d));
        var diagnostic = Assert.Single(d.Items);
        Assert.Equal("r.json", diagnostic.Span.File);
        Assert.True(diagnostic.Span.Line >= 1);
        Assert.EndsWith($" at $.items[{at.Item}].evidence[0].{member}", diagnostic.Render(Lang.En));

        // The same in the failed reason's first evidence, read by the reason reader.
        var (inReason, first) = WithWords(words, reason: true);
        d = new DiagnosticBag();
        Assert.Null(ResultsJson.Read(inReason, "r.json", d));
        Assert.EndsWith($" at $.items[{first.Item}].reason.first.{member}", Assert.Single(d.Items).Render(Lang.En));
    }

    [Fact]
    public void The_cli_refuses_words_of_the_wrong_type_with_exit_2_and_the_path()
    {
        using var dir = new TempDir();
        var (bytes, at) = WithWords("""{"code":"IQ8001","args":{"x":5}}""");
        var json = Path.Combine(dir.Path, "r.json");
        File.WriteAllBytes(json, bytes);
        var run = CliRunner.InProcess("report", json, "--html", Path.Combine(dir.Path, "r.html"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error IQ4003: expected a string or a message {{code, args}} at $.items[{at.Item}].evidence[0].actual_words.args.x", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "r.html")));
    }

    static readonly Lazy<string> Results = new(() =>
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        Assert.Equal(1, Audit("en", "--json", json).ExitCode);
        return File.ReadAllText(json);
    });

    /// <summary>The words.iq results with <paramref name="words"/> as the <c>actual_words</c> of a row's first evidence: the
    /// all.fail row's, in its evidence or (<paramref name="reason"/>) its reason's first evidence.</summary>
    static (byte[] Bytes, (int Item, bool Reason) At) WithWords(string words, bool reason = false)
    {
        var root = JsonNode.Parse(Results.Value)!;
        var items = root["items"]!.AsArray();
        var index = items.Select((x, i) => (x, i)).Single(p => (string)p.x!["id"]! == "all.fail").i;
        var target = reason ? items[index]!["reason"]!["first"]!.AsObject() : items[index]!["evidence"]![0]!.AsObject();
        Assert.NotNull(target["actual_words"]);
        target["actual_words"] = JsonNode.Parse(words);
        return (Encoding.UTF8.GetBytes(root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })), (index, reason));
    }

    /// <summary>A manual judgment's evidence words are the status's name in English (what the results always held) and
    /// the report's outcome word in Chinese; a Chinese report of the failing sample (attested rows) shows no English status.</summary>
    [Fact]
    public void A_manual_judgment_is_worded_as_the_reports_outcome_words()
    {
        foreach (var (message, outcome) in new[] { (Msg.JudgedPass, Outcome.Pass), (Msg.JudgedFail, Outcome.Fail),
                     (Msg.JudgedNotApplicable, Outcome.NotApplicable) })
        {
            Assert.Equal(outcome.Name(), message.En);
            Assert.Equal(Iq.Scoring.Text.ReportWords.Outcome(Iq.Scoring.Text.ReportTexts.Zh, outcome), message.Zh);
        }
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", Path.Combine(TestPaths.Checklists, "samples", "failing"),
            "--as-of", "2026-11-22", "--lang", "zh", "-v");
        Assert.Contains("人工评审：实际 通过，期望 通过", run.Stdout);
        Assert.DoesNotContain("实际 pass", run.Stdout);
    }

    /// <summary>A value's words, rendered in English, are the value's text, for every kind of value; plain values have none.</summary>
    [Fact]
    public void A_values_words_in_english_are_its_text()
    {
        object?[] eleven = [.. Enumerable.Range(1, 11).Select(i => (object?)(double)i)];
        var values = new (object? Value, IqType Type, string Zh)[]
        {
            (null, IqType.Any, "无"),
            (new Missing("a.b", Absence.NoValue), IqType.Number, "缺失"),
            (new object?[] { "x", null, new Missing("c", Absence.Absent) }, new ListType(IqType.String), "[\"x\", 无, 缺失]"),
            (eleven, new ListType(IqType.Number), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …（共 11 项）]"),
            (new object?[] { eleven }, new ListType(new ListType(IqType.Number)), "[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …（共 11 项）]]"),
        };
        foreach (var (value, type, zh) in values)
        {
            var words = ValueFormatter.Words(value, type);
            Assert.NotNull(words);
            Assert.Equal(ValueFormatter.Format(value, type), words.Render(Lang.En));
            Assert.Equal(zh, words.Render(Lang.Zh));
        }
        foreach (var (value, type) in new (object?, IqType)[] { (2.0, IqType.Number), ("x", IqType.String), (64.0 * 1024 * 1024 * 1024, IqType.Size), (true, IqType.Bool),
                     (new object?[] { "a", "b" }, new ListType(IqType.String)), (new IqVersion("1.2.3", null), IqType.Version) })
            Assert.Null(ValueFormatter.Words(value, type));
        Assert.Equal("nothing", ValueFormatter.Format(null, IqType.Any));
        Assert.Equal("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (11 in all)]", ValueFormatter.Format(eleven, new ListType(IqType.Number)));
    }
}
