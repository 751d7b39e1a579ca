using System.Text;
using BenchmarkDotNet.Attributes;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;

namespace Iq.Bench;

/// <summary>Issue 4's target: a 10,000-item result set writes its scorecard in under 3 s.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class ScorecardBenchmarks
{
    AuditReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("checklist \"bench-10k\" { title \"10,000 items\" version \"1\" }\n");
        for (var s = 0; s < 6; s++)
        {
            sb.Append($"section \"6.{s + 1}\" \"第 {s + 1} 章 评价\" weight {s + 1} {{\n");
            for (var i = 0; i < 10_000 / 6 + 1; i++)
                sb.Append($"  item \"6.{s + 1}.{i}\" \"要求 {i}：处理器与内存满足配置\" {{ ref \"4.1.1 a)\" expect env.cpu.logical_cores >= {i % 200} fix \"按方案配置\" }}\n");
            sb.Append("}\n");
        }
        var checklist = ChecklistCompiler.CompileText(sb.ToString(), "bench-10k.iq", FactSchema.Default).Checklist!;
        var bundle = FactBundleReader.Load([Paths.Facts], FactSchema.Default);
        var results = checklist.Evaluate(bundle.Values, DateTimeOffset.UnixEpoch).Take(10_000).ToList();
        _report = new AuditReport(checklist.Model, bundle.Inputs, results, Scorer.Score(checklist.Model, results), "bench", null);
        if (results.Count != 10_000) throw new InvalidOperationException($"{results.Count} results");
    }

    [Benchmark(Description = "scorecard: 10,000 items to xlsx")]
    public long Scorecard()
    {
        using var stream = new MemoryStream();
        ScorecardWriter.Write(_report, "zh", stream);
        return stream.Length;
    }

    [Benchmark(Description = "results JSON: 10,000 items")]
    public long Json()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(_report, stream);
        return stream.Length;
    }
}
