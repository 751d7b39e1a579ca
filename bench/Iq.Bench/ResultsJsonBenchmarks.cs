using System.Buffers;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Scoring.Reports;

namespace Iq.Bench;

/// <summary>Issue 18: what a fleet's results JSON costs per bundle, allocations first (the fleet profile put 606 KiB
/// allocated per bundle in it for 289 KiB written). One bundle (<c>IQ_BENCH_BUNDLE</c>, else samples/failing), its
/// documents read once: the audit alone; the audit and its results JSON as the fleet writes it (compact, gzipped, buffers
/// reused); and the results JSON of an audit already written once, which is the writer's own share: the first write also
/// builds the rows' texts (evidence, messages) that are made on first read, which the fleet's rows need anyway.</summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class ResultsJsonBenchmarks
{
    static readonly string Bundle = Environment.GetEnvironmentVariable("IQ_BENCH_BUNDLE")
                                    ?? Path.Combine(Paths.Repo, "checklists", "samples", "failing");

    AuditChecklist _checklist = null!;
    BundleDocuments _documents = null!;
    ResultsDocument _written = null!;
    readonly ArrayBufferWriter<byte> _json = new(512 * 1024);
    readonly MemoryStream _gzip = new(128 * 1024);
    static readonly DateTimeOffset AsOf = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        var compiled = Checklists.Compile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), new CompileOptions { Expressions = ExpressionMode.Compiled });
        _checklist = AuditChecklist.Of(compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics)));
        _documents = BundleDocuments.Read(Bundle);
        _written = ResultsDocument.From(Audit(), "zh");
        Write(_written);
    }

    [GlobalCleanup]
    public void Cleanup() => _documents.Dispose();

    AuditReport Audit() =>
        AuditPipeline.Run(new AuditRequest { Checklist = _checklist, FactBundles = [Bundle], ReadAhead = _documents, AsOf = AsOf }).Report
        ?? throw new InvalidOperationException("no report");

    long Write(ResultsDocument document)
    {
        _json.ResetWrittenCount();
        _gzip.SetLength(0);
        ResultsJson.Write(document, _json, indented: false);
        using (var z = new GZipStream(_gzip, CompressionLevel.Fastest, leaveOpen: true)) z.Write(_json.WrittenSpan);
        return _gzip.Length;
    }

    [Benchmark(Baseline = true, Description = "audit one bundle (documents read ahead)")]
    public AuditReport AuditOnly() => Audit();

    [Benchmark(Description = "audit, then its results JSON (compact, gzip) as the fleet writes it")]
    public long AuditAndResultsJson() => Write(ResultsDocument.From(Audit(), "zh"));

    [Benchmark(Description = "results JSON (compact, gzip) of an audit written before")]
    public long ResultsJsonAgain() => Write(_written);
}
