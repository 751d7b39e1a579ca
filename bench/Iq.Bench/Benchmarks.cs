using BenchmarkDotNet.Attributes;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using RulesEngine.Models;

namespace Iq.Bench;

/// <summary>Issue 2's targets: a 500-item checklist compiles in under 200 ms and evaluates a bundle in under 1 ms;
/// the same conditions as a Microsoft RulesEngine workflow are the peer (evaluations per second, bytes allocated), both
/// compiled once. Issue 18: the same at 5,000 items.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ChecklistBenchmarks
{
    [Params(500, 5000)]
    public int Items { get; set; } = Generated.Items;

    string _text = "";
    CompiledChecklist _compiled = null!;
    FactValues _facts = null!;
    RulesEngine.RulesEngine _peer = null!;
    RuleParameter[] _peerInput = [];
    static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _text = Generated.Checklist(items: Items);
        _compiled = ChecklistCompiler.CompileText(_text, "bench.iq", FactSchema.Default).Checklist
                    ?? throw new InvalidOperationException("the generated checklist does not compile");
        _facts = FactBundleReader.Load([Paths.Facts], FactSchema.Default).Values;
        _peer = Peer.Engine(Items);
        _peerInput = Peer.Input(_facts);
        // Both engines must agree on every condition, or the comparison means nothing.
        var ours = _compiled.Evaluate(_facts, Now).Select(r => r.Outcome == Outcome.Pass).ToArray();
        var theirs = _peer.ExecuteAllRulesAsync("iq", _peerInput).GetAwaiter().GetResult().Select(r => r.IsSuccess).ToArray();
        if (!ours.SequenceEqual(theirs) || ours.Count(x => !x) != Items / 10)
            throw new InvalidOperationException("iq and RulesEngine disagree on the generated conditions");
    }

    [Benchmark(Description = "iq: compile the generated checklist")]
    public CompiledChecklist Compile() => ChecklistCompiler.CompileText(_text, "bench.iq", FactSchema.Default).Checklist!;

    [Benchmark(Description = "iq: evaluate the generated items (warm)")]
    public IReadOnlyList<ItemResult> Evaluate() => _compiled.Evaluate(_facts, Now);

    [Benchmark(Description = "RulesEngine: evaluate the same rules (warm)")]
    public List<RuleResultTree> EvaluatePeer() => _peer.ExecuteAllRulesAsync("iq", _peerInput).GetAwaiter().GetResult();
}

/// <summary>The generated conditions as one Microsoft RulesEngine workflow, over the same facts.</summary>
static class Peer
{
    public static RulesEngine.RulesEngine Engine(int items) => new([new Workflow
    {
        WorkflowName = "iq",
        Rules = Enumerable.Range(0, items).Select(i => new Rule
        {
            RuleName = $"i{i}",
            Expression = Generated.Condition(i).RulesEngine,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
        }).ToList(),
    }], new ReSettings());

    public static RuleParameter[] Input(FactValues facts) => [new RuleParameter("env", PeerEnv.From(facts))];
}

static class Paths
{
    public static string Repo
    {
        get
        {
            // The build output inside the repository, else the working folder; a bench built elsewhere said nothing and
            // then failed far away (a checklist that "does not compile", a null reference), so say so here.
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                var dir = new DirectoryInfo(start);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Iq.Rules.sln"))) dir = dir.Parent;
                if (dir is not null) return dir.FullName;
            }
            throw new InvalidOperationException(
                "Iq.Bench reads the repository's checklists and samples: run it from inside the repository (no Iq.Rules.sln " +
                $"above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()})");
        }
    }

    public static string Facts => Path.Combine(Repo, "tests", "Iq.Tests", "Cases", "facts");
}
