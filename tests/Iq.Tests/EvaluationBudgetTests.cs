using System.Text.Json;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Work that grows with the facts: <c>any(plan.staff, p => p.role == role)</c> per RACI row is a lookup in an index
/// built once (fresheyes6 F-C4: 20,000 x 20,000 kept an audit busy past five minutes), and what is still superlinear stops
/// at the evaluation's step budget with an error naming the item. Work is counted in steps (lambda calls), not timed.</summary>
public class EvaluationBudgetTests
{
    static readonly DateTimeOffset Now = TestFacts.Now;

    /// <summary>The failing sample bundle with its plan grown to <paramref name="n"/> staff and <paramref name="n"/> RACI rows,
    /// as the finding's repro builds it: row i is the responsibility of role zz{i}, which nobody holds, but row 0's (r5) is held.</summary>
    static string LargePlan(int n)
    {
        var dir = Directory.CreateTempSubdirectory("iq-budget-").FullName;
        var sample = Path.Combine(TestPaths.Checklists, "samples", "failing");
        foreach (var f in Directory.GetFiles(sample, "*.json")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var plan = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(sample, "plan.json")))!;
        var facts = JsonSerializer.Deserialize<Dictionary<string, object?>>(plan["facts"].GetRawText())!;
        facts["staff"] = Enumerable.Range(0, n).Select(i => new { name = $"p{i}", role = $"r{i}", qualification = "q", party = "提供方", trained = true });
        facts["raci"] = Enumerable.Range(0, n).Select(i => new
        {
            activity = $"a{i}", responsible = new[] { i == 0 ? "r5" : $"zz{i}" }, accountable = new[] { "r1" },
            consulted = Array.Empty<string>(), informed = Array.Empty<string>(),
        });
        var whole = plan.ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
        whole["facts"] = facts;
        File.WriteAllText(Path.Combine(dir, "plan.json"), JsonSerializer.Serialize(whole));
        return dir;
    }

    static CompiledChecklist Standard()
    {
        var compiled = ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), FactSchema.Default);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Checklist!;
    }

    /// <summary>3,000 x 3,000: the scan per row took about 9 million predicate calls (3,000 for each row's unheld role); with
    /// the index the whole audit fits in 200,000 steps. Before the index this threw EvaluationBudgetException for 6.1.2a.staffed.</summary>
    [Theory]
    [InlineData(ExpressionMode.Compiled)]
    [InlineData(ExpressionMode.Interpreted)]
    public void Staffing_a_large_plan_is_a_lookup_per_row_not_a_scan(ExpressionMode mode)
    {
        var dir = LargePlan(3000);
        try
        {
            var compiled = ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), FactSchema.Default,
                new CompileOptions { Expressions = mode });
            Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
            var bundle = FactBundleReader.Load([dir], FactSchema.Default);
            var rows = compiled.Checklist!.Evaluate(bundle.Values, Now, new EvaluationOptions { StepBudget = 200_000 })
                .Where(r => r.ItemId == "6.1.2a.staffed").ToList();
            Assert.Equal(3000, rows.Count);
            Assert.Equal("pass", rows[0].Outcome.Name());
            Assert.All(rows.Skip(1), r => Assert.Equal("fail", r.Outcome.Name()));
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A quantifier in a foreach the index does not serve (an inequality) is still quadratic: past the budget the
    /// evaluation ends with IQ4030 naming the item and its line in the checklist, instead of running on.</summary>
    [Fact]
    public void Past_the_budget_the_evaluation_ends_naming_the_item_and_its_line()
    {
        const string text = """
            checklist "budget" {
              title "budget"
            }
            section "A" "a" {
              item "quadratic" foreach r in plan.raci "row {r.activity}" {
                level shall
                expect any(plan.staff, p => p.role != r.activity and p.name == "nobody")
              }
            }
            """;
        var compiled = TestChecklists.Compile(text, "budget.iq");
        var facts = TestFacts.Plan(Enumerable.Range(0, 300).Select(i => TestFacts.Named("role", $"r{i}")),
            Enumerable.Range(0, 300).Select(i => TestFacts.Obj(("activity", $"a{i}"))));
        var e = Assert.Throws<EvaluationBudgetException>(() => compiled.Evaluate(facts, Now, new EvaluationOptions { StepBudget = 10_000 }));
        Assert.Equal("quadratic", e.Item);
        Assert.Equal(("budget.iq", 5), (e.Span!.File, e.Span.Line));
        var d = e.ToDiagnostic();
        Assert.Equal("IQ4030", d.Code);
        Assert.Contains("'quadratic'", d.Message, StringComparison.Ordinal);
        Assert.Contains("10000", d.Message, StringComparison.Ordinal);
        // The same facts within a budget the work fits: 300 rows x 300 staff.
        var rows = compiled.Evaluate(facts, Now, new EvaluationOptions { StepBudget = 300 * 300 + 300 });
        Assert.All(rows, r => Assert.Equal("fail", r.Outcome.Name()));
    }
}
