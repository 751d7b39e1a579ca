using System.Globalization;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Scoring;

/// <summary>Results to scores and a verdict, by the checklist's scoring model (or an override).
/// Counted rows are those that passed, failed or errored; the others (notapplicable, notchecked, informational,
/// waived, notselected) are excluded. A foreach item is one item: its score the mean of its counted rows in the
/// <c>weighted</c> model, pass only if every counted row passed in the XCCDF models.
/// <list type="bullet">
/// <item><c>weighted</c>: an item scores in [0,1] (partial credit from <c>score</c>); a section 100 × Σwᵢsᵢ/Σwᵢ over
/// counted children, subsections included by their own weight — recursively.</item>
/// <item><c>default</c> (XCCDF 1.2): the same recursion with each item 1 if it passed, else 0.</item>
/// <item><c>flat</c>: Σ of the weights of passed items over Σ of the weights of counted items; section weights unused.</item>
/// <item><c>flat-unweighted</c>: passed items over counted items.</item>
/// <item><c>absolute</c>: 100 if every counted item passed, else 0.</item>
/// </list>
/// The verdict, in every model: fail when a counted item at the veto level or above failed or errored; else
/// incomplete while such an item is notchecked; else pass when the score reaches pass_at.</summary>
public static class Scorer
{
    public static string Formula(string model) => model switch
    {
        "default" => "default (XCCDF 1.2): section score = 100 × Σ(wᵢ·sᵢ) / Σ(wᵢ) over counted children, sᵢ = 1 if the item passed else 0; recursive",
        "flat" => "flat (XCCDF 1.2): score = Σ weights of passed items / Σ weights of counted items × 100; section weights unused",
        "flat-unweighted" => "flat-unweighted (XCCDF 1.2): score = passed items / counted items × 100",
        "absolute" => "absolute (XCCDF 1.2): score = 100 if every counted item passed, else 0",
        _ => "weighted: section score = 100 × Σ(wᵢ·sᵢ) / Σ(wᵢ) over counted children, sᵢ in [0,1] (partial credit), an error scoring 0; recursive",
    } + ". Counted: pass, fail, error; excluded: notapplicable, notchecked, informational, waived, notselected. A foreach item counts once.";

    public static AuditScore Score(ChecklistModel model, IReadOnlyList<ItemResult> results, string? overrideModel = null) =>
        Score(overrideModel ?? model.Scoring.Model, model.Scoring, ScoreTree.Of(model.Root), results);

    /// <summary>The same scoring over a section tree as data: the checklist's, or the one a results file states (which
    /// <see cref="Reports.ResultsConsistency"/> scores again from the file's rows, so that a file's score and verdict are
    /// checked by this code and no copy of it).</summary>
    public static AuditScore Score(string name, ScoringSpec spec, ScoreTree tree, IReadOnlyList<ItemResult> results)
    {
        var byItem = results.GroupBy(r => r.ItemId).ToDictionary(g => g.Key, g => g.ToList());
        var root = name is "weighted" or "default" ? Recursive(tree, byItem, name == "weighted") : Flat(tree, byItem, name);
        var vetoLevels = spec.Veto switch
        {
            Level.Shall => new[] { Level.Shall },
            Level.Should => [Level.Shall, Level.Should],
            Level.May => [Level.Shall, Level.Should, Level.May],
            _ => [],
        };
        var vetoed = results.Where(r => vetoLevels.Contains(r.Level) && r.Outcome is Outcome.Fail or Outcome.Error).ToList();
        var pending = results.Where(r => vetoLevels.Contains(r.Level) && r.Outcome == Outcome.NotChecked).ToList();
        var score = root.Score;
        static IReadOnlyList<string> Named(List<ItemResult> rows) => rows.Take(VerdictBasis.NamedItems).Select(r => r.Id).ToList();
        var (verdict, basis) =
            vetoed.Count > 0 ? (Verdict.Fail, new VerdictBasis(VerdictBasisKind.Veto, vetoLevels, Named(vetoed), score, spec.PassAt) { Count = vetoed.Count })
            : pending.Count > 0 ? (Verdict.Incomplete, new VerdictBasis(VerdictBasisKind.Pending, vetoLevels, Named(pending), score, spec.PassAt) { Count = pending.Count })
            : score is null ? (Verdict.Incomplete, new VerdictBasis(VerdictBasisKind.NothingCounted, [], [], null, spec.PassAt))
            : score >= spec.PassAt ? (Verdict.Pass, new VerdictBasis(VerdictBasisKind.Reaches, [], [], score, spec.PassAt))
            : (Verdict.Fail, new VerdictBasis(VerdictBasisKind.Below, [], [], score, spec.PassAt));
        basis = basis with
        {
            JudgmentsNotTaken = results.Count(r => r.Reason is JudgmentNotTaken),
            UnconfirmedNotApplicable = results.Count(r => r.Reason is NotApplicableUnconfirmed { Held: true }),
        };
        if (spec.Tailoring is { } tailoring)
            basis = basis with
            {
                Tailoring = tailoring,
                DroppedVetoFailed = results.Count(r => tailoring.DroppedLevels.Contains(r.Level) && r.Outcome is Outcome.Fail or Outcome.Error),
            };
        var reason = basis.English();
        return new AuditScore(score, verdict, reason, Formula(name), root) { Model = name, Basis = basis };
    }

