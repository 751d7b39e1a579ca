using Iq.Rules.Compilation;
using Iq.Rules.Scripting;
using NRules.RuleModel;

namespace Iq.Rules.Runtime;

/// <summary>One evaluation of a compiled checklist: the session's own fact (every rule matches it first), holding the clock,
/// the fact roots (for <c>csharp</c> blocks, which read facts by path), and the rows as the rules' actions produce them.
/// The static methods here are what the rules' lowered actions call.</summary>
public sealed class AuditRun
{
    readonly CompiledChecklist _checklist;
    readonly object?[] _rows;          // per item, by its index in the document: an ItemResult, or ItemResult?[] for a foreach
    readonly int[] _pending;           // per foreach item: elements whose rows are not in yet
    readonly RowBuilder _builder = new();

    readonly Dictionary<(object?[] List, string Member), EqualityIndex> _indexes = [];
    readonly long _budget;

    internal AuditRun(CompiledChecklist checklist, object?[] roots, DateTimeOffset now, long budget)
    {
        _checklist = checklist;
        Roots = roots;
        Now = now;
        _budget = budget;
        _rows = new object?[checklist.Plans.Length];
        _pending = new int[checklist.Plans.Length];
    }

    public readonly DateTimeOffset Now;

    /// <summary>Regular-expression matches that timed out in this evaluation (<see cref="Ops.MaxRegexTimeouts"/>).</summary>
    internal int RegexTimeouts;
    public object?[] Roots { get; }

    /// <summary>Whether an equality any() may use an index (<see cref="EvaluationOptions.EqualityIndexes"/>).</summary>
    internal bool EqualityIndexes { get; init; } = true;

    /// <summary>Lambda calls so far (each predicate or selector call is one step; an index built is one per element).</summary>
    internal long Steps { get; private set; }

    /// <summary>One step of work. Past the budget the evaluation ends (<see cref="EvaluationBudgetException"/>): an
    /// expression that is quadratic in its facts must not keep an audit busy for minutes or hours.</summary>
    public static void Step(AuditRun run)
    {
        if (++run.Steps > run._budget) throw new EvaluationBudgetException(run._budget);
    }

    /// <summary>The index of <paramref name="list"/> by <paramref name="member"/>, built on first use in this evaluation.
    /// A list read from the facts or a let is the same array each time it is read, so it is built once.</summary>
    internal EqualityIndex IndexOf(object?[] list, string member, Missing missing)
    {
        if (_indexes.TryGetValue((list, member), out var index)) return index;
        Steps += list.Length;
        if (Steps > _budget) throw new EvaluationBudgetException(_budget);
        return _indexes[(list, member)] = EqualityIndex.Build(list, member, missing);
    }

    /// <summary>What each row's rule matched, from the session's RuleFiredEvent (when asked for): by item and element.</summary>
    internal Dictionary<(int Item, int Element), IReadOnlyList<Messages.ILocalized>>? Matches { get; set; }

    /// <summary>The value of the expression <c>iq explain</c> asked for.</summary>
    internal object? Explained { get; private set; }

    public object? Script(int index) => _checklist.Scripts[index](new ScriptContext(_checklist, this));

    // ---- called by the lowered actions ----

    /// <summary>An item's rule fired: the builder for its row.</summary>
    public static RowBuilder Begin(AuditRun run, int item, ElementFact? element)
    {
        run._builder.Begin(run._checklist.Plans[item], element);
        return run._builder;
    }

    /// <summary>The row is built: keep it; once all of the item's rows are in and another item reads its outcome, insert that.</summary>
    public static void End(IContext ctx, AuditRun run, RowBuilder b)
    {
        Put(ctx, run, b, b.Row(ElementKey.Visible(b.Id ?? Key(b.Item, b))));
    }

    /// <summary>The item's <c>when</c> did not hold: not applicable, or an error when it could not be decided.</summary>
    public static void NotApplicable(IContext ctx, AuditRun run, RowBuilder b, object? when)
    {
        var plan = b.Item;
        var text = plan.Model.When!.Text;
        var (outcome, reason) = when switch
        {
            Missing { NotApplicable: { } why } na => (Outcome.NotApplicable, (Reason)new DeclaredNotApplicable(na.Path, why)),
            Missing wm => (Outcome.Error, new MissingEvidence([wm], "when")),
            EvaluationFailure f => (Outcome.Error, new EvaluationError(f.Message)),
            _ => (Outcome.NotApplicable, new NotApplicable(text, b.WhenReason) { BecauseWords = b.WhenReasonWords }),
        };
        Put(ctx, run, b, Rows.Make(plan.Model, ElementKey.Visible(b.Id ?? Key(plan, b)), b.Title, outcome, 0, [], reason, b.Fix).WithWords(b.TitleWords, b.FixWords));
    }

    static string Key(ItemPlan plan, RowBuilder b) =>
        b.Element is { } e && plan.IdIsConstant ? $"{plan.Model.Id}[{e.Key}]" : plan.Model.Id;

