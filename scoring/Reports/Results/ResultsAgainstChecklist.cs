using System.Globalization;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Scoring.Reports;

/// <summary>Whether a results document's scoring and rows are the checklist's it names (by id, version and SHA-256): its
/// pass mark and veto level, and each row's level, weight, clause and section as the checklist's item declares them, and a
/// row for every item. <see cref="ResultsConsistency"/> checks that a file agrees with itself; a file edited whole (veto
/// dropped, pass mark lowered, failed shall rows relabelled should, its verdict recomputed and resealed) agrees with
/// itself, and only the checklist shows what it should have said (fresh eyes 8, F-C1/F-C1b).</summary>
public static class ResultsAgainstChecklist
{
    /// <summary>The first place the results differ from <paramref name="checklist"/> (already known to be the file they
    /// name), in document order; null when they agree. The scoring model is not compared: <c>iq audit --scoring</c> changes
    /// it legitimately, and <see cref="ResultsConsistency"/> checks that the formula and every score follow from it.</summary>
    public static ResultsConsistency.Contradiction? First(ResultsDocument d, ChecklistModel checklist)
    {
        var name = $"{checklist.Id} {checklist.Version}";
        if (!Same(d.Scoring.PassAt, checklist.Scoring.PassAt))
            return new("$.scoring.pass_at", Msg.ResultsNotChecklist.With("pass_at", Number(d.Scoring.PassAt), name, Number(checklist.Scoring.PassAt)));
        if (d.Scoring.Veto != checklist.Scoring.Veto)
            return new("$.scoring.veto", Msg.ResultsNotChecklist.With("veto", LevelName(d.Scoring.Veto), name, LevelName(checklist.Scoring.Veto)));
        var items = checklist.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var rowed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Items.Count; i++)
        {
            var row = d.Items[i];
            var at = $"$.items[{i}]";
            if (!items.TryGetValue(row.ItemId, out var item)) return new($"{at}.item", Msg.ResultsItemNotInChecklist.With(row.ItemId, name));
            rowed.Add(item.Id);
            if (row.Level != item.Level) return new($"{at}.level", Msg.ResultsNotChecklist.With("level", LevelName(row.Level), name, LevelName(item.Level)));
            if (!Same(row.Weight, item.Weight)) return new($"{at}.weight", Msg.ResultsNotChecklist.With("weight", Number(row.Weight), name, Number(item.Weight)));
            if (row.Clause != item.Clause) return new($"{at}.clause", Msg.ResultsNotChecklist.With("clause", row.Clause, name, item.Clause));
            if (row.SectionId != item.SectionId) return new($"{at}.section", Msg.ResultsNotChecklist.With("section", row.SectionId, name, item.SectionId));
        }
        // A row removed (and the counts, scores and verdict recomputed without it) leaves an item of the checklist unanswered.
        if (checklist.Items.FirstOrDefault(i => !rowed.Contains(i.Id)) is { } missing)
            return new("$.items", Msg.ResultsItemNoRow.With(missing.Id, name));
        return null;
    }

    static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));

    static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    static string LevelName(Level? level) => level is { } l ? l.ToString().ToLowerInvariant() : "none";
}
