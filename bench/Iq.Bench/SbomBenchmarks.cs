using System.Text;
using BenchmarkDotNet.Attributes;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;

namespace Iq.Bench;

/// <summary>iq manifest on a large CycloneDX SBOM (generated here as tests/hostile/fixtures/make_sbom.py makes it: N library
/// components, each with a bom-ref, name, version and purl, and one dependency entry listing them all): reading it
/// (<see cref="ManifestReader.Parse(byte[], string)"/>), the facts made from it, and the fact document's bytes. Allocated
/// bytes per operation against the SBOM's size is the figure: a reader that held a tree of nodes allocated and kept
/// several times the input. In process (no separate build of the benchmark, which times out on a loaded machine).</summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(2)]
[IterationCount(8)]
public class SbomBenchmarks
{
    [Params(20_000, 200_000)]
    public int Components { get; set; } = 20_000;

    string _file = "";
    byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"iq-bench-sbom-{Components}.cdx.json");
        _bytes = Make(Components);
        File.WriteAllBytes(_file, _bytes);
        Console.WriteLine($"// SBOM of {Components} components: {_bytes.Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    /// <summary>The same SBOM as make_sbom.py writes.</summary>
    static byte[] Make(int n)
    {
        var s = new StringBuilder();
        s.Append("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\n");
        s.Append("\"metadata\":{\"component\":{\"type\":\"application\",\"bom-ref\":\"app\",\"name\":\"app\",\"version\":\"1.0.0\"}},\n\"components\":[\n");
        for (var i = 0; i < n; i++)
        {
            var v = $"1.{i % 100}.0";
            s.Append($"{{\"type\":\"library\",\"bom-ref\":\"pkg:npm/lib{i}@{v}\",\"name\":\"lib{i}\",\"version\":\"{v}\",\"purl\":\"pkg:npm/lib{i}@{v}\"}}");
            s.Append(i < n - 1 ? ",\n" : "\n");
        }
        s.Append("],\n\"dependencies\":[{\"ref\":\"app\",\"dependsOn\":[");
        s.AppendJoin(',', Enumerable.Range(0, n).Select(i => $"\"pkg:npm/lib{i}@1.{i % 100}.0\""));
        s.Append("]}]}\n");
        return Encoding.UTF8.GetBytes(s.ToString());
    }

    [Benchmark(Description = "read the SBOM (parse, walk, check bom-refs)")]
    public int Read() => ManifestReader.Parse(_bytes, _file).Components.Count;

    [Benchmark(Description = "iq manifest's work: read, facts, the fact document's bytes")]
    public int Manifest()
    {
        var facts = ManifestReader.Read(_file, null, null, null, out var doc);
        return FactDocuments.DocumentBytes("manifest", facts, ManifestReader.Origin(doc, _file, null)).Length;
    }
}
