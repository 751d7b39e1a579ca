using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Judgments;

/// <summary>A manual judgment: what an assessor decided about a manual item, and on what grounds.</summary>
public sealed record Attestation(string Item, Outcome Status, string Assessor, DateTimeOffset? Date, string Justification, string Evidence)
{
    /// <summary>Where it was written (file and line, or cell), so that a judgment of an unknown item is found; null: unknown.</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>The cell of a judgment read from the review workbook ("sheet 'Manual review', cell A7"); null otherwise.</summary>
    public string? Cell { get; init; }

    internal string In => Cell is null ? "" : $" ({Cell})";

    /// <summary>Where its date was written, when that is known apart from the record (the workbook's date cell, the bundle
    /// document's <c>date</c> member); null: at <see cref="Span"/>.</summary>
    public SourceSpan? DateSpan { get; init; }

    /// <summary>The workbook cell of its date ("sheet 'Manual review', cell G7"); null otherwise.</summary>
    public string? DateCell { get; init; }

    /// <summary>Where its justification was written, when that is known apart from the record (the YAML member, the
    /// workbook's justification cell, the bundle document's <c>justification</c> member); null: at <see cref="Span"/>.</summary>
    public SourceSpan? JustificationSpan { get; init; }

    /// <summary>The workbook cell of its justification ("sheet 'Manual review', cell H7"); null otherwise.</summary>
    public string? JustificationCell { get; init; }

    /// <summary>The message with the workbook cell it came from, when it came from one; the code stays the message's.</summary>
    internal static MessageText At(MessageText text, Attestation a) =>
        a.Cell is null ? text : Msg.WithHint.With(text, a.In) with { CodeOf = text };
}

/// <summary>Puts assessors' judgments beside the automated results: a manual item that was <c>notchecked</c> takes
/// the attested outcome, with who, when, why and where the evidence is. Judging an automatic item, or an item the
/// checklist does not have, is an error: a person's word does not silently replace a measurement. The one exception: a
/// judgment <c>notapplicable</c> of an automatic row a document declared not applicable confirms that declaration.</summary>
public static class Attestations
{
    /// <summary>Reports each attestation for an item no evaluation of <paramref name="model"/> can have
    /// (<see cref="Waivers.CanName"/>), as each bundle's audit would: a fleet checks them so once, before any bundle is claimed.</summary>
    public static void CheckItems(ChecklistModel model, IReadOnlyList<Attestation> attestations, string source, DiagnosticBag diagnostics)
    {
        foreach (var a in attestations)
            if (!Waivers.CanName(model, a.Item))
                diagnostics.Error(Attestation.At(Msg.AttestationUnknownItem.With(a.Item, Localized.DidYouMean(a.Item, model.Items.Select(i => i.Id))), a), a.Span ?? SourceSpan.None(source));
    }

