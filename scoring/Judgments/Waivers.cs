using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Judgments;

/// <summary>Applies waivers: a failed, errored or unjudged row of a waived item becomes <c>waived</c> (excluded from the
/// score) with the justification shown; a passing row keeps its pass. An expired waiver is ignored with a warning;
/// a waiver for an item the checklist does not have is an error.</summary>
public static class Waivers
{
    public static IReadOnlyList<ItemResult> Apply(ChecklistModel model, IReadOnlyList<ItemResult> results, IReadOnlyList<Waiver> waivers,
        DateTimeOffset now, DiagnosticBag diagnostics)
    {
        var active = new Dictionary<string, Waiver>(StringComparer.Ordinal);
        foreach (var w in waivers)
        {
            if (!model.Items.Any(i => i.Id == w.Item) && !results.Any(r => r.Id == w.Item))
            {
                diagnostics.Error(Msg.WaiverUnknownItem.With(w.Item, Localized.DidYouMean(w.Item, model.Items.Select(i => i.Id))), w.Span);
                continue;
            }
            if (w.Expires < now)
            {
                diagnostics.Warning(Msg.WaiverExpired.With(w.Item, w.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), w.Span);
                continue;
            }
            active[w.Item] = w;
        }
        return results.Select(r =>
        {
            if (r.Outcome is not (Outcome.Fail or Outcome.Error or Outcome.NotChecked)) return r;
            if (!active.TryGetValue(r.Id, out var w) && !active.TryGetValue(r.ItemId, out w)) return r;
            return r with
            {
                Outcome = Outcome.Waived,
                Score = 0,
                Reason = new Waived(w.ApprovedBy, w.Expires, w.Justification, r.Outcome, r.Reason),
            };
        }).ToList();
    }
}
