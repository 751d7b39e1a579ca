using System.Collections.Concurrent;
using System.Text.Json;
using Iq.Rules.Runtime;
using RulesEngine.Models;

namespace Iq.Bench.Peers;

/// <summary>Helpers the RulesEngine port calls (registered with <c>ReSettings.CustomTypes</c>): each calls the helper
/// iq's own runtime calls for the same operator, so the comparison measures the engines, not different helper code.</summary>
public static class IqPeer
{
    /// <summary>The fact is there (iq: not <see cref="Missing"/>); the evidence rules are made of these.</summary>
    public static bool Has(object? value) => value is not null;
    public static bool IsTrue(object? value) => Ops.IsTrue(value);

    /// <summary>iq's ordering (named so: Dynamic LINQ reads ge, le, eq as operators): versions by their scheme (dpkg, rpm, PEP 440, SemVer), a string beside a version read in
    /// that version's scheme, numbers, dates.</summary>
    public static bool AtLeast(object? a, object? b) => Ops.Compare(a, b, ">=") >= 0;
    public static bool AtMost(object? a, object? b) => Ops.Compare(a, b, "<=") <= 0;
    public static bool Same(object? a, object? b) => Ops.Compare(a, b, "==") == 0;

    static readonly ConcurrentDictionary<string, IqVersion> Versions = new(StringComparer.Ordinal);
    /// <summary>iq's <c>version("1.2")</c>, parsed once per text (iq folds it into a constant when it compiles).</summary>
    public static IqVersion Version(string text) => Versions.GetOrAdd(text, Functions.ToVersion);

    public static bool StartsWith(string a, string b) => Ops.IsTrue(Functions.StartsWith(a, b));
    public static bool EndsWith(string a, string b) => Ops.IsTrue(Functions.EndsWith(a, b));
}

/// <summary>One item of the port (<c>gbt-aimd-iq.rulesengine.json</c>).</summary>
public sealed record PeerItem(string Id, string Evidence, string? When, string Expect, string? Foreach);

/// <summary>The RulesEngine port of the IQ checklist: read from its JSON file, turned into one workflow, and its rule
/// results mapped back to iq's outcomes.</summary>
public sealed class PeerPort
{
    public const string Workflow = "gbt-aimd-iq";
    const string EvidenceSuffix = "#evidence", WhenSuffix = "#when";

    public required IReadOnlyList<PeerItem> Items { get; init; }
    public required IReadOnlyList<(string Id, string Reason)> NotPorted { get; init; }

    /// <summary>The port's file, from the repository root.</summary>
    public static string PathIn(string repo) => Path.Combine(repo, "bench", "Iq.Bench", "Peer", "gbt-aimd-iq.rulesengine.json");

    public static PeerPort Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        string? S(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        return new PeerPort
        {
            Items = doc.RootElement.GetProperty("items").EnumerateArray()
                .Select(e => new PeerItem(S(e, "id")!, S(e, "evidence")!, S(e, "when"), S(e, "expect")!, S(e, "foreach"))).ToList(),
            NotPorted = doc.RootElement.GetProperty("notPorted").EnumerateArray().Select(e => (S(e, "id")!, S(e, "reason")!)).ToList(),
        };
    }

    public Workflow ToWorkflow() => new()
    {
        WorkflowName = Workflow,
        Rules = Items.SelectMany(i => new[]
        {
            Rule(i.Id + EvidenceSuffix, i.Evidence),
            i.When is null ? null : Rule(i.Id + WhenSuffix, i.When),
            Rule(i.Id, i.Expect),
        }).OfType<Rule>().ToList(),
    };

    static Rule Rule(string name, string expression) =>
        new() { RuleName = name, Expression = expression, RuleExpressionType = RuleExpressionType.LambdaExpression };

    /// <summary>The engine, compiled on first use per set of fact types (call <see cref="Outcomes"/> once to warm it).</summary>
    public RulesEngine.RulesEngine Engine() => new([ToWorkflow()], new ReSettings { CustomTypes = [typeof(IqPeer)] });

    /// <summary>Each item's outcome from its rules: no evidence → error; does not apply → notapplicable; else pass/fail.</summary>
    public static Dictionary<string, Outcome> Outcomes(List<RuleResultTree> results)
    {
        var ok = results.ToDictionary(r => r.Rule.RuleName, r => r.IsSuccess, StringComparer.Ordinal);
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            var name = r.Rule.RuleName;
            if (name.EndsWith(EvidenceSuffix, StringComparison.Ordinal) || name.EndsWith(WhenSuffix, StringComparison.Ordinal)) continue;
            outcomes[name] = !ok[name + EvidenceSuffix] ? Outcome.Error
                : ok.TryGetValue(name + WhenSuffix, out var applies) && !applies ? Outcome.NotApplicable
                : r.IsSuccess ? Outcome.Pass : Outcome.Fail;
        }
        return outcomes;
    }

    /// <summary>iq's rows of each item taken together (a foreach item has a row per element): error if any row is an
    /// error, else fail if any fails, else pass if any passes, else notapplicable.</summary>
    public static Dictionary<string, Outcome> IqOutcomes(IEnumerable<ItemResult> rows) =>
        rows.GroupBy(r => TemplateId(r.ItemId)).ToDictionary(g => g.Key, g =>
            g.Any(r => r.Outcome == Outcome.Error) ? Outcome.Error
            : g.Any(r => r.Outcome == Outcome.Fail) ? Outcome.Fail
            : g.Any(r => r.Outcome == Outcome.Pass) ? Outcome.Pass
            : g.All(r => r.Outcome == Outcome.NotApplicable) ? Outcome.NotApplicable
            : g.First().Outcome, StringComparer.Ordinal);

    /// <summary>A foreach item's id without its element part (<c>6.1.1a.gpu-memory[{g.index}]</c> → <c>6.1.1a.gpu-memory</c>).</summary>
    static string TemplateId(string id) => id.IndexOf('[') is var i and >= 0 ? id[..i] : id;
}
