using BenchmarkDotNet.Attributes;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Bench;

/// <summary>A top-level any() in an expect over 20,000 network interfaces that all hold it: it stops at the third it names
/// (the evidence says how many it read), where it read the whole list to count them. In process, as IqChecklistBenchmarks.</summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class AnyBenchmarks
{
    const string Text = """
        checklist "any" {
          title "any"
        }
        section "A" "a" {
          item "fast" "fast" {
            level shall
            expect any(env.network, n => n.up and n.speed_mbps >= 100000)
          }
        }
        """;

    CompiledChecklist _compiled = null!;
    FactValues _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var compiled = ChecklistCompiler.CompileText(Text, "any.iq", Iq.Engine.Facts.FactSchema.Default);
        _compiled = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics));
        var network = Enumerable.Range(0, 20_000).Select(i => (object?)new FactObject(new Dictionary<string, object?>(StringComparer.Ordinal)
            { ["name"] = $"eth{i}", ["up"] = true, ["speed_mbps"] = 200000d })).ToArray();
        _facts = new FactValues(new Dictionary<string, object?>
            { ["env"] = new FactObject(new Dictionary<string, object?>(StringComparer.Ordinal) { ["network"] = network }) });
    }

    [Benchmark(Description = "iq: any() over 20,000 interfaces that all hold")]
    public IReadOnlyList<ItemResult> Evaluate() => _compiled.Evaluate(_facts, DateTimeOffset.UnixEpoch);
}
