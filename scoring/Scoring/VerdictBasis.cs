using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Scoring;

/// <summary>Why the verdict is what it is, as data (reports render it in their language): a vetoing failure, a pending
/// manual judgment, nothing counted, or the score against the pass mark.</summary>
public sealed record VerdictBasis(VerdictBasisKind Kind, IReadOnlyList<Level> Levels, IReadOnlyList<string> Items, double? Score, double PassAt)
{
    /// <summary>At most this many item ids are named; the count says how many there are.</summary>
    public const int NamedItems = 5;

    public int Count { get; init; }

    /// <summary>Manual rows left to judge because their judgment's document is not vouched for by the lab
    /// (<see cref="JudgmentNotTaken"/>): said beside the verdict whatever decided it.</summary>
    public int JudgmentsNotTaken { get; init; }

    /// <summary>Shall rows left to judge because only the vendor's word takes them out of the score: a declared document says
    /// a fact they rest on does not apply and nothing confirms it (<see cref="NotApplicableUnconfirmed"/>, held): said beside
    /// the verdict whatever decided it.</summary>
    public int UnconfirmedNotApplicable { get; init; }

    /// <summary>Set when a tailoring lowered its base's pass mark or removed or loosened its veto: every verdict line
    /// says so, with how many rows the base's veto would have failed on.</summary>
    public ScoringTailoring? Tailoring { get; init; }

    /// <summary>Counted rows at the levels the base vetoed on and the tailoring no longer does that failed or errored.</summary>
    public int DroppedVetoFailed { get; init; }

    /// <summary>What the tailoring gave up, as catalog messages (none when it gave up nothing).</summary>
    public IReadOnlyList<ILocalized> TailoringNotes()
    {
        if (Tailoring is not { } t) return [];
        var notes = new List<ILocalized>();
        if (t.VetoLoosened)
            notes.Add(t.Veto is { } veto
                ? Msg.VerdictVetoLoosened.With(new LevelNames([t.BaseVeto!.Value]), new LevelNames([veto]), t.Tailoring, t.Base, DroppedVetoFailed, new LevelNames(t.DroppedLevels))
                : Msg.VerdictVetoRemoved.With(t.Tailoring, t.Base, new LevelNames([t.BaseVeto!.Value]), DroppedVetoFailed, new LevelNames(t.DroppedLevels)));
        if (t.PassAtLowered)
            notes.Add(Msg.VerdictPassAtLowered.With(Scorer.Format(t.BasePassAt), Scorer.Format(t.PassAt), t.Tailoring, t.Base));
        return notes;
    }

    /// <summary>The basis as a catalog message (the console's verdict line, in Chinese or English).</summary>
    public ILocalized Text()
    {
        var levels = new LevelNames(Levels);
        var ids = Localized.Concat(Localized.Items(Items), Count > Items.Count ? Msg.MoreIds.With(Count - Items.Count) : Localized.Empty);
        ILocalized main = Kind switch
        {
            VerdictBasisKind.Veto => Msg.VerdictVeto.With(Count, levels, ids),
            VerdictBasisKind.Pending => Msg.VerdictPending.With(Count, levels, ids),
            VerdictBasisKind.NothingCounted => Msg.VerdictNothingCounted.Text,
            VerdictBasisKind.Reaches => Msg.VerdictReaches.With(Scorer.Format(Score ?? 0), Scorer.Format(PassAt)),
            _ => Msg.VerdictBelow.With(Scorer.Format(Score ?? 0), Scorer.Format(PassAt)),
        };
        return Localized.Concat([main, JudgmentsNotTaken > 0 ? Msg.VerdictJudgmentsNotTaken.With(JudgmentsNotTaken) : Localized.Empty,
            UnconfirmedNotApplicable > 0 ? Msg.VerdictNotApplicableUnconfirmed.With(UnconfirmedNotApplicable) : Localized.Empty,
            .. TailoringNotes().Select(n => Localized.Concat(Msg.NoteSeparator.Text, n))]);
    }

    /// <summary>The levels a veto names: in English the checklist's words (shall/should), in Chinese the standard's verbs
    /// 应/宜/可 (report-messages.yaml, level.*), as every report shows a row's level.</summary>
    sealed record LevelNames(IReadOnlyList<Level> Levels) : ILocalized
    {
        public string Render(Lang lang) => string.Join("/", Levels.Select(l => lang == Lang.En
            ? l.ToString().ToLowerInvariant() : Iq.Scoring.Text.ReportWords.Level(Iq.Scoring.Text.ReportTexts.For(lang.Name()), l)));
    }

    /// <summary>The basis in English words (the results' <c>verdict_reason</c>).</summary>
    public string English()
    {
        var levels = string.Join("/", Levels.Select(l => l.ToString().ToLowerInvariant()));
        var ids = string.Join(", ", Items) + (Count > Items.Count ? $", … {Count - Items.Count} more" : "");
        var main = Kind switch
        {
            VerdictBasisKind.Veto => $"veto: {Count} {levels} item(s) failed or errored ({ids})",
            VerdictBasisKind.Pending => $"{Count} {levels} item(s) await a manual judgment ({ids})",
            VerdictBasisKind.NothingCounted => "no item counted towards the score",
            VerdictBasisKind.Reaches => $"score {Scorer.Format(Score ?? 0)} reaches pass_at {Scorer.Format(PassAt)}",
            _ => $"score {Scorer.Format(Score ?? 0)} is below pass_at {Scorer.Format(PassAt)}",
        };
        return string.Concat(TailoringNotes().Select(n => "; " + n.Render(Lang.En))
            .Prepend(main + (JudgmentsNotTaken > 0 ? Msg.VerdictJudgmentsNotTaken.With(JudgmentsNotTaken).Render(Lang.En) : "")
                + (UnconfirmedNotApplicable > 0 ? Msg.VerdictNotApplicableUnconfirmed.With(UnconfirmedNotApplicable).Render(Lang.En) : "")));
    }
}

public enum VerdictBasisKind { Veto, Pending, NothingCounted, Reaches, Below }
