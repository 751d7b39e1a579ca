using BenchmarkDotNet.Attributes;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using RulesEngine.Models;

namespace Iq.Bench;

/// <summary>Issue 2's targets: a 500-item checklist compiles in under 200 ms and evaluates a bundle in under 1 ms;
/// the same 500 conditions as a Microsoft RulesEngine workflow are the peer (evaluations per second, bytes allocated).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ChecklistBenchmarks
{
    string _text = "";
    CompiledChecklist _compiled = null!;
    FactValues _facts = null!;
    RulesEngine.RulesEngine _peer = null!;
    RuleParameter[] _peerInput = [];
    static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _text = Generated.Checklist();
        _compiled = ChecklistCompiler.CompileText(_text, "bench.iq", FactSchema.Default).Checklist
                    ?? throw new InvalidOperationException("the generated checklist does not compile");
        _facts = FactBundleReader.Load([Paths.Facts], FactSchema.Default).Values;
        var workflow = new Workflow
        {
            WorkflowName = "iq",
            Rules = Enumerable.Range(0, Generated.Items).Select(i => new Rule
            {
                RuleName = $"i{i}",
                Expression = Generated.Condition(i).RulesEngine,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
            }).ToList(),
        };
        _peer = new RulesEngine.RulesEngine([workflow], new ReSettings());
        _peerInput = [new RuleParameter("env", PeerEnv.From(_facts))];
        // Both engines must agree on every condition, or the comparison means nothing.
        var ours = _compiled.Evaluate(_facts, Now).Select(r => r.Outcome == Outcome.Pass).ToArray();
        var theirs = _peer.ExecuteAllRulesAsync("iq", _peerInput).GetAwaiter().GetResult().Select(r => r.IsSuccess).ToArray();
        if (!ours.SequenceEqual(theirs) || ours.Count(x => !x) != Generated.Items / 10)
            throw new InvalidOperationException("iq and RulesEngine disagree on the generated conditions");
    }

    [Benchmark(Description = "iq: compile 500-item checklist")]
    public CompiledChecklist Compile() => ChecklistCompiler.CompileText(_text, "bench.iq", FactSchema.Default).Checklist!;

    [Benchmark(Description = "iq: evaluate 500 items")]
    public IReadOnlyList<ItemResult> Evaluate() => _compiled.Evaluate(_facts, Now);

    [Benchmark(Description = "RulesEngine: evaluate 500 rules")]
    public List<RuleResultTree> EvaluatePeer() => _peer.ExecuteAllRulesAsync("iq", _peerInput).GetAwaiter().GetResult();
}

static class Paths
{
    public static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Iq.Rules.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public static string Facts => Path.Combine(Repo, "tests", "Iq.Tests", "Cases", "facts");
}