    public static string Format(double d) => Math.Round(d, 2).ToString("0.##", CultureInfo.InvariantCulture);

    static bool Counted(Outcome o) => o is Outcome.Pass or Outcome.Fail or Outcome.Error;

    /// <summary>An item's score in [0,1], or null when none of its rows counts.</summary>
    static double? ItemScore(List<ItemResult> rows, bool partial)
    {
        var counted = rows.Where(r => Counted(r.Outcome)).ToList();
        if (counted.Count == 0) return null;
        if (partial) return counted.Average(r => r.Outcome == Outcome.Error ? 0 : r.Score);
        return counted.All(r => r.Outcome == Outcome.Pass) ? 1 : 0;
    }

    static SectionScore Recursive(ScoreTree section, Dictionary<string, List<ItemResult>> byItem, bool partial)
    {
        var subsections = new List<SectionScore>();
        double weighted = 0, weights = 0;
        var counted = false;
        foreach (var child in section.Children)
        {
            if (child.Section is { } s)
            {
                var sub = Recursive(s, byItem, partial);
                subsections.Add(sub);
                if (sub.Score is not { } score) continue;
                weighted += s.Weight * score / 100;
                weights += s.Weight;
                counted = true;
            }
            else if (byItem.TryGetValue(child.ItemId, out var rows) && ItemScore(rows, partial) is { } s1)
            {
                weighted += child.Weight * s1;
                weights += child.Weight;
                counted = true;
            }
        }
        double? result = counted && weights > 0 ? 100 * weighted / weights : null;
        return new SectionScore(section.Id, section.Title, section.Weight, result, Counts(section, byItem), subsections);
    }

    static SectionScore Flat(ScoreTree section, Dictionary<string, List<ItemResult>> byItem, string model)
    {
        double passed = 0, max = 0;
        foreach (var item in section.AllItems())
        {
            if (!byItem.TryGetValue(item.ItemId, out var rows) || ItemScore(rows, partial: false) is not { } s) continue;
            var w = model == "flat" ? item.Weight : 1;
            passed += w * s;
            max += w;
        }
        double? score = max <= 0 ? null : model == "absolute" ? (passed == max ? 100 : 0) : 100 * passed / max;
        var subsections = section.Children.Where(c => c.Section is not null).Select(c => Flat(c.Section!, byItem, model)).ToList();
        return new SectionScore(section.Id, section.Title, section.Weight, score, Counts(section, byItem), subsections) { Raw = passed, Max = max };
    }

    static OutcomeCounts Counts(ScoreTree section, Dictionary<string, List<ItemResult>> byItem) =>
        OutcomeCounts.Of(section.AllItems().SelectMany(i => byItem.GetValueOrDefault(i.ItemId) ?? []));
}

/// <summary>What scoring reads of a checklist: each section's id, title and weight, and its children in order (a
/// subsection, or an item by id and weight).</summary>
public sealed record ScoreTree(string Id, string Title, double Weight, IReadOnlyList<ScoreTree.Child> Children)
{
    /// <summary>A subsection (<see cref="Section"/> set), or an item (<see cref="ItemId"/> and its weight).</summary>
    public readonly record struct Child(ScoreTree? Section, string ItemId, double Weight);

    public static ScoreTree Of(SectionModel s) => new(s.Id, s.Title, s.Weight,
        s.Children.Select(c => c is SectionModel sub ? new Child(Of(sub), "", sub.Weight) : new Child(null, c.Id, c.Weight)).ToList());

    public IEnumerable<Child> AllItems() => Children.SelectMany(c => c.Section is { } s ? s.AllItems() : [c]);
}
