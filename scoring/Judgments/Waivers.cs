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
    /// <summary>Whether an evaluation of <paramref name="model"/> can have a row <paramref name="id"/>: an item's id, or a
    /// row of one (<c>ID[…]</c>, a <c>foreach</c> item's row, which only a bundle's facts make).</summary>
    public static bool CanName(ChecklistModel model, string id) =>
        model.Items.Any(i => id == i.Id || (id.Length > i.Id.Length + 1 && id.StartsWith(i.Id, StringComparison.Ordinal) && id[i.Id.Length] == '[' && id[^1] == ']'));

    /// <summary>Reports each waiver for an item no evaluation of <paramref name="model"/> can have (<see cref="CanName"/>),
    /// as <see cref="Apply"/> would for every bundle: a fleet checks its waivers so once, before any bundle is claimed.</summary>
    public static void CheckItems(ChecklistModel model, IReadOnlyList<Waiver> waivers, DiagnosticBag diagnostics)
    {
        foreach (var w in waivers)
            if (!CanName(model, w.Item))
                diagnostics.Error(Msg.WaiverUnknownItem.With(w.Item, Localized.DidYouMean(w.Item, model.Items.Select(i => i.Id))), w.Span);
    }

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
