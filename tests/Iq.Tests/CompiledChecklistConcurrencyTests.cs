using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>One compiled checklist evaluated on several threads at once (iq fleet run shares one across its workers) gives
/// each evaluation the rows it gives alone. With FastExpressionCompiler's delegates for nested lambdas (an any() inside an
/// all()), 8 of 4,000 parallel evaluations came out otherwise ("the item's rule did not fire", evidence twice) in every run
/// (found by the index property test of eqsem); the runtime's own compiler gives none.</summary>
public class CompiledChecklistConcurrencyTests
{
    const string Text = """
        checklist "c" {
          title "c"
        }
        section "A" "a" {
          item "x" "x" {
            level shall
            expect all(plan.raci, r => any(plan.staff, p => r.activity == p.role))
          }
          item "y" "y" {
            level shall
            expect none(plan.raci, r => any(plan.staff, p => r.activity == p.role))
          }
        }
        """;

    /// <summary>Six bundles: staff empty or one member "a"; the activity "a" or "".</summary>
    static FactValues Bundle(int i) => TestFacts.Plan(i % 2 == 0 ? Array.Empty<object?>() : [TestFacts.Obj(("role", "a"))],
        [TestFacts.Obj(("activity", i % 3 == 0 ? "a" : ""))]);

    [Theory]
    [InlineData(ExpressionMode.Compiled)]
    [InlineData(ExpressionMode.Interpreted)]
    public void Parallel_evaluations_of_one_compiled_checklist_give_the_rows_each_gives_alone(ExpressionMode mode)
    {
        var c = TestChecklists.Compile(Text, "c.iq", new CompileOptions { Expressions = mode });
        string Rows(int i) => TestChecklists.Rows(c.Evaluate(Bundle(i), null));
        var alone = Enumerable.Range(0, 6).Select(Rows).ToArray();
        Assert.Contains("pass", string.Join("|", alone), StringComparison.Ordinal); // the bundles tell outcomes apart
        Assert.Contains("fail", string.Join("|", alone), StringComparison.Ordinal);
        var differ = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            string rows;
            try { rows = Rows(i % 6); }
            catch (Exception e) { rows = "threw " + e.GetType().Name + ": " + e.Message; }
            if (rows != alone[i % 6]) differ.Add(rows + " VS " + alone[i % 6]);
        });
        Assert.True(differ.IsEmpty, $"{differ.Count} of 4000 parallel evaluations differ from the same bundle alone; e.g. {differ.FirstOrDefault()}");
    }
}
