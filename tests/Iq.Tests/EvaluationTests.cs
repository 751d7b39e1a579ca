using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Tests;

/// <summary>Outcome rules, evidence and foreach expansion: Cases/evaluation.iq against Cases/evaluation.expected.</summary>
public class EvaluationTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    internal static IReadOnlyList<ItemResult> Evaluate(string checklist, out CompiledChecklist compiled)
    {
        var result = ChecklistCompiler.CompileFile(TestPaths.Case(checklist), FactSchema.Default);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var bundle = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
        compiled = result.Checklist!;
        return compiled.Evaluate(bundle.Values, Now);
    }

    static string Describe(ItemResult r)
    {
        var evidence = r.Evidence.Select(e => $" || {e.Expression} :: {e.Actual} :: {e.Expected}");
        return $"{r.Outcome.Name()} | {Math.Round(r.Score, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)} | {r.Message}{string.Concat(evidence)}";
    }

    [Fact]
    public void Every_item_has_its_expected_outcome_score_and_evidence()
    {
        var results = Evaluate("evaluation.iq", out _);
        var expected = CaseFile.Load("evaluation.expected").Select(c => ((string)c[1], (string)c[2])).ToList();
        Assert.Equal(expected.Select(e => e.Item1), results.Select(r => r.Id));
        foreach (var (id, want) in expected)
            Assert.Equal($"{id} ⇶ {want}".TrimEnd(), $"{id} ⇶ {Describe(results.Single(r => r.Id == id))}".TrimEnd());
    }

    [Fact]
    public void Fix_is_rendered_per_element_and_only_for_failures()
    {
        var results = Evaluate("evaluation.iq", out _);
        Assert.Equal("assign exactly one A for 验收", results.Single(r => r.Id == "raci[验收]").Fix);
        Assert.Null(results.Single(r => r.Id == "raci[环境准备]").Fix);
        Assert.Equal("add processors", results.Single(r => r.Id == "fail.simple").Fix);
        Assert.Equal("version of kubectl", results.Single(r => r.Id == "sw[kubectl]").Title);
    }

    [Fact]
    public void Weighted_score_and_veto_follow_the_formula()
    {
        var results = Evaluate("evaluation.iq", out var compiled);
        var score = Scorer.Score(compiled.Model, results);
        // Section A (weight 2): pass.simple 1·1, fail.simple 2·0, fail.conjunction 0, fail.two-expects 0, error.missing 0,
        // error.probe 0, fail.beats.missing 0, error.runtime 0 → 1 / 9.
        var a = score.Root.Sections.Single(s => s.Id == "A");
        Assert.Equal(100.0 / 9, a.Score!.Value, 6);
        // Section B: error.when 0, pass.score 0.5, fail.score 2/3, pass.full-score 1, dep.passed 1, dep.failed 0, dep.error 0
        // (notapplicable, notchecked, informational excluded) → 19/6 / 7.
        var b = score.Root.Sections.Single(s => s.Id == "B");
        Assert.Equal(100 * (0 + 0.5 + 2.0 / 3 + 1 + 1 + 0 + 0) / 7, b.Score!.Value, 6);
        // Section C: sw 1, sw.max mean(0, 1, 0) = 1/3, raci mean(1, 0) = 1/2, none mean(0, 1, 1) = 2/3 → (1 + 1/3 + 1/2 + 2/3) / 4.
        var c = score.Root.Sections.Single(s => s.Id == "C");
        Assert.Equal(100 * (1 + 1.0 / 3 + 0.5 + 2.0 / 3) / 4, c.Score!.Value, 6);
        Assert.Equal((2 * a.Score.Value + b.Score.Value + c.Score.Value) / 4, score.Score!.Value, 6);
        Assert.Equal(Verdict.Fail, score.Verdict);
        // Items without a level are shall.
        Assert.Equal("veto: 6 shall item(s) failed or errored (error.when, fail.score, dep.failed, dep.error, raci[验收], … 1 more)", score.Reason);
    }

    [Fact]
    public void Results_are_identical_across_evaluations()
    {
        var first = Evaluate("evaluation.iq", out var compiled);
        var bundle = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default);
        var second = compiled.Evaluate(bundle.Values, Now);
        Assert.Equal(first.Select(Describe), second.Select(Describe));
    }
}