    /// <param name="where">The position of <c>$.facts.items[i]</c> (or of a member of it) in the document, when known.</param>
    public static IReadOnlyList<Attestation> FromFacts(FactValues facts, string source, DiagnosticBag diagnostics, Func<string, SourceSpan>? where = null)
    {
        where ??= _ => SourceSpan.None(source);
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
                    where($"$.facts.items[{i}].status"));
                continue;
            }
            // A judgment is a signed record: who judged and when (docs/facts.md); without them it is no judgment.
            var dated = a.TryGet("date", out var d) && d is DateTimeOffset date ? date : (DateTimeOffset?)null;
            if (JudgmentFiles.Blank(Text("assessor")) || dated is null)
            {
                var field = JudgmentFiles.Blank(Text("assessor")) ? "assessor" : "date";
                // Placed at the member when it is there (blank, not a date), else at the judgment that lacks it.
                diagnostics.Error(Msg.AttestationNeeds.With(i, field), where(a.TryGet(field, out _) ? $"$.facts.items[{i}].{field}" : $"$.facts.items[{i}]"));
                continue;
            }
            result.Add(new Attestation(Text("item"), status.Value, Text("assessor"), dated, Text("justification"), Text("evidence"))
                {
                    Span = where($"$.facts.items[{i}]"), DateSpan = where($"$.facts.items[{i}].date"),
                    JustificationSpan = where(a.TryGet("justification", out _) ? $"$.facts.items[{i}].justification" : $"$.facts.items[{i}]"),
                });
        }
        return Reasoned(result, source, diagnostics);
    }

    /// <summary>No judgment is dated before this: earlier dates are a blank or zero date cell (Excel's serial 0 is
    /// 1899-12-30), not the day someone judged.</summary>
    public static readonly DateOnly EarliestJudgment = new(1970, 1, 1);

    /// <summary>Refuses every judgment dated after the audit's day (<paramref name="asOf"/>: <c>--as-of</c>, else now) or
    /// before <see cref="EarliestJudgment"/>, at its date's line or cell. A date is compared as written, as a day: a
    /// judgment made on the audit's day in a zone ahead of UTC (up to UTC+14) is on or before it.</summary>
    public static void RefuseImpossibleDates(IEnumerable<Attestation> attestations, DateTimeOffset asOf, string source, DiagnosticBag diagnostics)
    {
        var latest = DateOnly.FromDateTime(asOf.UtcDateTime.AddHours(14));
        foreach (var a in attestations)
        {
            if (a.Date is not { } date) continue;
            var day = DateOnly.FromDateTime(date.DateTime);
            var text = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            MessageText? problem = day > latest ? Msg.JudgmentAfterAudit.With(a.Item, text, asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : day < EarliestJudgment ? Msg.JudgmentBeforeAnyDate.With(a.Item, text, EarliestJudgment.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : null;
            if (problem is null) continue;
            var cell = a.DateCell ?? a.Cell;
            diagnostics.Error(cell is null ? problem : Msg.WithHint.With(problem, $" ({cell})") with { CodeOf = problem },
                a.DateSpan ?? a.Span ?? SourceSpan.None(source));
        }
    }

    /// <summary>The judgments, less every <c>notapplicable</c> one whose justification is no reason
    /// (<see cref="NotApplicableReason"/>: "n/a", "无", blank), each refused at its justification's line or cell: a manual
    /// item, a shall item among them, does not drop out of the score on a word that says nothing. Every reader of judgments
    /// ends here (YAML, CSV, the review workbook, the bundle's attestations document).</summary>
    public static IReadOnlyList<Attestation> Reasoned(IReadOnlyList<Attestation> attestations, string source, DiagnosticBag diagnostics)
    {
        var result = new List<Attestation>(attestations.Count);
        foreach (var a in attestations)
        {
            if (a.Status != Outcome.NotApplicable || NotApplicableReason.IsReason(a.Justification))
            {
                result.Add(a);
                continue;
            }
            var problem = Msg.JudgmentNotApplicableNoReason.With(a.Item, a.Justification);
            var cell = a.JustificationCell ?? a.Cell;
            diagnostics.Error(cell is null ? problem : Msg.WithHint.With(problem, $" ({cell})") with { CodeOf = problem },
                a.JustificationSpan ?? a.Span ?? SourceSpan.None(source));
        }
        return result;
    }

    public static IReadOnlyList<ItemResult> Apply(ChecklistModel model, IReadOnlyList<ItemResult> results, IReadOnlyList<Attestation> attestations,
        string source, DiagnosticBag diagnostics)
    {
        var byId = new Dictionary<string, Attestation>(StringComparer.Ordinal);
        // Looked up by id once per audit, not searched per judgment (the first of each id, as a search would find it).
        var items = new Dictionary<string, ItemModel>(StringComparer.Ordinal);
        foreach (var i in model.Items) items.TryAdd(i.Id, i);
        var rows = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        foreach (var r in results) rows.TryAdd(r.Id, r);
        foreach (var a in attestations)
        {
            var item = items.GetValueOrDefault(a.Item);
            var row = rows.GetValueOrDefault(a.Item);
            if (item is null && row is null)
            {
                diagnostics.Error(Attestation.At(Msg.AttestationUnknownItem.With(a.Item, Localized.DidYouMean(a.Item, model.Items.Select(i => i.Id)) is var hint && hint != Localized.Empty ? hint : Msg.AttestationUnknownFix.Text), a), a.Span ?? SourceSpan.None(source));
                continue;
            }
            // An automatic row is the measurement's, not a person's, with one exception: an assessor confirming, as not
            // applicable, a row the vendor's document alone declared so (docs/trust.md): the lab's word, not the vendor's.
            if ((item ?? items[row!.ItemId]).Automated && !ConfirmsDeclared(a, results))
            {
                diagnostics.Error(Attestation.At(Msg.AttestationAutomatic.With(a.Item), a),
                    a.Span ?? SourceSpan.None(source));
                continue;
            }
            // Given twice (in one file, in the bundle and a file, in two files): neither is taken, whichever came first, and
            // both are named, so that the assessor sees which record to withdraw.
            if (!byId.TryAdd(a.Item, a))
            {
                var first = byId[a.Item];
                diagnostics.Error(Msg.TwoAttestations.With(a.Item, Where(first), first.Status.Name(), Where(a), a.Status.Name()),
                    a.Span ?? SourceSpan.None(source));
            }
        }
        if (diagnostics.HasErrors) return results;
        return results.Select(r =>
        {
            if (!(byId.TryGetValue(r.Id, out var a) || byId.TryGetValue(r.ItemId, out a))) return r;
            if (r.Automated ? !(a.Status == Outcome.NotApplicable && r.Reason is DeclaredNotApplicable) : r.Outcome != Outcome.NotChecked) return r;
            return r with
            {
                Outcome = a.Status,
                Score = a.Status == Outcome.Pass ? 1 : 0,
                Reason = new Attested(a.Status, a.Assessor, a.Date, a.Justification, a.Evidence),
                // The judgment holds when it is a pass: a judged pass shows ✓, a judged fail ✗, not "could not be decided".
                Evidence = [new Evidence(Msg.JudgedExpression.En, a.Status.Name(), Msg.JudgedPass.En)
                    { ActualWords = Judged(a.Status), ExpectedWords = Judged(Outcome.Pass), Holds = a.Status switch { Outcome.Pass => true, Outcome.Fail => false, _ => null } }],
            };
        }).ToList();
    }

    /// <summary>Whether a judgment confirms a declared not-applicable: status <c>notapplicable</c> on a row (or an item with a
    /// row) that a document's <c>{"not_applicable": why}</c> made not applicable.</summary>
    static bool ConfirmsDeclared(Attestation a, IReadOnlyList<ItemResult> results) =>
        a.Status == Outcome.NotApplicable && results.Any(r => (r.Id == a.Item || r.ItemId == a.Item) && r.Reason is DeclaredNotApplicable);

    /// <summary>Where a judgment was written: file and line, or file and workbook cell.</summary>
    static string Where(Attestation a)
    {
        var file = a.Span ?? SourceSpan.None("attestations");
        return a.Cell is null ? file.ToString() : $"{file.File}{a.In}";
    }

    /// <summary>A judged status as evidence words, so that a report words it in its language; its English is the status's name.</summary>
    static MixedText? Judged(Outcome status) => status switch
    {
        Outcome.Pass => new MixedText([Msg.JudgedPass.Text]),
        Outcome.Fail => new MixedText([Msg.JudgedFail.Text]),
        Outcome.NotApplicable => new MixedText([Msg.JudgedNotApplicable.Text]),
        _ => null,
    };
}
