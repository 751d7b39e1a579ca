using Iq.Rules.Binding;
using Iq.Rules.Compilation;
using Iq.Rules.Model;

namespace Iq.Rules.Runtime;

/// <summary>Runs a compiled checklist over facts, in dependency order, and returns results in document order.
/// The rules of outcome, in order: disabled → notselected; <c>when</c> false → notapplicable; <c>manual</c>
/// → notchecked (until attested); any <c>expect</c> false → fail; else any missing → error; else pass.
/// <c>informational</c> items record values without a verdict.</summary>
static class Evaluator
{
    public static IReadOnlyList<ItemResult> Run(CompiledChecklist checklist, FactValues facts, DateTimeOffset now)
    {
        var roots = checklist.Roots.Select(r => facts.Roots.TryGetValue(r.Name, out var v) && v is not null ? v : new Missing(r.Name)).ToArray();
        var ctx = new EvalContext(checklist, roots, now);
        var results = new List<(int Order, int Sub, ItemResult Result)>(checklist.Items.Length);
        foreach (var item in checklist.Items)
        {
            var rows = EvaluateItem(item, ctx, checklist);
            for (var i = 0; i < rows.Count; i++) results.Add((item.DocumentOrder, i, rows[i]));
            ctx.ItemOutcomes[item.Model.Id] = Aggregate(rows);
        }
        results.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Sub.CompareTo(b.Sub));
        return results.Select(r => r.Result).ToList();
    }

    static Outcome Aggregate(List<ItemResult> rows)
    {
        if (rows.Any(r => r.Outcome == Outcome.Fail)) return Outcome.Fail;
        if (rows.Any(r => r.Outcome == Outcome.Error)) return Outcome.Error;
        if (rows.Count > 0 && rows.All(r => r.Outcome == Outcome.Pass)) return Outcome.Pass;
        return rows.Count == 0 ? Outcome.NotApplicable : rows[0].Outcome;
    }

    static List<ItemResult> EvaluateItem(CompiledItem item, EvalContext ctx, CompiledChecklist checklist)
    {
        var m = item.Model;
        if (m.DisabledReason is not null)
            return [Row(m, m.Id, m.Title, Outcome.NotSelected, 0, [], $"disabled by tailoring: {m.DisabledReason}", null)];
        if (item.Source is null)
        {
            ctx.Element = null;
            return [EvaluateInstance(item, ctx, m.IdTemplate.IsConstant ? m.Id : null)];
        }

        object? source;
        try { source = item.Source(ctx); }
        catch (EvaluationException e) { return [Row(m, m.Id, m.Title, Outcome.Error, 0, [], e.Message, null)]; }
        if (source is Missing missing)
            return [Row(m, m.Id, m.Title, Outcome.Error, 0, [], $"missing evidence: {missing.Path}", null)];
        if (source is not object?[] elements)
            return [Row(m, m.Id, m.Title, Outcome.Error, 0, [], $"type mismatch: foreach needs a list, got {Ops.Describe(source)}", null)];
        if (elements.Length == 0)
            return [Row(m, m.Id, m.Title, Outcome.NotApplicable, 0, [], "foreach over an empty list", null)];

        var rows = new List<ItemResult>(elements.Length);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Length; i++)
        {
            ctx.Element = elements[i];
            string? id = null;
            if (m.IdTemplate.IsConstant) id = $"{m.Id}[{Key(elements[i], i)}]";
            var row = EvaluateInstance(item, ctx, id);
            var unique = row.Id;
            for (var n = 2; !used.Add(unique); n++) unique = $"{row.Id}#{n}";
            rows.Add(row with { Id = unique });
        }
        ctx.Element = null;
        return rows;
    }

    /// <summary>A readable, stable key for a foreach element: its name, its id, else its first string member
    /// (a RACI row's activity), else its position.</summary>
    static string Key(object? element, int index)
    {
        if (element is FactObject o)
        {
            if (o.TryGet("name", out var n) && n is string name) return name;
            if (o.TryGet("id", out var i) && i is string id) return id;
            if (o.Members.Values.OfType<string>().FirstOrDefault() is { } first) return first;
        }
        return (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    static ItemResult EvaluateInstance(CompiledItem item, EvalContext ctx, string? fixedId)
    {
        var m = item.Model;
        var id = fixedId ?? item.Id.Render(ctx);
        var title = item.Title.Render(ctx);
        var fix = item.Fix?.Render(ctx);
        try
        {
            if (item.When is { } when)
            {
                var applies = when.Evaluate(ctx);
                if (applies is Missing wm) return Row(m, id, title, Outcome.Error, 0, [], $"missing evidence: {wm.Path} (in 'when')", fix);
                if (applies is false) return Row(m, id, title, Outcome.NotApplicable, 0, [], $"not applicable: {when.Text} is false", fix);
            }
            if (m.Manual is not null)
                return Row(m, id, title, Outcome.NotChecked, 0, [], "manual judgment required: " + m.Manual, fix);

            var evidence = new List<Evidence>();
            var missing = new List<string>();
            var failed = false;
            foreach (var condition in item.Expectations)
            {
                var value = condition.Evaluate(ctx);
                if (m.Informational)
                {
                    evidence.Add(new Evidence(condition.Text, ValueFormatter.Format(value, condition.Type), "(informational)"));
                    continue;
                }
                if (value is true) continue;
                if (value is Missing mv) { missing.Add(mv.Path); continue; }
                failed = true;
                evidence.AddRange(condition.Explain(ctx, value));
            }
            if (m.Informational)
                return Row(m, id, title, Outcome.Informational, 0, evidence, "informational", fix);

            double? score = null;
            if (item.Score is not null)
            {
                var s = item.Score(ctx);
                if (s is Missing sm) missing.Add(sm.Path);
                else if (s is double d) score = double.IsFinite(d) ? Math.Clamp(d, 0, 1) : 0;
                else throw new EvaluationException($"type mismatch: 'score' needs a number, got {Ops.Describe(s)}");
            }
            if (failed)
                return Row(m, id, title, Outcome.Fail, score ?? 0, evidence, FailMessage(evidence, missing), fix);
            if (missing.Count > 0)
                return Row(m, id, title, Outcome.Error, 0, evidence,
                    "missing evidence: " + string.Join(", ", missing.Distinct()), fix);
            if (item.Expectations.Length == 0 && score is { } only && only < 1)
            {
                evidence.Add(new Evidence("score", Ops.Format(only), "1"));
                return Row(m, id, title, Outcome.Fail, only, evidence, $"partial: score {Ops.Format(only)}", fix);
            }
            return Row(m, id, title, Outcome.Pass, score ?? 1, evidence, "", null);
        }
        catch (EvaluationException e)
        {
            return Row(m, id, title, Outcome.Error, 0, [], e.Message, fix);
        }
    }

    static string FailMessage(List<Evidence> evidence, List<string> missing)
    {
        var first = evidence.FirstOrDefault();
        var text = first is null ? "failed" : $"{first.Expression}: actual {first.Actual}, expected {first.Expected}";
        return missing.Count == 0 ? text : text + "; also missing evidence: " + string.Join(", ", missing.Distinct());
    }

    static ItemResult Row(ItemModel m, string id, string title, Outcome outcome, double score, IReadOnlyList<Evidence> evidence,
        string message, string? fix) =>
        new(id, m.Id, title, m.SectionId, m.Clause, m.Level, m.Weight, m.Automated, outcome, score, evidence, message,
            outcome is Outcome.Fail or Outcome.Error ? fix : null, m.Manual);
}
