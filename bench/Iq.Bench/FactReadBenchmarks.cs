using BenchmarkDotNet.Attributes;
using Iq.Engine.Facts;

namespace Iq.Bench;

/// <summary>Issue 18: reading one bundle's documents (read, hash, parse, validate, convert), in process (no separate build
/// of the benchmark, which times out on a loaded machine): the samples/failing bundle and one generated fleet bundle
/// (<c>IQ_BENCH_BUNDLE</c>, else the first sample again).</summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class FactReadBenchmarks
{
    static readonly string Failing = Path.Combine(Paths.Repo, "checklists", "samples", "failing");
    static readonly string Generated = Environment.GetEnvironmentVariable("IQ_BENCH_BUNDLE") ?? Failing;

    [Benchmark(Description = "read the samples/failing bundle (in process)")]
    public FactBundle ReadFailing() => FactBundleReader.Load([Failing], FactSchema.Default);

    [Benchmark(Description = "read one generated fleet bundle (IQ_BENCH_BUNDLE)")]
    public FactBundle ReadGenerated() => FactBundleReader.Load([Generated], FactSchema.Default);
}
