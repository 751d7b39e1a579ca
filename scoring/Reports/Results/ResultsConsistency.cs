using System.Globalization;
using System.Text.Json;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>Whether a results document says what its own rows give, checked in one place for every reader of a results
/// file (iq report, diff, verify, fleet import): each row's outcome agrees with its reason, its evidence and its score; the
/// counts at the top and in every section tally with the rows; the score of every section is what the scoring code
/// (<see cref="Scorer"/>, not a copy of it) gives for the file's rows, tree and scoring model; and the verdict and its basis
/// follow. A file edited after iq wrote it (an outcome flipped to pass over a row that still says it failed, section counts
/// left as they were) was rendered as a pass; the first contradiction is refused at its JSON path.</summary>
public static class ResultsConsistency
{
    /// <summary>Where a document contradicts itself (a JSON path from the document's root, <c>$…</c>) and how.</summary>
    public sealed record Contradiction(string Path, ILocalized What);

    /// <summary>Scores are written rounded to 4 decimals, the rows' (0 to 1) too, and a section's score (0 to 100) recomputed
    /// from rounded rows carries their rounding, scaled by 100, through the weighted sums: up to 0.005 (an honest audit
    /// wrote 17.7228 where its rounded rows give 17.7233, and its own read-back refused it, exit 3). 0.006 is within the
    /// two decimals every report shows, so no shown score can move by more than its last digit.</summary>
    const double Rounding = 0.006;

