using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Judgments;

/// <summary>A manual judgment: what an assessor decided about a manual item, and on what grounds.</summary>
public sealed record Attestation(string Item, Outcome Status, string Assessor, DateTimeOffset? Date, string Justification, string Evidence);

/// <summary>Puts assessors' judgments beside the automated results: a manual item that was <c>notchecked</c> takes
/// the attested outcome, with who, when, why and where the evidence is. Judging an automatic item, or an item the
/// checklist does not have, is an error: a person's word does not silently replace a measurement.</summary>
public static class Attestations
{
    public static IReadOnlyList<Attestation> FromFacts(FactValues facts, string source, DiagnosticBag diagnostics)
    {
        if (!facts.Roots.TryGetValue("attestations", out var root) || root is not FactObject o || !o.TryGet("items", out var items)
            || items is not object?[] list)
            return [];
        var result = new List<Attestation>();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is not FactObject a) continue;
            string Text(string name) => a.TryGet(name, out var v) && v is string s ? s : "";
            var status = OutcomeNames.Parse(Text("status"));
            if (status is not (Outcome.Pass or Outcome.Fail or Outcome.NotApplicable))
            {
                diagnostics.Error(Msg.AttestationStatus.With(i, Text("status")),
                    SourceSpan.None(source));
                continue;
            }
            result.Add(new Attestation(Text("item"), status.Value, Text("assessor"),
                a.TryGet("date", out var d) && d is DateTimeOffset date ? date : null, Text("justification"), Text("evidence")));
        }
        return result;
    }

    public static IReadOnlyList<ItemResult> Apply(ChecklistModel model, IReadOnlyList<ItemResult> results, IReadOnlyList<Attestation> attestations,
        string source, DiagnosticBag diagnostics)
    {
        var byId = new Dictionary<string, Attestation>(StringComparer.Ordinal);
        foreach (var a in attestations)
        {
            var item = model.Items.FirstOrDefault(i => i.Id == a.Item);
            var row = results.FirstOrDefault(r => r.Id == a.Item);
            if (item is null && row is null)
            {
                diagnostics.Error(Msg.AttestationUnknownItem.With(a.Item, Localized.DidYouMean(a.Item, model.Items.Select(i => i.Id))), SourceSpan.None(source));
                continue;
            }
            if ((item ?? model.Items.First(i => i.Id == row!.ItemId)).Automated)
            {
                diagnostics.Error(Msg.AttestationAutomatic.With(a.Item),
                    SourceSpan.None(source));
                continue;
            }
            if (!byId.TryAdd(a.Item, a))
                diagnostics.Error(Msg.TwoAttestations.With(a.Item), SourceSpan.None(source));
        }
        if (diagnostics.HasErrors) return results;
        return results.Select(r =>
        {
            if (r.Outcome != Outcome.NotChecked || !(byId.TryGetValue(r.Id, out var a) || byId.TryGetValue(r.ItemId, out a))) return r;
            return r with
            {
                Outcome = a.Status,
                Score = a.Status == Outcome.Pass ? 1 : 0,
                Reason = new Attested(a.Status, a.Assessor, a.Date, a.Justification, a.Evidence),
                Evidence = [new Evidence("manual judgment", a.Status.Name(), "pass")],
            };
        }).ToList();
    }
}
