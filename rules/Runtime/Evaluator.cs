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
    /// <summary>The value of each fact root; a root no document supplies is missing, saying which kind would.</summary>
    public static object?[] Roots(CompiledChecklist checklist, FactValues facts)
    {
        var roots = new object?[checklist.Roots.Count];
        for (var r = 0; r < roots.Length; r++)
            roots[r] = facts.Roots.TryGetValue(checklist.Roots[r].Name, out var v) && v is not null
                ? v : Missing.NoDocument(checklist.Roots[r].Name, checklist.Roots[r].Kind);
        return roots;
    }

    public static IReadOnlyList<ItemResult> Run(CompiledChecklist checklist, FactValues facts, DateTimeOffset now)
    {
        var ctx = new EvalContext(checklist, Roots(checklist, facts), now);
        var results = new List<ItemResult>(checklist.Items.Length);
        List<(int Order, int Sub, ItemResult Result)>? ordered = checklist.InDocumentOrder ? null : new(checklist.Items.Length);
        foreach (var item in checklist.Items)
        {
            var start = results.Count;
            EvaluateItem(item, ctx, results);
            if (checklist.HasDependencies) ctx.ItemOutcomes[item.Model.Id] = Aggregate(results, start);
            if (ordered is null) continue;
            for (var i = start; i < results.Count; i++) ordered.Add((item.DocumentOrder, i - start, results[i]));
        }
        if (ordered is null) return results;
        ordered.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Sub.CompareTo(b.Sub));
        return ordered.Select(r => r.Result).ToList();
    }

    static Outcome Aggregate(List<ItemResult> results, int start)
    {
        var rows = results.Skip(start).ToList();
        if (rows.Any(r => r.Outcome == Outcome.Fail)) return Outcome.Fail;
        if (rows.Any(r => r.Outcome == Outcome.Error)) return Outcome.Error;
        if (rows.Count > 0 && rows.All(r => r.Outcome == Outcome.Pass)) return Outcome.Pass;
        return rows.Count == 0 ? Outcome.NotApplicable : rows[0].Outcome;
    }

    static void EvaluateItem(CompiledItem item, EvalContext ctx, List<ItemResult> into)
    {
        var m = item.Model;
        if (m.DisabledReason is not null)
        {
            into.Add(Row(m, m.Id, m.Title, Outcome.NotSelected, 0, [], new Disabled(m.DisabledReason), null));
            return;
        }
        if (item.Source is null)
        {
            ctx.Element = null;
            into.Add(EvaluateInstance(item, ctx, item.Id.IsConstant ? m.Id : null));
            return;
        }

        // Rows about the item as a whole (no elements to fill the title with) show the title's holes as "…".
        var title = System.Text.RegularExpressions.Regex.Replace(m.Title, @"\{[^{}]*\}", "…");
        object? source;
        try { source = item.Source(ctx); }
        catch (EvaluationException e)
        {
            into.Add(Row(m, m.Id, title, Outcome.Error, 0, [], new EvaluationError(e.Message), null));
            return;
        }
        if (source is Missing { NotApplicable: { } why } na)
            into.Add(Row(m, m.Id, title, Outcome.NotApplicable, 0, [], new DeclaredNotApplicable(na.Path, why), null));
        else if (source is Missing missing)
            into.Add(Row(m, m.Id, title, Outcome.Error, 0, [], new MissingEvidence([missing]), null));
        else if (source is not object?[] elements)
            into.Add(Row(m, m.Id, title, Outcome.Error, 0, [], new TypeMismatch("foreach needs a list", Ops.Describe(source)), null));
        else if (elements.Length == 0)
            // An empty list is no evidence that a requirement is met, unless the checklist says an empty list is fine.
            into.Add(Row(m, m.Id, title, m.EmptyReason is null ? Outcome.Error : Outcome.NotApplicable, 0, [],
                new EmptyForeach(ExpressionBinder.PathOf(m.ForeachSource!), m.EmptyReason), null));
        else
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < elements.Length; i++)
            {
                ctx.Element = elements[i];
                string? id = null;
                if (item.Id.IsConstant) id = $"{m.Id}[{Key(elements[i], i)}]";
                var row = EvaluateInstance(item, ctx, id);
                var unique = row.Id;
                for (var n = 2; !used.Add(unique); n++) unique = $"{row.Id}#{n}";
                into.Add(unique == row.Id ? row : row with { Id = unique });
            }
            ctx.Element = null;
        }
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
                if (applies is Missing { NotApplicable: { } whyNot } wna)
                    return Row(m, id, title, Outcome.NotApplicable, 0, [], new DeclaredNotApplicable(wna.Path, whyNot), null);
                if (applies is Missing wm) return Row(m, id, title, Outcome.Error, 0, [], new MissingEvidence([wm], "when"), fix);
                if (applies is false)
                    return Row(m, id, title, Outcome.NotApplicable, 0, [], new NotApplicable(when.Text, item.WhenReason?.Render(ctx)), fix);
            }
            if (m.Manual is not null)
                return Row(m, id, title, Outcome.NotChecked, 0, [], new ManualRequired(m.Manual), fix);

            // Lists only when something is to be said: most items pass.
            List<Evidence>? evidence = null;
            List<Missing>? missing = null;
            List<Missing>? declaredNotApplicable = null;
            var failed = false;
            foreach (var condition in item.Expectations)
            {
                var value = condition.Evaluate(ctx);
                if (m.Informational)
                {
                    (evidence ??= []).Add(new Evidence(condition.Text, ValueFormatter.Format(value, condition.Type), "(informational)"));
                    continue;
                }
                if (value is true) continue;
                if (value is Missing { NotApplicable: not null } na) { (declaredNotApplicable ??= []).Add(na); continue; }
                if (value is Missing mv) { (missing ??= []).Add(mv); continue; }
                failed = true;
                (evidence ??= []).AddRange(condition.Explain(ctx, value));
            }
            // A document says the fact does not apply, and nothing else is unknown: not applicable, with its reason.
            if (!failed && missing is null && declaredNotApplicable is [var first, ..])
                return Row(m, id, title, Outcome.NotApplicable, 0, [], new DeclaredNotApplicable(first.Path, first.NotApplicable!), null);
            if (item.Score is null && !failed && missing is null && !m.Informational)
                return Row(m, id, title, Outcome.Pass, 1, [], Reason.None, null);
            evidence ??= [];
            missing ??= [];
            if (m.Informational)
                return Row(m, id, title, Outcome.Informational, 0, evidence, new InformationalOnly(), fix);

            double? score = null;
            if (item.Score is not null)
            {
                var s = item.Score(ctx);
                if (s is Missing sm) missing.Add(sm);
                else if (s is double d) score = double.IsFinite(d) ? Math.Clamp(d, 0, 1) : 0;
                else return Row(m, id, title, Outcome.Error, 0, [], new TypeMismatch("'score' needs a number", Ops.Describe(s)), fix);
            }
            if (failed)
                return Row(m, id, title, Outcome.Fail, score ?? 0, evidence, new Failed(evidence.FirstOrDefault(), missing), fix);
            if (missing.Count > 0)
                return Row(m, id, title, Outcome.Error, 0, evidence, new MissingEvidence(missing), fix);
            if (item.Expectations.Length == 0 && score is { } only && only < 1)
            {
                evidence.Add(new Evidence("score", Ops.Format(only), "1"));
                return Row(m, id, title, Outcome.Fail, only, evidence, new PartialCredit(only), fix);
            }
            return Row(m, id, title, Outcome.Pass, score ?? 1, evidence, Reason.None, null);
        }
        catch (EvaluationException e)
        {
            return Row(m, id, title, Outcome.Error, 0, [], new EvaluationError(e.Message), fix);
        }
    }

    static ItemResult Row(ItemModel m, string id, string title, Outcome outcome, double score, IReadOnlyList<Evidence> evidence,
        Reason reason, string? fix) =>
        new(id, m.Id, title, m.SectionId, m.Clause, m.Level, m.Weight, m.Automated, outcome, score, evidence, reason,
            outcome is Outcome.Fail or Outcome.Error ? fix : null, m.Manual);
}