    /// <summary>The first contradiction, in document order (rows, then counts, scores, verdict); null when there is none.</summary>
    public static Contradiction? First(ResultsDocument d)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Items.Count; i++)
        {
            var row = d.Items[i];
            if (!ids.Add(row.Id)) return new($"$.items[{i}].id", Msg.ResultsRowTwice.With(row.Id));
            if (Row(row, $"$.items[{i}]") is { } bad) return bad;
        }
        if (Provenances(d) is { } relabelled) return relabelled;
        if (!ScoringSpec.Models.Contains(d.Scoring.Model))
            return new("$.scoring.model", Msg.UnknownValue.With(d.Scoring.Model, Localized.OrList(ScoringSpec.Models)));
        if (d.Scoring.Formula != Scorer.Formula(d.Scoring.Model))
            return new("$.scoring.formula", Msg.ResultsNotRecomputed.With("formula", d.Scoring.Formula, Scorer.Formula(d.Scoring.Model)));
        var tree = Tree(d.Root, d.Items, out var homeless);
        if (homeless is { } h)
            return new($"$.items[{h}].section", Msg.ResultsRowNoSection.With(d.Items[h].SectionId));
        var spec = new ScoringSpec(d.Scoring.Model, d.Scoring.PassAt, d.Scoring.Veto) { Tailoring = d.Basis.Tailoring };
        var again = Scorer.Score(d.Scoring.Model, spec, tree, d.Items);
        if (Section(d.Root, again.Root, "$", root: true) is { } section) return section;
        return Verdict(d, again);
    }

    /// <summary>Each fact's provenance against the document it names. A document whose seal did not hold when the audit read
    /// it (its state in <c>inputs[]</c>: not sealed, broken, unreadable) gave every fact in it as declared (the audit's
    /// TakenDocument), so such a fact said to be measured, imported or reviewed was relabelled after iq wrote the file; and a
    /// document the inputs do not list is not one the audit read (fresh eyes 8, F-C3). Results with no inputs listed (a
    /// fleet host's with nothing read) have nothing to check against.</summary>
    static Contradiction? Provenances(ResultsDocument d)
    {
        if (d.Inputs.Count == 0) return null;
        var inputs = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        foreach (var input in d.Inputs) inputs.TryAdd(input.Path, input);
        for (var i = 0; i < d.Items.Count; i++)
        {
            var facts = d.Items[i].Provenance.Facts;
            for (var f = 0; f < facts.Count; f++)
            {
                var fact = facts[f];
                if (string.IsNullOrEmpty(fact.Document)) continue;
                // Judgments given with --attestations are named by the option (there may be several files); the files
                // themselves are listed in inputs[] as kind attestations.
                if (fact.Document == "--attestations" && d.Inputs.Any(x => x.Kind == "attestations")) continue;
                var at = $"$.items[{i}].provenance.facts[{f}]";
                if (!inputs.TryGetValue(fact.Document, out var input))
                    return new($"{at}.document", Msg.ResultsFactNoInput.With(fact.Path, fact.Document));
                if (input.Seal is { } seal && seal.State != SealState.Intact && fact.Provenance != Provenance.Declared)
                    return new($"{at}.provenance", Msg.ResultsFactNotDeclared.With(fact.Path, fact.Provenance.Name(), fact.Document,
                        seal.State.ToString().ToLowerInvariant()));
            }
        }
        return null;
    }

    /// <summary>A row's outcome against the rest of the row: what its reason kind gives, the parts of its evidence that
    /// decided, and its score.</summary>
    static Contradiction? Row(ItemResult row, string at)
    {
        var outcome = row.Outcome;
        var allowed = Gives(row.Reason);
        if (!allowed.Contains(outcome))
            return new($"{at}.outcome", Msg.ResultsRowOutcome.With(outcome.Name(),
                Msg.ResultsRowReasonGives.With(KindOf(row.Reason), Localized.OrList(allowed.Select(o => o.Name())))));
        if (outcome == Outcome.Pass)
            for (var e = 0; e < row.Evidence.Count; e++)
                if (row.Evidence[e] is { Holds: false, Decides: true } part)
                    return new($"{at}.outcome", Msg.ResultsRowOutcome.With(outcome.Name(), Msg.ResultsRowPartFails.With(e, part.Expression)));
        var score = row.Score;
        // A pass or a fail scores its share in [0,1] (an item's own score expression, partial credit); a judged pass 1; a row
        // outside the score, or an error, 0.
        var scoreAgrees = outcome switch
        {
            Outcome.Pass when row.Reason is Attested => score == 1,
            Outcome.Pass or Outcome.Fail => score is >= 0 and <= 1,
            _ => score == 0,
        };
        return scoreAgrees ? null
            : new($"{at}.score", Msg.ResultsRowOutcome.With(outcome.Name(), Msg.ResultsRowScore.With(score.ToString("R", CultureInfo.InvariantCulture))));

    }

    /// <summary>The outcomes a reason's kind is written with (RowBuilder, AuditRun, the judgments, waivers and provenance
    /// checks): one each, but for a judgment (its status), a foreach over an empty list (not applicable only with a because)
    /// and a vendor's not applicable (held to judge at shall).</summary>
    static IReadOnlyList<Outcome> Gives(Reason reason) => reason switch
    {
        Passed => [Outcome.Pass],
        Failed or PartialCredit => [Outcome.Fail],
        MissingEvidence or TypeMismatch or EvaluationError or ProvenanceNotMet or Contradicted => [Outcome.Error],
        NotApplicable or DeclaredNotApplicable => [Outcome.NotApplicable],
        NotApplicableUnconfirmed u => [u.Held ? Outcome.NotChecked : Outcome.NotApplicable],
        EmptyForeach e => [e.Because is null ? Outcome.Error : Outcome.NotApplicable],
        Disabled => [Outcome.NotSelected],
        ManualRequired or JudgmentNotTaken => [Outcome.NotChecked],
        InformationalOnly => [Outcome.Informational],
        Attested a => [a.Status],
        Waived => [Outcome.Waived],
        _ => [],
    };

    /// <summary>The reason's kind as the results file names it (<see cref="ReasonJson"/>, the one place that names them).</summary>
    static string KindOf(Reason reason)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) ReasonJson.Write(w, reason);
        using var doc = JsonDocument.Parse(ms.ToArray());
        return doc.RootElement.GetProperty("kind").GetString() ?? "";
    }

    /// <summary>The file's section tree as scoring reads it: each section's items are the rows' items that name it, in the
    /// order the rows give them, before its subsections (a sum in another order differs only in its last bits).
    /// <paramref name="homeless"/>: the first row whose section is not in the tree.</summary>
    static ScoreTree Tree(SectionScore root, IReadOnlyList<ItemResult> rows, out int? homeless)
    {
        var items = new Dictionary<string, List<ScoreTree.Child>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sections = new HashSet<string>(StringComparer.Ordinal);
        Collect(root);
        homeless = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (!sections.Contains(r.SectionId))
            {
                homeless ??= i;
                continue;
            }
            if (!seen.Add(r.ItemId)) continue;
            if (!items.TryGetValue(r.SectionId, out var list)) items[r.SectionId] = list = [];
            list.Add(new ScoreTree.Child(null, r.ItemId, r.Weight));
        }
        return Build(root);

        void Collect(SectionScore s)
        {
            sections.Add(s.Id);
            foreach (var sub in s.Sections) Collect(sub);
        }

        ScoreTree Build(SectionScore s) => new(s.Id, s.Title, s.Weight,
            [.. items.GetValueOrDefault(s.Id) ?? [], .. s.Sections.Select(sub => new ScoreTree.Child(Build(sub), "", sub.Weight))]);
    }

    /// <summary>A section as stated against the same section scored again: counts, score, and the flat models' raw and max.</summary>
    static Contradiction? Section(SectionScore stated, SectionScore computed, string at, bool root = false)
    {
        var counts = root ? "$.counts" : $"{at}.counts";
        foreach (var o in Enum.GetValues<Outcome>())
            if (stated.Counts[o] != computed.Counts[o])
                return new($"{counts}.{o.Name()}", Msg.ResultsCountsNotRows.With(stated.Counts[o], o.Name(), computed.Counts[o]));
        var scoreAt = root ? "$.score" : $"{at}.score";
        if (!Same(stated.Score, computed.Score))
            return new(scoreAt, Msg.ResultsNotRecomputed.With("score", Text(stated.Score), Text(computed.Score)));
        var rawAt = root ? "$.root" : at;
        if (!Same(stated.Raw, computed.Raw)) return new($"{rawAt}.raw", Msg.ResultsNotRecomputed.With("raw", Text(stated.Raw), Text(computed.Raw)));
        if (!Same(stated.Max, computed.Max)) return new($"{rawAt}.max", Msg.ResultsNotRecomputed.With("max", Text(stated.Max), Text(computed.Max)));
        for (var i = 0; i < stated.Sections.Count; i++)
            if (Section(stated.Sections[i], computed.Sections[i], root ? $"$.sections[{i}]" : $"{at}.sections[{i}]") is { } bad) return bad;
        return null;
    }

    /// <summary>The verdict and its basis against what the rows give by the stated scoring model: first the verdict (the
    /// complaint a reader understands), then each part of the basis.</summary>
    static Contradiction? Verdict(ResultsDocument d, AuditScore again)
    {
        var b = again.Basis;
        // A score within the rows' rounding of pass_at: the stated score decides (the audit scored the unrounded rows).
        var verdict = again.Verdict;
        var kind = b.Kind;
        if (kind is VerdictBasisKind.Reaches or VerdictBasisKind.Below && d.Root.Score is { } stated && Same(stated, b.Score))
            (verdict, kind) = stated >= d.Scoring.PassAt ? (Iq.Scoring.Scoring.Verdict.Pass, VerdictBasisKind.Reaches)
                : (Iq.Scoring.Scoring.Verdict.Fail, VerdictBasisKind.Below);
        if (d.Verdict != verdict)
        {
            var named = string.Join(", ", b.Items);
            ILocalized why = b.Kind switch
            {
                VerdictBasisKind.Veto => Msg.ResultsRowsVeto.With(b.Count, named),
                VerdictBasisKind.Pending => Msg.ResultsRowsPending.With(b.Count, named),
                VerdictBasisKind.Reaches => Msg.ResultsScoreReaches.With(Text(b.Score), Scorer.Format(b.PassAt)),
                VerdictBasisKind.Below => Msg.ResultsScoreBelow.With(Text(b.Score), Scorer.Format(b.PassAt)),
                _ => Msg.ResultsNothingCounted.Text,
            };
            return new("$.verdict", Msg.ResultsVerdictNotRows.With(LowerNames<Verdict>.Of(d.Verdict), why));
        }
        var s = d.Basis;
        if (s.Kind != kind) return Basis("kind", LowerNames<VerdictBasisKind>.Of(s.Kind), LowerNames<VerdictBasisKind>.Of(kind));
        if (!s.Levels.SequenceEqual(b.Levels))
            return Basis("levels", string.Join(", ", s.Levels.Select(l => l.ToString())), string.Join(", ", b.Levels.Select(l => l.ToString())));
        if (!s.Items.SequenceEqual(b.Items, StringComparer.Ordinal)) return Basis("items", string.Join(", ", s.Items), string.Join(", ", b.Items));
        if (s.Count != b.Count) return Basis("count", s.Count.ToString(CultureInfo.InvariantCulture), b.Count.ToString(CultureInfo.InvariantCulture));
        if (!Same(s.Score, b.Score)) return Basis("score", Text(s.Score), Text(b.Score));
        if (s.PassAt != d.Scoring.PassAt) return Basis("pass_at", Text(s.PassAt), Text(d.Scoring.PassAt));
        if (s.JudgmentsNotTaken != b.JudgmentsNotTaken)
            return Basis("judgments_not_taken", s.JudgmentsNotTaken.ToString(CultureInfo.InvariantCulture), b.JudgmentsNotTaken.ToString(CultureInfo.InvariantCulture));
        if (s.UnconfirmedNotApplicable != b.UnconfirmedNotApplicable)
            return Basis("not_applicable_unconfirmed", s.UnconfirmedNotApplicable.ToString(CultureInfo.InvariantCulture),
                b.UnconfirmedNotApplicable.ToString(CultureInfo.InvariantCulture));
        if (s.Tailoring is not null && s.DroppedVetoFailed != b.DroppedVetoFailed)
            return new("$.verdict_basis.tailoring.dropped_veto_failed", Msg.ResultsNotRecomputed.With("dropped_veto_failed",
                s.DroppedVetoFailed.ToString(CultureInfo.InvariantCulture), b.DroppedVetoFailed.ToString(CultureInfo.InvariantCulture)));
        return null;

        static Contradiction Basis(string member, string stated, string computed) =>
            new($"$.verdict_basis.{member}", Msg.ResultsNotRecomputed.With(member, stated, computed));
    }

    static bool Same(double? a, double? b) => a is null ? b is null : b is { } y && Math.Abs(a.Value - y) <= Rounding;

    static string Text(double? v) => v is { } x ? Math.Round(x, 4).ToString(CultureInfo.InvariantCulture) : "null";
}
