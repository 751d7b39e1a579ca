using BenchmarkDotNet.Attributes;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Bench;

/// <summary>Issue 5's target: the bundled IQ checklist compiles in under 100 ms; and one audit of a sample bundle, by its
/// parts and through the pipeline. In process, as PeerBenchmarks: BenchmarkDotNet's separate build of the bench passes its
/// 120 s limit on a loaded 2-core machine.</summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class IqChecklistBenchmarks
{
    string _path = "";
    CompiledChecklist _compiled = null!;
    FactValues _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq");
        var compiled = ChecklistCompiler.CompileFile(_path, FactSchema.Default);
        _compiled = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics));
        _facts = FactBundleReader.Load([Path.Combine(Paths.Repo, "checklists", "samples", "failing")], FactSchema.Default).Values;
    }

    [Benchmark(Description = "iq: compile gbt-aimd-iq.iq (84 items)")]
    public CompiledChecklist Compile() => ChecklistCompiler.CompileFile(_path, FactSchema.Default).Checklist!;

    [Benchmark(Description = "iq: evaluate gbt-aimd-iq over samples/failing")]
    public IReadOnlyList<ItemResult> Evaluate() => _compiled.Evaluate(_facts, DateTimeOffset.UnixEpoch);

    [Benchmark(Description = "iq: read the samples/failing bundle (9 documents)")]
    public FactBundle ReadBundle() => FactBundleReader.Load([Path.Combine(Paths.Repo, "checklists", "samples", "failing")], FactSchema.Default);

    /// <summary>What a fleet pays per bundle: the whole pipeline (read, evaluate, attest, waive, score) with the
    /// checklist compiled once.</summary>
    [Benchmark(Description = "iq: AuditPipeline.Run, samples/failing, checklist compiled once")]
    public AuditResult Audit() => AuditPipeline.Run(new AuditRequest
    {
        Checklist = AuditChecklist.Of(_compiled),
        FactBundles = [Path.Combine(Paths.Repo, "checklists", "samples", "failing")],
        AsOf = DateTimeOffset.UnixEpoch,
    });
}
