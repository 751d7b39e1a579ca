using Iq.Rules.Messages;
using Iq.Scoring.Text;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>How a row changed. <see cref="LeftScore"/>: a row that failed or errored and now is not counted (not applicable, to
/// judge, informational) or is gone from the same checklist's results: not better, since nothing shows the requirement met; the row left the score, and counts against
/// the newer audit as a worse row does.</summary>
public enum Change { Better, Worse, Neutral, LeftScore }

/// <summary>What an audit was judged against.</summary>
public enum CriterionKind { ChecklistVersion, ChecklistBytes, Scoring, Parameter, Tailoring }

/// <summary>How a tailoring (<c>extends</c>) made a row differ from its base's: the comparison of a tailored checklist with
/// its base says so beside the row, so a row the tailoring disabled or added is not taken for a change in the installation.</summary>
public enum Tailored { None, Added, Disabled, ParameterSet }

/// <summary>A criterion that differs between two audits: <see cref="Name"/> is the checklist's id or the parameter's name.</summary>
public sealed record CriterionChange(CriterionKind Kind, string Name, string Before, string After);

/// <summary>An item row whose outcome or score differs between two audits (null on one side: added or removed).</summary>
public sealed record ItemChange(string Id, string Title, Outcome? Before, Outcome? After, double? ScoreBefore, double? ScoreAfter, Change Direction)
{
    public Tailored Tailored { get; init; } = Tailored.None;

    /// <summary>The row's level before and after, when it changed: a failed shall row relabelled should leaves the veto with
    /// its outcome unchanged (fresh eyes 8, F-C1b), so the level is part of what a comparison shows.</summary>
    public Rules.Model.Level? LevelBefore { get; init; }
    public Rules.Model.Level? LevelAfter { get; init; }
}

/// <summary>Two audits compared, for a re-audit after remediation: the verdict and score before and after, and every row
/// whose outcome or score changed. Worse: the verdict dropped (pass → incomplete → fail), a row's outcome dropped (pass →
/// waived, not applicable, informational or not selected → to judge → fail or error), a counted row's score fell, or a row
/// appeared failing or errored; and, on its own, a failed or errored row that left the score (→ not applicable, to judge,
/// informational, or gone: <see cref="Change.LeftScore"/>). A tailoring compared with a checklist of its <c>extends</c> chain: the rows both hold, with
/// the rows it added or disabled marked and never worse in themselves.</summary>
public sealed record ResultsDiff(Verdict Before, Verdict After, double? ScoreBefore, double? ScoreAfter, IReadOnlyList<ItemChange> Items)
{
    /// <summary>What the two audits were judged against and differs: the checklist's version or bytes (or a base's), a
    /// parameter, the scoring. Rows compared across different criteria can show nothing worse while the bar was lowered
    /// (a threshold edited, <c>--set</c> a smaller minimum), so the comparison says so beside the rows.</summary>
    public IReadOnlyList<CriterionChange> Criteria { get; init; } = [];

    public bool VerdictWorse => Rank(After) < Rank(Before);
    public bool Worse => VerdictWorse || Items.Any(i => i.Direction is Change.Worse or Change.LeftScore);

    /// <summary>A failed or errored row that is no longer counted, and not because a waiver excused it or a tailoring
    /// disabled it: it left the score without anything showing the requirement met.</summary>
    static bool LeftTheScore(Outcome before, Outcome after) =>
        before is Outcome.Fail or Outcome.Error && after is Outcome.NotApplicable or Outcome.NotChecked or Outcome.Informational;

    static int Rank(Verdict v) => v switch { Verdict.Pass => 2, Verdict.Incomplete => 1, _ => 0 };

    static int Rank(Outcome o) => o switch
    {
        Outcome.Pass => 3,
        Outcome.Waived or Outcome.NotApplicable or Outcome.Informational or Outcome.NotSelected => 2,
        Outcome.NotChecked => 1,
        _ => 0,
    };

    /// <summary>Whether two audits' checklists can be compared row by row: the same checklist, or one tailored along the
    /// other's <c>extends</c> chain (or both from a common base). The results record each checklist's chain as its
    /// <c>sources</c>, the checklist's own file first: a file of one chain is in the other when its bytes are (SHA-256),
    /// or, a base edited since, its file name is.</summary>
    public static bool Comparable(ChecklistSummary a, ChecklistSummary b) =>
        a.Id == b.Id
        || a.Sources.Any(x => b.Sources.Any(y => x.Sha256 == y.Sha256))
        || a.Sources.Skip(1).Any(x => Path.GetFileName(x.Path) == Path.GetFileName(b.Sources.FirstOrDefault()?.Path))
        || b.Sources.Skip(1).Any(y => Path.GetFileName(y.Path) == Path.GetFileName(a.Sources.FirstOrDefault()?.Path));

    public static ResultsDiff Of(ResultsDocument before, ResultsDocument after)
    {
        // Two checklists of one chain: the rows they share are compared; what the tailoring did (a row added or disabled, a
        // param set that a row reads) is said beside its row and is never a change for the worse in itself.
        var tailoring = before.Checklist.Id != after.Checklist.Id;
        var setParams = tailoring ? ChangedParameters(before, after) : [];
        Tailored TailoredOf(ItemResult? o, ItemResult? r)
        {
            if (!tailoring) return Tailored.None;
            if (o is null || r is null) return Tailored.Added;
            if ((o.Reason is Disabled) != (r.Reason is Disabled)) return Tailored.Disabled;
            return Reads(o, setParams) || Reads(r, setParams) ? Tailored.ParameterSet : Tailored.None;
        }
        var old = before.Items.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.Items.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<ItemChange>();
        foreach (var r in after.Items.DistinctBy(r => r.Id))
        {
            if (!old.TryGetValue(r.Id, out var o))
            {
                changes.Add(new ItemChange(r.Id, r.Title, null, r.Outcome, null, r.Score,
                    r.Outcome is Outcome.Fail or Outcome.Error && !tailoring ? Change.Worse : Change.Neutral) { Tailored = TailoredOf(null, r) });
                continue;
            }
            var scoreChanged = ResultsDocument.Counted(r.Outcome) && ResultsDocument.Counted(o.Outcome) && Math.Abs(r.Score - o.Score) > 1e-9;
            var tailored = TailoredOf(o, r);
            var levelChanged = o.Level != r.Level;
            // A row judged against a param the tailoring set is listed even unchanged: it passed against another bar.
            if (o.Outcome == r.Outcome && !scoreChanged && tailored == Tailored.None && !levelChanged) continue;
            // A level lowered (shall → should → may) lowers the bar the row is held to: worse, whatever its outcome did not do.
            var direction = tailored == Tailored.Disabled ? Change.Neutral
                : LeftTheScore(o.Outcome, r.Outcome) ? Change.LeftScore
                : Rank(r.Outcome) != Rank(o.Outcome) ? (Rank(r.Outcome) > Rank(o.Outcome) ? Change.Better : Change.Worse)
                : scoreChanged ? (r.Score > o.Score ? Change.Better : Change.Worse)
                : levelChanged && r.Level > o.Level ? Change.Worse
                : Change.Neutral;
            changes.Add(new ItemChange(r.Id, r.Title, o.Outcome, r.Outcome, o.Score, r.Score, direction)
                { Tailored = tailored, LevelBefore = levelChanged ? o.Level : null, LevelAfter = levelChanged ? r.Level : null });
        }
        // A failed or errored row gone from the same checklist's results (a foreach element the plan no longer lists, or a whole
        // list declared not applicable) left the score as one declared not applicable does.
        foreach (var o in before.Items.DistinctBy(r => r.Id).Where(r => !now.ContainsKey(r.Id)))
            changes.Add(new ItemChange(o.Id, o.Title, o.Outcome, null, o.Score, null,
                !tailoring && o.Outcome is Outcome.Fail or Outcome.Error ? Change.LeftScore : Change.Neutral) { Tailored = TailoredOf(o, null) });
        return new ResultsDiff(before.Verdict, after.Verdict, before.Score, after.Score, changes) { Criteria = CriteriaOf(before, after) };
    }

    /// <summary>The params whose value differs between the two audits.</summary>
    static HashSet<string> ChangedParameters(ResultsDocument before, ResultsDocument after)
    {
        var old = before.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return after.Parameters.Where(p => old.GetValueOrDefault(p.Name) != p.Value).Select(p => p.Name)
            .Concat(old.Keys.Where(k => after.Parameters.All(p => p.Name != k))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether a row's recorded comparisons name one of the params (as a whole name in the expression's text).</summary>
    static bool Reads(ItemResult row, HashSet<string> names) =>
        names.Count > 0 && row.Evidence.Any(e => names.Any(n => System.Text.RegularExpressions.Regex.IsMatch(e.Expression,
            $@"(?<![\w.]){System.Text.RegularExpressions.Regex.Escape(n)}(?![\w])")));

    static List<CriterionChange> CriteriaOf(ResultsDocument before, ResultsDocument after)
    {
        var result = new List<CriterionChange>();
        // A tailoring compared with its base (or a sibling): which checklist, instead of its bytes (which differ by design).
        if (before.Checklist.Id != after.Checklist.Id)
            result.Add(new(CriterionKind.Tailoring, "", before.Checklist.Id, after.Checklist.Id));
        else if (before.Checklist.Version != after.Checklist.Version)
            result.Add(new(CriterionKind.ChecklistVersion, before.Checklist.Id, before.Checklist.Version, after.Checklist.Version));
        static string Hashes(ResultsDocument d) => string.Join(",", d.Checklist.Sources.Select(s => s.Sha256));
        if (before.Checklist.Id == after.Checklist.Id && Hashes(before) != Hashes(after))
            result.Add(new(CriterionKind.ChecklistBytes, before.Checklist.Id, Short(before.Checklist.Sources[0].Sha256), Short(after.Checklist.Sources[0].Sha256)));
        static string ScoringOf(ResultsDocument d) =>
            $"{d.Scoring.Model} pass_at {Scorer.Format(d.Scoring.PassAt)} veto {d.Scoring.Veto?.ToString().ToLowerInvariant() ?? "-"}";
        if (ScoringOf(before) != ScoringOf(after)) result.Add(new(CriterionKind.Scoring, "", ScoringOf(before), ScoringOf(after)));
        var old = before.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var now = after.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var name in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var (a, b) = (old.GetValueOrDefault(name, "—"), now.GetValueOrDefault(name, "—"));
            if (a != b) result.Add(new(CriterionKind.Parameter, name, a, b));
        }
        return result;

        static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;
    }

    /// <summary>The comparison as text: the verdict line, then one line per changed row, worse first. Outcome and verdict
    /// words in Chinese are the reports' (report-messages.yaml); in English the results' own names. With
    /// <paramref name="verdictOnly"/> (<c>-q</c>), the verdict line alone.</summary>
    public void Write(TextWriter o, Lang lang = Lang.En, bool verdictOnly = false)
    {
        var zh = lang == Lang.Zh;
        static string S(double? s) => s is { } v ? Scorer.Format(v) : "—";
        string O(Outcome? x) => x is { } v ? (zh ? Text.ReportTexts.Zh.Outcome(v) : v.Name()) : Msg.DiffNone.Template(lang);
        string V(Verdict v) => zh ? Text.ReportTexts.Zh.Verdict(v) : v.ToString().ToLowerInvariant();
        var worse = Items.Count(i => i.Direction == Change.Worse);
        var left = Items.Count(i => i.Direction == Change.LeftScore);
        // The headline never says better while a row got worse or left the score (the exit code then says worse too).
        var mark = VerdictWorse ? Msg.DiffWorseMark.Text
            : left > 0 ? Msg.DiffRowsLeftMark.With(worse, left)
            : worse > 0 ? Msg.DiffRowsWorseMark.With(worse)
            : Rank(After) > Rank(Before) ? Msg.DiffBetterMark.Text : Localized.Empty;
        o.WriteLine(Msg.DiffVerdict.With(V(Before), V(After), S(ScoreBefore), S(ScoreAfter), mark).Render(lang));
        if (verdictOnly) return;
        var better = Items.Count(i => i.Direction == Change.Better);
        o.WriteLine((left > 0 ? Msg.DiffCountsLeft.With(Items.Count, better, worse, left, Items.Count - better - worse - left)
            : Msg.DiffCounts.With(Items.Count, better, worse, Items.Count - better - worse)).Render(lang));
        foreach (var c in Criteria)
            o.WriteLine((c.Kind switch
            {
                CriterionKind.ChecklistVersion => Msg.DiffChecklistVersion.With(c.Name, c.Before, c.After),
                CriterionKind.ChecklistBytes => Msg.DiffChecklistBytes.With(c.Name, c.Before, c.After),
                CriterionKind.Scoring => Msg.DiffScoring.With(c.Name, c.Before, c.After),
                CriterionKind.Tailoring => Msg.DiffTailoring.With(c.Before, c.After),
                _ => Msg.DiffParameter.With(c.Name, c.Before, c.After),
            }).Render(lang));
        if (Items.Any(i => i.Tailored != Tailored.None))
            o.WriteLine(Msg.DiffTailoredCounts.With(Items.Count(i => i.Tailored == Tailored.Added), Items.Count(i => i.Tailored == Tailored.Disabled),
                Items.Count(i => i.Tailored == Tailored.ParameterSet)).Render(lang));
        var width = Items.Select(i => DisplayWidth.Of(i.Id)).DefaultIfEmpty(4).Max();
        var blank = zh ? "    " : "      ";
        foreach (var i in Items.OrderBy(i => i.Direction switch { Change.Worse => 0, Change.LeftScore => 1, Change.Better => 2, _ => 3 }))
        {
            var dir = i.Direction switch
            {
                Change.Worse => Msg.DiffWorse.Template(lang) + (zh ? "" : " "),
                Change.LeftScore => Msg.DiffLeftScore.Template(lang) + (zh ? "" : "  "),
                Change.Better => Msg.DiffBetter.Template(lang),
                _ => blank,
            };
            var score = i.ScoreBefore != i.ScoreAfter ? $"  {S(i.ScoreBefore)} → {S(i.ScoreAfter)}" : "";
            var tailored = i.Tailored switch
            {
                Tailored.Added => Msg.DiffTailoredAdded.Template(lang),
                Tailored.Disabled => Msg.DiffTailoredDisabled.Template(lang),
                Tailored.ParameterSet => Msg.DiffTailoredParameter.Template(lang),
                _ => "",
            };
            var level = i is { LevelBefore: { } lb, LevelAfter: { } la }
                ? "  " + Msg.DiffLevel.With(lb.ToString().ToLowerInvariant(), la.ToString().ToLowerInvariant()).Render(lang) : "";
            o.WriteLine($"  {dir}  {DisplayWidth.PadRight(i.Id, width)}  {O(i.Before)} → {O(i.After)}{score}{level}{tailored}  {i.Title}");
        }
    }
}
