using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Network;
using Iq.Rules.Runtime;
using Iq.Rules.Scripting;
using Iq.Rules.Diagnostics;
using NRules;
using NRules.Diagnostics;

namespace Iq.Rules.Compilation;

/// <summary>What an evaluation is asked to keep besides the rows.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Record, per row, the facts its rule matched (from the session's RuleFiredEvent): for <c>iq explain</c>.</summary>
    public bool TraceMatches { get; init; }

    /// <summary>The steps (lambda calls) the evaluation may take before it ends with <see cref="EvaluationBudgetException"/>.</summary>
    public long StepBudget { get; init; } = EvaluationBudget.Default;

    /// <summary>Whether <c>any(list, x =&gt; x.m == v)</c> may answer from an index (the default); off, it scans as written.
    /// The index must answer as the scan does: tests compare the two.</summary>
    public bool EqualityIndexes { get; init; } = true;
}

/// <summary>A checklist ready to evaluate fact bundles: its rule model and its NRules network (one session factory,
/// compiled once; a session per evaluation). Immutable and safe to share across threads.</summary>
public sealed class CompiledChecklist
{
    readonly ISessionFactory _factory;
    readonly string[] _referencedDisabled;
    readonly Dictionary<string, (int[] Items, bool Expansion)> _ruleItems;   // rule name → the items whose rows it builds

    internal CompiledChecklist(ChecklistModel model, IReadOnlyList<FactRoot> roots, ISessionFactory factory, ItemPlan[] plans,
        IReadOnlyList<RuleInfo> rules, ScriptFunction[] scripts)
    {
        Model = model;
        Roots = roots;
        _factory = factory;
        Plans = plans;
        Rules = rules;
        Scripts = scripts;
        _referencedDisabled = plans.Where(p => p.Referenced && p.Model.DisabledReason is not null).Select(p => p.Model.Id).ToArray();
        var index = plans.ToDictionary(p => p.Model.Id, p => p.Index, StringComparer.Ordinal);
        _ruleItems = rules.Where(r => r.Items.Count > 0).ToDictionary(r => r.Name,
            r => (r.Items.Select(id => index[id]).ToArray(), r.Kind == "foreach"), StringComparer.Ordinal);
    }

    public ChecklistModel Model { get; }
    public IReadOnlyList<FactRoot> Roots { get; }

    /// <summary>The rules of the network, as NRules compiled them: name, the facts each matches, the items it waits for.</summary>
    public IReadOnlyList<RuleInfo> Rules { get; }

    internal ItemPlan[] Plans { get; }
    internal ISessionFactory Factory => _factory;
    internal DocumentFact[] DocumentsOf(FactValues facts) => Documents(facts);
    internal ScriptFunction[] Scripts { get; }

    /// <summary>Evaluates every item against the facts. <paramref name="now"/> fixes the clock for
    /// <c>days_since</c>, so a result can be reproduced.</summary>
    public IReadOnlyList<ItemResult> Evaluate(FactValues facts, DateTimeOffset? now = null, EvaluationOptions? options = null) =>
        Run(facts, now ?? DateTimeOffset.UtcNow, options ?? new EvaluationOptions()).Collect();

    /// <summary>One session: the run and every fact document inserted (a root without a document as its absence), the
    /// outcomes of disabled items that others read, then the rules fire until none is left.</summary>
    internal AuditRun Run(FactValues facts, DateTimeOffset now, EvaluationOptions options)
    {
        var documents = Documents(facts);
        var run = new AuditRun(this, documents.Select(d => d.Value).ToArray(), now, options.StepBudget) { EqualityIndexes = options.EqualityIndexes };
        var session = _factory.CreateSession();
        if (options.TraceMatches)
        {
            var matches = run.Matches = [];
            session.Events.RuleFiredEvent += (_, e) => Record(matches, e);
        }
        session.Insert(run);
        session.InsertAll(documents);
        foreach (var id in _referencedDisabled) session.Insert(new ItemOutcomeFact(id, Outcome.NotSelected));
        // A script that ran past its time limit ends the audit (its thread cannot be stopped): NRules wraps what an action
        // or condition throws, so unwrap it for the CLI edge to report by item and line.
        try { session.Fire(); }
        catch (Exception e) when (e.InnerException is ScriptTimeoutException t) { throw t; }
        catch (RuleRhsExpressionEvaluationException e) when (e.InnerException is EvaluationBudgetException b) { throw Named(b, e.RuleName); }
        return run;
    }

    /// <summary>The budget's error naming the item whose rule ran out of it (a let's rule names the let).</summary>
    EvaluationBudgetException Named(EvaluationBudgetException b, string rule)
    {
        if (_ruleItems.TryGetValue(rule, out var r) && r.Items.Length > 0)
        {
            var item = Plans[r.Items[0]].Model;
            return b.At(item.Id, item.Span);
        }
        return b.At(rule, Plans.Length > 0 ? SourceSpan.None(Plans[0].Model.Span.File) : SourceSpan.None(""));
    }

    DocumentFact[] Documents(FactValues facts)
    {
        var documents = new DocumentFact[Roots.Count];
        for (var r = 0; r < documents.Length; r++)
        {
            var root = Roots[r];
            var value = facts.Roots.TryGetValue(root.Name, out var v) && v is not null ? v : Missing.NoDocument(root.Name, root.Kind);
            documents[r] = new DocumentFact(r, root.Name, root.Kind, value);
        }
        return documents;
    }

    void Record(Dictionary<(int, int), IReadOnlyList<Messages.ILocalized>> matches, AgendaEventArgs e)
    {
        // A foreach item's expansion rule matched what its list came from: kept apart (element -2) and shown on each element's row.
        if (!_ruleItems.TryGetValue(e.Rule.Name, out var rule)) return;
        var facts = e.Facts.Select(f => f.Value).Where(v => v is not AuditRun).ToList();
        var element = rule.Expansion ? -2 : facts.OfType<ElementFact>().FirstOrDefault()?.Index ?? -1;
        var shown = facts.Select(f => f switch
        {
            LetFact l => Messages.Localized.Concat(l.Text, Messages.Localized.Verbatim($" = {(l.Error is null ? ValueFormatter.Format(l.Raw, IqType.Any) : "?")}")),
            ElementFact el => el.Text,
            DocumentFact d => d.Text,
            ItemOutcomeFact o => o.Text,
            null => Messages.Msg.MatchedNothing.Text,
            _ when f.GetType().Namespace == typeof(AuditRun).Namespace => Messages.Localized.Verbatim(f.ToString() ?? ""),
            _ => Messages.Localized.Verbatim($"when: {ValueFormatter.Format(f, IqType.Any)}"),
        }).ToList<Messages.ILocalized>();
        // A rule shared by several items of the same left-hand side matched the same facts for each of their rows.
        foreach (var item in rule.Items) matches[(item, element)] = shown;
    }
}
