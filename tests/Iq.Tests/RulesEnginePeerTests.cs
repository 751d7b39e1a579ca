using Iq.Bench.Peers;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Issue 18: the Microsoft RulesEngine port of the IQ checklist (bench/Iq.Bench/Peer, the peer of the speed
/// comparison) decides every ported item as iq does, so the benchmark compares the same rules over the same facts.
/// Mapping: the item's evidence rule false → error; its when rule false → notapplicable; else its rule true → pass,
/// false → fail. A foreach item is one rule over its list, compared with iq's rows of that item taken together (error if
/// any row is an error, else fail if any fails, else pass if any passes, else notapplicable).</summary>
public class RulesEnginePeerTests
{
    static readonly CompiledChecklist Iq =
        ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!;
    static readonly PeerPort Port = PeerPort.Load(PeerPort.PathIn(TestPaths.RepoRoot));

    /// <summary>Every item whose outcome differs, as "id: iq X, RulesEngine Y".</summary>
    static List<string> Differences(PeerPort port, string bundle)
    {
        var facts = FactBundleReader.Load([bundle], FactSchema.Default).Values;
        var theirs = RulesEngineOutcomes(port, facts);
        var ours = PeerPort.IqOutcomes(Iq.Evaluate(facts, DateTimeOffset.UnixEpoch));
        return port.Items
            .Where(i => !ours.TryGetValue(i.Id, out var o) || o != theirs[i.Id])
            .Select(i => $"{i.Id}: iq {(ours.TryGetValue(i.Id, out var o) ? o.Name() : "no row")}, RulesEngine {theirs[i.Id].Name()}")
            .ToList();
    }

    static Dictionary<string, Outcome> RulesEngineOutcomes(PeerPort port, FactValues facts) =>
        PeerPort.Outcomes(port.Engine().ExecuteAllRulesAsync(PeerPort.Workflow, PeerFacts.From(facts)).GetAwaiter().GetResult());

    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void Every_ported_item_decides_as_iq_does(string sample) =>
        Assert.Empty(Differences(Port, Path.Combine(TestPaths.Checklists, "samples", sample)));

    /// <summary>Missing evidence is error on both sides, never a pass: samples/failing without its baseline and tests
    /// documents (as fleet-gen leaves some bundles).</summary>
    [Fact]
    public void Missing_documents_are_errors_on_both_sides()
    {
        var bundle = Directory.CreateTempSubdirectory("iq-peer-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "failing"), "*.json"))
                if (Path.GetFileName(f) is not ("baseline.json" or "tests.json")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
            Assert.Empty(Differences(Port, bundle));
            var facts = FactBundleReader.Load([bundle], FactSchema.Default).Values;
            var outcomes = RulesEngineOutcomes(Port, facts);
            Assert.Equal(Outcome.Error, outcomes["6.1.3a.passed"]);
            Assert.Equal(Outcome.Error, outcomes["6.4.2b.stability"]);
        }
        finally { Directory.Delete(bundle, recursive: true); }
    }

    /// <summary>The comparison can fail: one rule negated is caught on the bundle where that item fails.</summary>
    [Fact]
    public void A_rule_changed_in_the_port_is_caught()
    {
        var flipped = new PeerPort
        {
            Items = Port.Items.Select(i => i.Id == "6.1.3a.passed" ? i with { Expect = $"!({i.Expect})" } : i).ToList(),
            NotPorted = Port.NotPorted,
        };
        Assert.Equal(["6.1.3a.passed: iq fail, RulesEngine pass"], Differences(flipped, Path.Combine(TestPaths.Checklists, "samples", "failing")));
    }

    /// <summary>The port covers every automatic item of the checklist: each is ported or listed with its reason, and
    /// the port names no item the checklist lacks.</summary>
    [Fact]
    public void Every_automatic_item_is_ported_or_listed_with_a_reason()
    {
        var facts = FactBundleReader.Load([Path.Combine(TestPaths.Checklists, "samples", "compliant")], FactSchema.Default).Values;
        var automatic = PeerPort.IqOutcomes(Iq.Evaluate(facts, DateTimeOffset.UnixEpoch).Where(r => r.Automated)).Keys.Order().ToList();
        Assert.Equal(automatic, Port.Items.Select(i => i.Id).Concat(Port.NotPorted.Select(n => n.Id)).Order().ToList());
        Assert.All(Port.NotPorted, n => Assert.False(string.IsNullOrWhiteSpace(n.Reason)));
    }
}
