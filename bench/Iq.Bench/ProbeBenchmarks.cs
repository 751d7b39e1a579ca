using BenchmarkDotNet.Attributes;
using Iq.Engine.Probes;

namespace Iq.Bench;

/// <summary>Issue 3's target: the whole probe of this machine in under 3 s (it runs a dozen tools concurrently).</summary>
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class ProbeBenchmarks
{
    [Benchmark(Description = "iq: probe this machine")]
    public ProbeReport Probe() => EnvironmentProber.ProbeAsync(ProbeContext.ForThisMachine()).GetAwaiter().GetResult();
}
