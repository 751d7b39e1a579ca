using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using RulesEngine.Models;

namespace Iq.Bench;

/// <summary>Issue 18's cold runs: a one-off audit in a fresh process, as <c>iq audit</c> does it once — compile the checklist,
/// read the bundle, evaluate every item once, score — at 85 items (the IQ checklist over samples/failing), 500 and 5,000
/// (generated). Each launch is a new process and measures its first call, so the JIT of whatever the audit compiles is
/// in the figure (runtime start-up is not: see <c>iq check</c> against <c>iq audit</c> in a side-by-side run). The peer:
/// Microsoft RulesEngine building the same generated rules and executing them once, also cold.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 7, warmupCount: 0, iterationCount: 1)]
public class ColdBenchmarks
{
    [Params(85, 500, 5000)]
    public int Items { get; set; }

    string _checklist = "";
    string _facts = "";

    [GlobalSetup]
    public void Setup()
    {
        // Only files here: nothing of the audit's own code may run before the measured call.
        _checklist = Items == 85 ? Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq") : Generated.File(Items);
        _facts = Items == 85 ? Path.Combine(Paths.Repo, "checklists", "samples", "failing") : Paths.Facts;
    }

    [Benchmark(Description = "iq: one-off audit (compile, read, evaluate, score), cold")]
    public AuditResult Audit()
    {
        var result = AuditPipeline.Run(new AuditRequest
        {
            Checklist = AuditChecklist.File(_checklist),
            FactBundles = [_facts],
            AsOf = DateTimeOffset.UnixEpoch,
        });
        return result.Report is null ? throw new InvalidOperationException(string.Join("\n", result.Diagnostics)) : result;
    }

    [Benchmark(Description = "RulesEngine: build the same rules, execute once, cold")]
    public List<RuleResultTree> Peer()
    {
        if (Items == 85) return []; // no RulesEngine version of the IQ checklist: the generated sets are the comparison
        var facts = FactBundleReader.Load([_facts], FactSchema.Default).Values;
        return Iq.Bench.Peer.Engine(Items).ExecuteAllRulesAsync("iq", Iq.Bench.Peer.Input(facts)).GetAwaiter().GetResult();
    }
}
