using System.Text.Json.Nodes;
using Iq.Engine.Facts;
using Iq.Rules.Binding;
using Iq.Rules.Compilation;
using Iq.Rules.Model;

namespace Iq.Tests;

/// <summary>Evidence that an assessor can trust: a part's expected side and its ✓/✗ say what the condition needed of it,
/// under <c>not</c> too (Cases/negation); an all/any/none that some elements lack evidence for counts them apart and is not
/// called false; a row about a templated item as a whole carries no unexpanded hole in its id or title.</summary>
public class EvidenceConsistencyTests
{
    static string Case => TestPaths.Case("negation");
    static string Bundled => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    static (CliRunner.Run Run, JsonObject Results) Audit(string checklist, string facts, string lang = "en")
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess("audit", checklist, "--facts", facts, "--as-of", "2026-11-22", "--lang", lang, "-v", "--json", json);
        Assert.True(File.Exists(json), run.Stderr);
        return (run, JsonNode.Parse(File.ReadAllText(json))!.AsObject());
    }

    static IEnumerable<JsonObject> Rows(JsonObject results) => results["items"]!.AsArray().Select(r => r!.AsObject());

    static JsonObject Row(JsonObject results, string id) => Rows(results).Single(r => (string)r["id"]! == id);

    static string Parts(JsonObject row) => string.Join(" | ", row["evidence"]!.AsArray().Select(e =>
        $"{e!["holds"]?.ToJsonString() ?? "null"}{(Decides(e.AsObject()) ? "" : " not-deciding")} {e["expression"]}: actual {e["actual"]}, expected {e["expected"]}"));

    /// <summary>A part decides unless the results say <c>"decides": false</c>.</summary>
    static bool Decides(JsonObject part) => (bool?)part["decides"] ?? true;

    /// <summary>The value of a condition from its recorded parts alone, in the order they were recorded: each leaf (what
    /// the evidence recorder treats as one: anything but and/or/not) takes the next part, whose ✓/✗ says whether it was as
    /// the condition needed it, so its own value is that, flipped under each enclosing not; and/or stop where their left
    /// side decides (then the right side recorded nothing). Kleene logic for parts that could not be decided.</summary>
    static bool? Replay(BoundExpr e, bool negated, Queue<JsonObject> parts, List<string> problems)
    {
        switch (e)
        {
            case BoundBinary { Operator: "and" or "or" } b:
            {
                var left = Replay(b.Left, negated, parts, problems);
                var decides = b.Operator == "and" ? false : true;
                if (left == decides) return left;
                var right = Replay(b.Right, negated, parts, problems);
                return b.Operator == "and"
                    ? left == false || right == false ? false : left is null || right is null ? null : true
                    : left == true || right == true ? true : left is null || right is null ? null : false;
            }
            case BoundUnary { Operator: "not" } u:
                return !Replay(u.Operand, !negated, parts, problems);
            // A boolean if records the branch it took, which begins with its first comparison; the other records nothing.
            case BoundCall { Function: "if", Arguments: [_, var then, var otherwise], Type: var type } when type == IqType.Bool:
                return Replay(parts.TryPeek(out var next) && (string?)next["expression"] == FirstComparison(then) ? then : otherwise, negated, parts, problems);
            default:
                if (!parts.TryDequeue(out var part))
                {
                    problems.Add("a part was not recorded");
                    return null;
                }
                var holds = (bool?)part["holds"];
                return holds is null ? null : holds.Value != negated;
        }
    }

    static string? FirstComparison(BoundExpr e) => e switch
    {
        BoundBinary { Operator: "and" or "or" } b => FirstComparison(b.Left),
        BoundUnary { Operator: "not" } u => FirstComparison(u.Operand),
        BoundBinary b => b.Text,
        _ => null,
    };

    /// <summary>Every passed row of an audit: its recorded parts, replayed, make each of its conditions true, and none is
    /// left over.</summary>
    static List<string> Inconsistent(string checklist, JsonObject results)
    {
        var compiled = ChecklistCompiler.CompileFile(checklist, FactSchema.Default);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var items = compiled.Checklist!.Model.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var problems = new List<string>();
        var passed = 0;
        foreach (var row in Rows(results).Where(r => (string)r["outcome"]! == "pass"))
        {
            passed++;
            var item = items[(string)row["item"]!];
            var parts = new Queue<JsonObject>(row["evidence"]!.AsArray().Select(p => p!.AsObject()));
            var mine = new List<string>();
            // A manual item has no condition: its one part is the assessor's judgment, which must hold.
            if (item.Expectations.Count == 0)
                foreach (var part in parts.Where(p => (bool?)p["holds"] is not true)) mine.Add($"'{part["expression"]}' does not hold");
            else
            foreach (var condition in item.Expectations)
                if (Replay(condition.Expression, false, parts, mine) is not true) mine.Add($"'{condition.Text}' is not true by its parts");
            if (item.Expectations.Count > 0 && parts.Count > 0) mine.Add($"{parts.Count} part(s) left over");
            // The row passed: only parts that held decided it; one that did not hold is shown as not deciding, never as ✗.
            foreach (var part in row["evidence"]!.AsArray().Select(p => p!.AsObject()).Where(p => (bool?)p["holds"] is not true && Decides(p)))
                mine.Add($"'{part["expression"]}' did not hold yet is shown as deciding a passed row");
            problems.AddRange(mine.Select(m => $"{row["id"]}: {m} ({Parts(row)})"));
        }
        Assert.True(passed > 0, "no passed row to check");
        return problems;
    }

    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void No_passed_row_of_a_sample_shows_a_part_against_it(string sample)
    {
        var (_, results) = Audit(Bundled, Path.Combine(TestPaths.Checklists, "samples", sample));
        var problems = Inconsistent(Bundled, results);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_passed_row_of_the_negation_case_shows_a_part_against_it()
    {
        var checklist = Path.Combine(Case, "negation.iq");
        var (_, results) = Audit(checklist, Path.Combine(Case, "facts"));
        var problems = Inconsistent(checklist, results);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_part_under_not_is_expected_false_in_every_output()
    {
        var (run, results) = Audit(Path.Combine(Case, "negation.iq"), Path.Combine(Case, "facts"));
        Assert.Equal("true custom.off: actual false, expected false", Parts(Row(results, "not.term")));
        // A condition that is not a conjunction and failed is shown whole first, then its part.
        Assert.Equal("false not custom.on: actual false, expected true | false custom.on: actual true, expected false", Parts(Row(results, "not.term.fail")));
        Assert.Equal("true custom.count >= 64: actual 7, expected not >= 64", Parts(Row(results, "not.compare")));
        // The or's right side made up for its left: the left part is shown as not holding, the row passes.
        Assert.Equal("false not-deciding custom.on: actual true, expected false | true custom.count == 7: actual 7, expected == 7", Parts(Row(results, "not.or")));
        Assert.Equal("false not-deciding custom.on: actual true, expected false | true custom.count > 7: actual 7, expected not > 7", Parts(Row(results, "not.and")));
        Assert.Equal("true custom.on: actual true, expected true", Parts(Row(results, "not.not")));
        Assert.Equal("true exists(custom.absent): actual false, expected false", Parts(Row(results, "not.exists")));
        Assert.Equal("true any(custom.nics, n => n.name == \"eth9\"): actual false: none of 3 holds (ifb0, ifb1, eth0), expected false",
            Parts(Row(results, "not.any")));
        // An and cut short: its right side recorded nothing.
        Assert.Equal("false custom.off: actual false, expected true", Parts(Row(results, "and.short")));
        foreach (var id in new[] { "not.term", "not.compare", "not.or", "not.and", "not.not", "not.exists", "not.any" })
            Assert.Equal("pass", (string)Row(results, id)["outcome"]!);
        Assert.Equal("fail", (string)Row(results, "not.term.fail")["outcome"]!);
        // The console says the same, with the marks.
        Assert.Contains("✓ custom.off: actual false, expected false", run.Stdout);
        Assert.Contains("✓ custom.count >= 64: actual 7, expected not >= 64", run.Stdout);
        // A part that did not decide the row is marked so, never ✗ on a passed row (console -v, explain, HTML, xlsx alike).
        Assert.Contains("· custom.on: actual true, expected false (not deciding: another part of the condition decided it)", run.Stdout);
        var notOr = run.Stdout[run.Stdout.IndexOf("PASS  not.or ", StringComparison.Ordinal)..];
        Assert.DoesNotContain("✗", notOr[..notOr.IndexOf("PASS  not.and ", StringComparison.Ordinal)]);
        // A failed row's reason names the condition, which is not a conjunction, whole.
        Assert.Contains("not custom.on: actual false, expected true", (string)Row(results, "not.term.fail")["message"]!);
    }

    /// <summary>Fresh eyes 4, #4: a condition that is an if showed only "actual false, expected true" (001 6.3.2.sweep never
    /// showed thread_speedup against min_speedup). The branch taken records what it compared, the other nothing; in the
    /// results file, the console, the HTML and xlsx, <c>iq explain</c> and a report rendered again from the results.</summary>
    [Fact]
    public void An_if_records_what_its_branch_taken_compared_in_every_output()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var html = Path.Combine(dir.Path, "r.html");
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var checklist = Path.Combine(Case, "negation.iq");
        var run = CliRunner.InProcess("audit", checklist, "--facts", Path.Combine(Case, "facts"), "--as-of", "2026-11-22",
            "--lang", "en", "-v", "--json", json, "--html", html, "--xlsx", xlsx);
        var results = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        Assert.Equal("false custom.count >= 64: actual 7, expected >= 64", Parts(Row(results, "if.then.fail")));
        Assert.Equal("fail", (string)Row(results, "if.then.fail")["outcome"]!);
        Assert.Equal("custom.count >= 64", (string)Row(results, "if.then.fail")["reason"]!["first"]!["expression"]!);
        Assert.Equal("true custom.count < 10: actual 7, expected < 10", Parts(Row(results, "if.else.pass")));
        Assert.Equal("pass", (string)Row(results, "if.else.pass")["outcome"]!);
        // No branch taken: the whole if, missing, and the row is an error naming the fact.
        Assert.Equal("null if(custom.absent == 1, custom.count >= 64, custom.on): actual missing, expected true", Parts(Row(results, "if.undecided")));
        Assert.Equal("error", (string)Row(results, "if.undecided")["outcome"]!);
        Assert.Equal("false not-deciding custom.off: actual false, expected true | true custom.count == 7: actual 7, expected == 7 | true custom.off: actual false, expected false",
            Parts(Row(results, "if.or")));
        Assert.Equal("true custom.count > 7: actual 7, expected not > 7", Parts(Row(results, "if.not")));
        Assert.Equal("pass", (string)Row(results, "if.not")["outcome"]!);
        // What the assessor reads: the console (the failed row's line and -v), HTML, xlsx, explain, a report from the results.
        Assert.Contains("custom.count >= 64: actual 7, expected >= 64", run.Stdout);
        Assert.Contains("custom.count &lt; 10", File.ReadAllText(html));
        using (var book = new XlsxReader(xlsx))
            Assert.Contains(book.SheetNames.SelectMany(book.Rows).SelectMany(r => r).OfType<string>(), c => c.Contains("custom.count >= 64", StringComparison.Ordinal));
        var explain = CliRunner.InProcess("explain", "if.then.fail", "--checklist", checklist, "--facts", Path.Combine(Case, "facts"), "--as-of", "2026-11-22", "--lang", "en");
        Assert.Contains("✗ custom.count >= 64: actual 7, expected >= 64", explain.Stdout);
        var again = Path.Combine(dir.Path, "again.html");
        CliRunner.InProcess("report", json, "--html", again, "--lang", "en", "-q");
        Assert.Contains("custom.count &lt; 10", File.ReadAllText(again));
        Assert.Empty(Inconsistent(checklist, results));
    }

    [Fact]
    public void An_all_any_none_with_elements_lacking_evidence_counts_them_apart_and_is_not_false()
    {
        var (run, results) = Audit(Path.Combine(Case, "negation.iq"), Path.Combine(Case, "facts"));
        Assert.Equal("null any(custom.nics, n => n.speed >= 1000): actual missing: 0 of 3 hold, 2 fail (ifb0, ifb1), 1 without evidence (eth0), expected true",
            Parts(Row(results, "any.undecided")));
        Assert.Equal("null all(custom.nics, n => n.speed >= 10): actual missing: 2 of 3 hold, 1 without evidence (eth0), expected true",
            Parts(Row(results, "all.undecided")));
        Assert.Equal("false all(custom.fast, n => n.speed >= 1000): actual false: 1 of 3 fail (ifb0), 1 without evidence (eth0), expected true",
            Parts(Row(results, "all.decided")));
        // A passing any() names the element that held it and what it compared (custom.json: eth1 at 100000).
        Assert.Equal("true any(custom.fast, n => n.speed >= 1000): actual true: 1 of 3 hold (eth1 (n.speed >= 1000: 100000 >= 1000)), 1 without evidence (eth0), expected true",
            Parts(Row(results, "any.decided")));
        Assert.Equal("error", (string)Row(results, "any.undecided")["outcome"]!);
        Assert.Equal("error", (string)Row(results, "all.undecided")["outcome"]!);
        // Stored by code, worded in Chinese from the same run's words.
        var words = Row(results, "any.undecided")["evidence"]![0]!["actual_words"]!.AsArray().Select(w => (string)w!["code"]!);
        Assert.Equal(["IQ8019", "IQ8020", "IQ8021"], words);
        var (zh, _) = Audit(Path.Combine(Case, "negation.iq"), Path.Combine(Case, "facts"), "zh");
        Assert.Contains("实际 缺失：3 个中 0 个成立，2 个不成立（ifb0, ifb1），1 个缺少证据（eth0）", zh.Stdout);
        Assert.Contains("actual missing: 0 of 3 hold, 2 fail", run.Stdout);
    }

    [Fact]
    public void A_quantifier_over_an_empty_list_says_its_value_and_that_the_list_is_empty_in_every_output()
    {
        // any() over nothing is false: a FAIL row that read "actual true: 0 of 0 hold" contradicted itself (fresh eyes 3, #3).
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var html = Path.Combine(dir.Path, "r.html");
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var run = CliRunner.InProcess("audit", Path.Combine(Case, "negation.iq"), "--facts", Path.Combine(Case, "facts"), "--as-of", "2026-11-22",
            "--lang", "en", "-v", "--json", json, "--html", html, "--xlsx", xlsx);
        var results = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        Assert.Equal("false any(custom.none_found, n => n.speed >= 1000): actual false: the list is empty, expected true", Parts(Row(results, "any.empty")));
        Assert.Equal("fail", (string)Row(results, "any.empty")["outcome"]!);
        Assert.Equal("true none(custom.none_found, n => n.speed >= 1000): actual true: the list is empty, expected true", Parts(Row(results, "none.empty")));
        Assert.Equal("IQ8022", (string)Row(results, "any.empty")["evidence"]![0]!["actual_words"]!["code"]!);
        Assert.Contains("actual false: the list is empty", run.Stdout);
        Assert.Contains("actual false: the list is empty", File.ReadAllText(html));
        using (var book = new XlsxReader(xlsx))
            Assert.Contains(book.SheetNames.SelectMany(book.Rows).SelectMany(r => r).OfType<string>(), c => c.Contains("false: the list is empty", StringComparison.Ordinal));
        foreach (var text in new[] { run.Stdout, File.ReadAllText(html) })
            Assert.DoesNotContain("of 0 hold", text);
        // Chinese: the same words, from the code (a report re-rendered from the English file) and from the run itself.
        var zhHtml = Path.Combine(dir.Path, "zh.html");
        Assert.Equal(1, CliRunner.InProcess("report", json, "--html", zhHtml, "--lang", "zh", "-q").ExitCode);
        Assert.Contains("false：列表为空", File.ReadAllText(zhHtml));
        var (zh, _) = Audit(Path.Combine(Case, "negation.iq"), Path.Combine(Case, "facts"), "zh");
        Assert.Contains("实际 false：列表为空", zh.Stdout);
        Assert.DoesNotContain("0 个中 0 个成立", zh.Stdout);
    }

    [Fact]
    public void An_all_over_an_empty_list_is_missing_evidence_never_a_vacuous_pass()
    {
        // Nothing compared is never a pass (fresh eyes 3, #4: 5.5.1b.documents passed on "0 of 0 hold").
        var (run, results) = Audit(Path.Combine(Case, "negation.iq"), Path.Combine(Case, "facts"));
        var row = Row(results, "all.empty");
        Assert.Equal("error", (string)row["outcome"]!);
        Assert.Equal("null all(custom.none_found, n => n.speed >= 1000): actual missing: the list is empty, expected true", Parts(row));
        Assert.Equal("missing_evidence", (string)row["reason"]!["kind"]!);
        Assert.Equal("empty_list", (string)row["reason"]!["facts"]![0]!["cause"]!);
        Assert.Contains("custom.none_found is an empty list; all() needs at least one entry to verify", (string)row["message"]!);
        Assert.Contains("custom.none_found is an empty list", run.Stdout);
        // Kleene: an or whose other side allows the empty list decides it.
        Assert.Equal("pass", (string)Row(results, "all.empty.or")["outcome"]!);
        // Read back from the results file and worded in Chinese.
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        File.WriteAllText(json, results.ToJsonString());
        var html = Path.Combine(dir.Path, "zh.html");
        var report = CliRunner.InProcess("report", json, "--html", html, "--lang", "zh", "-q");
        Assert.True(File.Exists(html), report.Stderr);
        Assert.Contains("custom.none_found 是空列表；all() 至少需要一项才能核对", File.ReadAllText(html));
    }

    [Fact]
    public void A_first_that_finds_nothing_reads_the_same_from_the_results_file_as_on_the_audits_console()
    {
        // The results file stored the cause as "undecidable", so a report rendered from it showed a bare "first" where the
        // audit's console (and its own HTML) said "first(custom.nics, …): no element matches".
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var auditHtml = Path.Combine(dir.Path, "audit.html");
        var audit = CliRunner.InProcess("audit", Path.Combine(Case, "negation.iq"), "--facts", Path.Combine(Case, "facts"), "--as-of", "2026-11-22",
            "--lang", "en", "-v", "--json", json, "--html", auditHtml);
        var results = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        var row = Row(results, "first.none");
        Assert.Equal("error", (string)row["outcome"]!);
        Assert.Equal("no_match", (string)row["reason"]!["facts"]![0]!["cause"]!);
        const string words = "first(custom.nics, …): no element matches";
        Assert.Contains("missing evidence: " + words, audit.Stdout);
        Assert.Contains(words, File.ReadAllText(auditHtml));
        // Rendered again from the results file, in English and in Chinese: the same words.
        foreach (var (lang, expected) in new[] { ("en", words), ("zh", "first(custom.nics, …)：没有匹配的元素") })
        {
            var html = Path.Combine(dir.Path, $"{lang}.html");
            var report = CliRunner.InProcess("report", json, "--html", html, "--lang", lang, "-q");
            Assert.True(File.Exists(html), report.Stderr);
            Assert.Contains(expected, File.ReadAllText(html));
        }
    }

    [Fact]
    public void A_foreach_without_its_source_is_named_by_its_id_without_the_template()
    {
        var (run, results) = Audit(Path.Combine(Case, "negation.iq"), Path.Combine(Case, "facts"));
        Assert.Equal("GPU … (…)", (string)Row(results, "gpu")["title"]!);
        Assert.Equal("error", (string)Row(results, "gpu")["outcome"]!);
        Assert.Equal("watch …", (string)Row(results, "watch")["title"]!);
        Assert.DoesNotContain("{", run.Stdout);
    }

    /// <summary>The bundled checklist with no facts at all (every foreach source missing, as on a bare machine): no row id or
    /// title keeps a template's hole, in the results file or on the console.</summary>
    [Fact]
    public void No_row_of_an_audit_without_facts_keeps_a_hole()
    {
        using var empty = new TempDir();
        var (run, results) = Audit(Bundled, empty.Path);
        var holes = Rows(results).Where(r => ((string)r["id"]!).Contains('{') || ((string)r["title"]!).Contains('{'))
            .Select(r => $"{r["id"]} {r["title"]}").ToList();
        Assert.True(holes.Count == 0, string.Join("\n", holes));
        Assert.Contains(Rows(results), r => (string)r["id"]! == "6.1.1a.gpu-memory");
        Assert.Contains(Rows(results), r => (string)r["id"]! == "6.2.2g.data-watch");
        Assert.DoesNotContain(run.Stdout.Split('\n'), l => l.Contains("[{"));
    }

    /// <summary>One place decides which parts did not decide (the row builder); every output renders that: the results'
    /// <c>decides</c>, the console's mark, iq explain, the HTML evidence table and the scorecard's expected column, in
    /// English and Chinese.</summary>
    [Fact]
    public void A_part_that_did_not_decide_is_marked_so_in_explain_html_and_the_scorecard()
    {
        var checklist = Path.Combine(Case, "negation.iq");
        var facts = Path.Combine(Case, "facts");
        var explain = CliRunner.InProcess("explain", "not.or", "--checklist", checklist, "--facts", facts, "--lang", "en");
        Assert.Contains("· custom.on: actual true, expected false (not deciding: another part of the condition decided it)", explain.Stdout);
        Assert.DoesNotContain("✗ custom.on", explain.Stdout);
        using var dir = new TempDir();
        var html = Path.Combine(dir.Path, "r.html");
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var run = CliRunner.InProcess("audit", checklist, "--facts", facts, "--as-of", "2026-11-22", "--lang", "zh", "--html", html, "--xlsx", xlsx);
        Assert.True(File.Exists(html), run.Stderr);
        Assert.Contains("<tr class=\"not-deciding\"><td><code>custom.on</code>", File.ReadAllText(html));
        Assert.Contains("（未决定结果：条件的另一部分已决定）", File.ReadAllText(html));
        using var book = new XlsxReader(xlsx);
        var cells = book.SheetNames.SelectMany(book.Rows).SelectMany(r => r).ToList();
        Assert.Contains(cells, c => c is not null && c.Contains("（未决定结果：条件的另一部分已决定）"));
    }
}
