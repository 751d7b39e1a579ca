using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>The checklists run on NRules: a tailored checklist with item dependencies and <c>foreach</c> over GPUs and
/// software evaluates through forward chaining (an item that reads another's outcome matches the outcome fact its rules
/// insert), every item gets its rows, and the rows say which facts their rule matched.</summary>
public class ForwardChainingTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    static (CompiledChecklist, IReadOnlyList<ItemResult>) Run(ExpressionMode mode)
    {
        var compiled = ChecklistCompiler.CompileFile(TestPaths.Case("tailoring/chained.iq"), FactSchema.Default, new CompileOptions { Expressions = mode });
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default);
        return (compiled.Checklist!, compiled.Checklist!.Evaluate(bundle.Values, Now, new EvaluationOptions { TraceMatches = true }));
    }

    [Theory]
    [InlineData(ExpressionMode.Compiled)]
    [InlineData(ExpressionMode.Interpreted)]
    public void Dependent_items_fire_after_the_items_they_read(ExpressionMode mode)
    {
        var (checklist, results) = Run(mode);
        string Row(string id) => results.Single(r => r.Id == id).Outcome.Name();
        // Facts: three GPUs of 80, 80 and 40 GiB; 128 cores, 512 GiB; docker, kubectl and cuda installed at their minimums.
        Assert.Equal(["pass", "pass", "pass"], results.Where(r => r.ItemId == "gpu.memory").Select(r => r.Outcome.Name()));
        Assert.Equal(["pass", "pass", "fail"], results.Where(r => r.ItemId == "gpu.large").Select(r => r.Outcome.Name()));
        Assert.Equal("pass", Row("gpu.ready"));
        Assert.Equal("pass", Row("sw.stack"));
        Assert.Equal("pass", Row("sw.report"));
        Assert.Equal("notselected", Row("staff"));
        // Every item has its rows, in document order, and the rules that read outcomes wait for them.
        Assert.Equal(checklist.Model.Items.Select(i => i.Id), results.Select(r => r.ItemId).Distinct());
        var ready = checklist.Rules.Single(r => r.Name == "gpu.ready");
        Assert.Equal(["gpu.memory", "cpu"], ready.DependsOn);
        Assert.Contains("outcome of item gpu.memory", ready.Matches.Select(m => m.Render(Lang.En)));
        Assert.Contains(checklist.Rules, r => r.Name == "gpu.memory (foreach)" && r.Matches.Select(m => m.Render(Lang.En)).Contains("document env (environment)"));
        Assert.DoesNotContain(checklist.Rules, r => r.ItemId == "staff");
    }

    [Fact]
    public void A_row_says_which_facts_its_rule_matched()
    {
        var (_, results) = Run(ExpressionMode.Interpreted);
        var gpu = results.Where(r => r.ItemId == "gpu.large").ElementAt(2);
        Assert.Equal("gpu.large[NVIDIA A100-SXM4-40GB]", gpu.Id);
        Assert.Contains(gpu.Matched, m => m.Render(Lang.En).StartsWith("element env.gpus[2]", StringComparison.Ordinal));
        Assert.Equal("fail", gpu.Outcome.Name());
        Assert.Equal("g.memory >= 80 GiB: actual 40 GiB, expected >= 80 GiB", gpu.Message);
        var stack = results.Single(r => r.Id == "sw.stack");
        Assert.Contains("item sw.min: pass", stack.Matched.Select(m => m.Render(Lang.En)));
        Assert.Contains("item gpu.ready: pass", stack.Matched.Select(m => m.Render(Lang.En)));
        var report = results.Single(r => r.Id == "sw.report");
        Assert.Contains("item staff: notselected", report.Matched.Select(m => m.Render(Lang.En)));
    }

    [Fact]
    public void All_names_the_elements_that_fail_it_with_a_count()
    {
        var (_, results) = Run(ExpressionMode.Compiled);
        var row = results.Single(r => r.Id == "gpu.all-large");
        var e = Assert.Single(row.Evidence);
        Assert.Equal("all", e.Operator);
        Assert.False(e.Holds);
        Assert.Equal(1, e.FailingCount);
        Assert.Equal(["NVIDIA A100-SXM4-40GB"], e.Failing);
        Assert.Equal("false: 1 of 3 fail (NVIDIA A100-SXM4-40GB)", e.Actual);
    }

    /// <summary>A quantifier over a list that is absent says nothing failed: it must not show the failing elements of
    /// an earlier item that shared its rule and evidence slot (they did before: the slot kept them).</summary>
    [Theory]
    [InlineData(ExpressionMode.Compiled)]
    [InlineData(ExpressionMode.Interpreted)]
    public void A_missing_list_carries_no_failing_elements_of_another_item(ExpressionMode mode)
    {
        const string source = """
            checklist "q" {
              title "quantifiers"
              version "1"
              scoring weighted pass_at 80 veto shall
            }
            section "s" "s" weight 1 {
              item "large" "every GPU is large" { level may  expect all(env.gpus, g => g.memory >= 80 GiB) }
              item "none" "no baseline errors" { level may  expect all(baseline.concurrency, c => c.errors == 0) }
            }
            """;
        var compiled = ChecklistCompiler.CompileText(source, "q.iq", FactSchema.Default, new CompileOptions { Expressions = mode });
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        var bundle = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default); // no baseline document
        var results = compiled.Checklist!.Evaluate(bundle.Values, Now, new EvaluationOptions());
        var large = Assert.Single(results.Single(r => r.Id == "large").Evidence);
        Assert.Equal(["NVIDIA A100-SXM4-40GB"], large.Failing);
        var none = results.Single(r => r.Id == "none");
        Assert.Equal("error", none.Outcome.Name());
        var e = Assert.Single(none.Evidence);
        Assert.Empty(e.Failing);
        Assert.Equal(0, e.FailingCount);
    }

    [Fact]
    public void Passing_rows_carry_their_evidence()
    {
        var (_, results) = Run(ExpressionMode.Compiled);
        var cpu = results.Single(r => r.Id == "cpu");
        Assert.Equal("pass", cpu.Outcome.Name());
        var e = Assert.Single(cpu.Evidence);
        Assert.Equal((">=", true, "128", ">= 64"), (e.Operator, e.Holds, e.Actual, e.Expected));
        var ready = results.Single(r => r.Id == "gpu.ready");
        Assert.Equal(["passed(\"gpu.memory\")", "passed(\"cpu\")"], ready.Evidence.Select(x => x.Expression));
        Assert.All(ready.Evidence, x => Assert.True(x.Holds));
    }

    /// <summary><c>iq explain --lang zh</c> words its own lines in Chinese: the rows' summary and the evidence a failed row
    /// also missed (both were English whatever the language).</summary>
    [Fact]
    public void Explain_in_chinese_words_the_rows_summary_and_what_a_failed_row_also_missed()
    {
        using var dir = new TempDir();
        var checklist = Path.Combine(dir.Path, "gpus.iq");
        File.WriteAllText(checklist, """
            checklist "gpus" {
              title "GPUs"
              version "1.0"
              scoring weighted pass_at 80 veto shall
            }
            section "6.1" "resources" weight 40 {
              item "gpu.large" foreach g in env.gpus "GPU {g.index} has 80 GiB" {
                level should  expect g.memory >= 80 GiB  expect g.uuid != ""
              }
            }
            """);
        // GPU 2 (40 GiB) fails the first expectation and has no uuid: a failed row that also misses evidence.
        var facts = Path.Combine(dir.Path, "facts");
        Directory.CreateDirectory(facts);
        foreach (var f in Directory.GetFiles(TestPaths.Case("facts"), "*.json")) File.Copy(f, Path.Combine(facts, Path.GetFileName(f)));
        var env = Path.Combine(facts, "environment.json");
        File.WriteAllText(env, File.ReadAllText(env).Replace(", \"uuid\": \"GPU-ccc\"", ""));
        string[] Args(string lang) => ["explain", "gpu.large", "--checklist", checklist, "--facts", facts, "--as-of", "2026-11-22", "--lang", lang];
        var en = CliRunner.InProcess(Args("en"));
        Assert.True(en.ExitCode == 0, en.Stderr);
        Assert.Contains("1 of 3 rows fail or error: gpu.large[", en.Stdout);
        Assert.Contains("also missing evidence: g.uuid", en.Stdout);
        var zh = CliRunner.InProcess(Args("zh"));
        Assert.True(zh.ExitCode == 0, zh.Stderr);
        Assert.Contains("3 行中 1 行不通过或出错：gpu.large[", zh.Stdout);
        Assert.Contains("另缺少证据：g.uuid", zh.Stdout);
        Assert.DoesNotContain("rows fail", zh.Stdout);
        Assert.DoesNotContain("absent", zh.Stdout);
    }

    [Fact]
    public void Check_lists_the_rules_and_explain_shows_what_a_row_matched()
    {
        var check = CliRunner.InProcess("check", TestPaths.Case("tailoring/chained.iq"), "--rules");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("rule \"gpu.ready\" (item)", check.Stdout);
        Assert.Contains("after    gpu.memory, cpu", check.Stdout);
        Assert.Contains("no rule for \"staff\": disabled by tailoring", check.Stdout);
        var explain = CliRunner.InProcess("explain", "gpu.large", "--checklist", TestPaths.Case("tailoring/chained.iq"),
            "--facts", TestPaths.Case("facts"), "--as-of", "2026-11-22");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("matched: document env (environment); element env.gpus[2]", explain.Stdout);
        Assert.Contains("1 of 3 rows fail or error: gpu.large[NVIDIA A100-SXM4-40GB]", explain.Stdout);
        // No line twice within a row: a failure's message is its evidence, shown once (two GPUs alike give alike rows).
        var rows = System.Text.RegularExpressions.Regex.Split(explain.Stdout, @"\n(?=  (?:PASS|FAIL|ERROR) )");
        Assert.Equal(4, rows.Length);
        foreach (var row in rows)
        {
            var lines = row.Split('\n').Where(l => l.Trim().Length > 0).ToList();
            Assert.Equal(lines.Count, lines.Distinct().Count());
        }
    }

    /// <summary>The same listing under --lang zh: iq's words in Chinese, the names (rules, items, facts) as written.</summary>
    [Fact]
    public void Check_and_explain_word_their_listing_in_the_report_language()
    {
        var check = CliRunner.InProcess("check", TestPaths.Case("tailoring/chained.iq"), "--rules", "--lang", "zh");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("规则 \"gpu.ready\"（item）", check.Stdout);
        Assert.Contains("  之后     gpu.memory, cpu（它们的结果是它所匹配的事实）", check.Stdout);
        Assert.Contains("  匹配     审核运行本身, ", check.Stdout);
        Assert.Contains("\"staff\" 没有规则：已被剪裁禁用（", check.Stdout);
        Assert.DoesNotContain("no rule for", check.Stdout);
        var explain = CliRunner.InProcess("explain", "gpu.large", "--checklist", TestPaths.Case("tailoring/chained.iq"),
            "--facts", TestPaths.Case("facts"), "--as-of", "2026-11-22", "--lang", "zh");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("已匹配：文档 env（environment）；元素 env.gpus[2]", explain.Stdout);
        Assert.Contains("  规则   \"gpu.large\" 匹配 ", explain.Stdout);
    }
}
