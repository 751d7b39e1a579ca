using BenchmarkDotNet.Attributes;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using RulesEngine.Models;

namespace Iq.Bench.Peers;

/// <summary>Issue 18's goal: iq evaluating the IQ checklist over one sample bundle against Microsoft RulesEngine
/// evaluating its port (gbt-aimd-iq.rulesengine.json) over the same facts. Both compiled once and warm; the facts are
/// read and converted once (iq's FactValues, RulesEngine's typed objects) in the setup.</summary>
/// In process: building BenchmarkDotNet's separate project takes longer than its 120 s limit on a loaded 2-core machine.
[MemoryDiagnoser]
[InProcess]
public class PeerBenchmarks
{
    [Params("failing", "compliant")]
    public string Bundle { get; set; } = "failing";

    CompiledChecklist _iq = null!;
    FactValues _facts = null!;
    RulesEngine.RulesEngine _engine = null!;
    RuleParameter[] _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _iq = PeerBench.Checklist();
        _facts = FactBundleReader.Load([Path.Combine(Paths.Repo, "checklists", "samples", Bundle)], FactSchema.Default).Values;
        _engine = PeerPort.Load(PeerPort.PathIn(Paths.Repo)).Engine();
        _input = PeerFacts.From(_facts);
        _engine.ExecuteAllRulesAsync(PeerPort.Workflow, _input).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "iq evaluate gbt-aimd-iq")]
    public IReadOnlyList<ItemResult> Iq() => _iq.Evaluate(_facts, DateTimeOffset.UnixEpoch);

    [Benchmark(Description = "RulesEngine evaluate port")]
    public List<RuleResultTree> RulesEngine() => _engine.ExecuteAllRulesAsync(PeerPort.Workflow, _input).GetAwaiter().GetResult();
}