    static void Put(IContext ctx, AuditRun run, RowBuilder b, ItemResult row)
    {
        var plan = b.Item;
        if (b.Element is not { } element)
        {
            run._rows[plan.Index] = row;
            if (plan.Referenced) ctx.Insert(new ItemOutcomeFact(plan.Model.Id, Rows.Aggregate([row])));
            return;
        }
        var rows = (ItemResult?[])run._rows[plan.Index]!;
        rows[element.Index] = row = row with { ElementIndex = element.Index };
        if (--run._pending[plan.Index] == 0 && plan.Referenced) ctx.Insert(new ItemOutcomeFact(plan.Model.Id, Rows.Aggregate(rows!)));
    }

    /// <summary>A <c>when</c> holds unless it is false, missing, or could not be decided.</summary>
    public static bool Applies(object? when) => when is not (false or Missing or EvaluationFailure);

    /// <summary>A <c>foreach</c> item's expansion rule fired with its list: one element fact per element (the item's rule then
    /// fires once for each), or the row that says why there are none.</summary>
    public static void Expand(IContext ctx, AuditRun run, int item, object? source)
    {
        var plan = run._checklist.Plans[item];
        var m = plan.Model;
        ItemResult Whole(Outcome outcome, Reason reason) => Rows.Make(m, plan.WholeId, plan.WholeTitle, outcome, 0, [], reason, null);
        ItemResult? row = source switch
        {
            EvaluationFailure f => Whole(Outcome.Error, new EvaluationError(f.Message)),
            Missing { NotApplicable: { } why } na => Whole(Outcome.NotApplicable, new DeclaredNotApplicable(na.Path, why)),
            Missing missing => Whole(Outcome.Error, new MissingEvidence([missing])),
            // An empty list is no evidence that a requirement is met, unless the checklist says an empty list is fine.
            object?[] { Length: 0 } => Whole(m.EmptyReason is null ? Outcome.Error : Outcome.NotApplicable, new EmptyForeach(plan.SourceText, m.EmptyReason)),
            object?[] => null,
            _ => Whole(Outcome.Error, new TypeMismatch("foreach needs a list", Ops.Describe(source))),
        };
        if (row is not null)
        {
            run._rows[item] = row;
            if (plan.Referenced) ctx.Insert(new ItemOutcomeFact(m.Id, Rows.Aggregate([row])));
            return;
        }
        var elements = (object?[])source!;
        run._rows[item] = new ItemResult?[elements.Length];
        run._pending[item] = elements.Length;
        var facts = new ElementFact[elements.Length];
        for (var i = 0; i < elements.Length; i++) facts[i] = new ElementFact(item, i, ElementKey.Of(elements[i], i), elements[i], plan.SourceText);
        ctx.InsertAll(facts);
    }

    /// <summary>A let's rule fired: its value, computed once for the session, becomes a fact the items that read it match.</summary>
    public static void Let(IContext ctx, int index, string name, object? value) =>
        ctx.Insert(value is EvaluationFailure f ? new LetFact(index, name, null, f.Message) : new LetFact(index, name, value, null));

    /// <summary>The expression <c>iq explain</c> asked for was evaluated.</summary>
    public static void Explain(AuditRun run, object? value) => run.Explained = value;

    // ---- after the session ----

    /// <summary>The rows in document order. An item none of whose rules fired would be a lost requirement: it gets an
    /// <c>error</c> row saying so (the network is built so that this does not happen).</summary>
    internal IReadOnlyList<ItemResult> Collect()
    {
        var results = new List<ItemResult>(_rows.Length);
        foreach (var plan in _checklist.Plans)
        {
            var m = plan.Model;
            if (m.DisabledReason is not null)
            {
                results.Add(Rows.Make(m, plan.WholeId, plan.WholeTitle, Outcome.NotSelected, 0, [], new Disabled(m.DisabledReason), null));
                continue;
            }
            switch (_rows[plan.Index])
            {
                case ItemResult row:
                    results.Add(Matched(row, plan.Index, -1));
                    break;
                case ItemResult?[] rows:
                    var used = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var r = rows[i] ?? Rows.Make(m, $"{plan.WholeId}[{i + 1}]", plan.WholeTitle, Outcome.Error, 0, [],
                            new EvaluationError("the item's rule did not fire for this element"), null);
                        var unique = r.Id;
                        for (var n = 2; !used.Add(unique); n++) unique = $"{r.Id}#{n}";
                        results.Add(Matched(unique == r.Id ? r : r with { Id = unique }, plan.Index, i));
                    }
                    break;
                default:
                    results.Add(Rows.Make(m, plan.WholeId, plan.WholeTitle, Outcome.Error, 0, [], new EvaluationError("the item's rule did not fire"), null));
                    break;
            }
        }
        return results;
    }

    ItemResult Matched(ItemResult row, int item, int element)
    {
        if (Matches is null || !Matches.TryGetValue((item, element), out var facts)) return row;
        // An element's row rests also on what its list was read from (the expansion rule's facts).
        if (element >= 0 && Matches.TryGetValue((item, -2), out var source)) facts = [.. source, .. facts];
        return row with { Matched = facts };
    }
}
