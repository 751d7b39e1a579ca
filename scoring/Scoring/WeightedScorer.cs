using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Scoring;

/// <summary>The <c>weighted</c> model: an item scores in [0,1]; a section scores 100 × Σ wᵢsᵢ / Σ wᵢ over its
/// counted children (items that passed, failed or errored — an error scores 0 — and subsections with a
/// score), recursively, as XCCDF's default model does for groups. A foreach item counts once, with the
/// mean of its rows. The verdict: fail when a counted item at the veto level failed or errored; else
/// incomplete while such an item is still notchecked; else pass when the score reaches pass_at.</summary>
public static class WeightedScorer
{
    public const string Formula =
        "weighted: section score = 100 × Σ(wᵢ·sᵢ) / Σ(wᵢ) over counted children (pass, fail, error; error scores 0; " +
        "notapplicable, notchecked, informational, waived, notselected excluded); a foreach item counts once with the mean of its rows";

    public static AuditScore Score(ChecklistModel model, IReadOnlyList<ItemResult> results)
    {
        var byItem = results.GroupBy(r => r.ItemId).ToDictionary(g => g.Key, g => g.ToList());
        var root = ScoreSection(model.Root, byItem);
        var spec = model.Scoring;
        var vetoLevels = spec.Veto switch
        {
            Level.Shall => new[] { Level.Shall },
            Level.Should => [Level.Shall, Level.Should],
            Level.May => [Level.Shall, Level.Should, Level.May],
            _ => [],
        };
        var vetoed = results.Where(r => vetoLevels.Contains(r.Level) && r.Outcome is Outcome.Fail or Outcome.Error).ToList();
        var pending = results.Where(r => vetoLevels.Contains(r.Level) && r.Outcome == Outcome.NotChecked).ToList();
        var passAt = spec.PassAt;
        var score = root.Score;
        var (verdict, reason) =
            vetoed.Count > 0 ? (Verdict.Fail, $"veto: {vetoed.Count} {Names(vetoLevels)} item(s) failed or errored ({Ids(vetoed)})")
            : pending.Count > 0 ? (Verdict.Incomplete, $"{pending.Count} {Names(vetoLevels)} item(s) await a manual judgment ({Ids(pending)})")
            : score is null ? (Verdict.Incomplete, "no item counted towards the score")
            : score >= passAt ? (Verdict.Pass, $"score {Format(score.Value)} reaches pass_at {Format(passAt)}")
            : (Verdict.Fail, $"score {Format(score.Value)} is below pass_at {Format(passAt)}");
        return new AuditScore(score, verdict, reason, Formula, root);
    }

    static string Names(Level[] levels) => string.Join("/", levels.Select(l => l.ToString().ToLowerInvariant()));

    static string Ids(List<ItemResult> rows) =>
        string.Join(", ", rows.Take(5).Select(r => r.Id)) + (rows.Count > 5 ? $", … {rows.Count - 5} more" : "");

    public static string Format(double d) => Math.Round(d, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    static bool Counted(Outcome o) => o is Outcome.Pass or Outcome.Fail or Outcome.Error;

    static SectionScore ScoreSection(SectionModel section, Dictionary<string, List<ItemResult>> byItem)
    {
        var subsections = new List<SectionScore>();
        double weighted = 0, weights = 0;
        var counted = false;
        foreach (var child in section.Children)
        {
            if (child is SectionModel s)
            {
                var sub = ScoreSection(s, byItem);
                subsections.Add(sub);
                if (sub.Score is { } score)
                {
                    weighted += s.Weight * score / 100;
                    weights += s.Weight;
                    counted = true;
                }
            }
            else if (child is ItemModel item && byItem.TryGetValue(item.Id, out var rows))
            {
                var scored = rows.Where(r => Counted(r.Outcome)).ToList();
                if (scored.Count == 0) continue;
                weighted += item.Weight * scored.Average(r => r.Outcome == Outcome.Error ? 0 : r.Score);
                weights += item.Weight;
                counted = true;
            }
        }
        var all = section.AllItems().SelectMany(i => byItem.GetValueOrDefault(i.Id) ?? []);
        double? result = !counted ? null : weights > 0 ? 100 * weighted / weights : null;
        return new SectionScore(section.Id, section.Title, section.Weight, result, OutcomeCounts.Of(all), subsections);
    }
}
