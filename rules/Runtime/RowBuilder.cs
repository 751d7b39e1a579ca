using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Messages;

namespace Iq.Rules.Runtime;

/// <summary>What a leaf of a condition is, for its evidence.</summary>
public enum EvidenceKind { Comparison, Quantifier, Term }

/// <summary>A place in a condition that records evidence when it is evaluated: known when the checklist compiles (text,
/// operator, the types of both sides), filled as the condition runs.</summary>
public sealed record EvidenceSlot(int Condition, string Text, string? Operator, IqType LeftType, IqType RightType, EvidenceKind Kind)
{
    /// <summary>For <c>count(names) OP n</c>: the type of the list counted, whose names the evidence shows.</summary>
    public IqType? CountedType { get; init; }

    /// <summary>Under an odd number of <c>not</c>s: the leaf holds, for its condition, when it is false.</summary>
    public bool Negated { get; init; }

    /// <summary>For a comparison of a count of lines (<c>logs.unparsed</c>): where the schema says the lines are.</summary>
    public LineRefs? Located { get; init; }
}

/// <summary>A condition of an item as its rows need it: its text, its type, and whether it is a conjunction of leaves (then
/// its failing leaves explain it; else the whole condition is shown first).</summary>
public sealed record ConditionInfo(string Text, IqType Type, bool Conjunction);

/// <summary>A condition that could not be decided for a reason other than missing facts (see <see cref="EvaluationException"/>),
/// carried as a value where a rule's left-hand side computes it (a <c>when</c>, a <c>foreach</c> source, a let).</summary>
public sealed class EvaluationFailure(string message)
{
    public string Message { get; } = message;
    public static object Of(EvaluationException e) => new EvaluationFailure(e.Message);
    public override string ToString() => Message;
}

/// <summary>The compiled form of an item that rows are built from: its model, where it is in the document, its conditions
/// and evidence slots.</summary>
public sealed class ItemPlan
{
    public required ItemModel Model { get; init; }
    public required int Index { get; init; }
    public required ConditionInfo[] Conditions { get; init; }
    public required EvidenceSlot[] Slots { get; init; }
    public bool HasScore => Model.Score is not null;
    public bool IsForeach => Model.ForeachSource is not null;

    /// <summary>Some item reads this one's outcome: it is inserted as a fact once all its rows are in.</summary>
    public bool Referenced { get; init; }

    /// <summary>The id is the same for every element; a <c>foreach</c> row is then named <c>id[key]</c>.</summary>
    public bool IdIsConstant => Model.IdTemplate.IsConstant;

    /// <summary>The id of rows about the item as a whole (no element to fill its template with): the id without the template
    /// (<c>6.2.2g.data-watch[{p}]</c> is <c>6.2.2g.data-watch</c>); the id itself when it is constant.</summary>
    public string WholeId { get; init; } = "";

    /// <summary>Rows about the item as a whole (no element to fill the title with) show the title's holes as "…".</summary>
    public string WholeTitle { get; init; } = "";

    /// <summary>The <c>foreach</c> source as written, naming the elements (<c>plan.software</c>).</summary>
    public string SourceText { get; init; } = "";
}

/// <summary>Builds one result row while an item's rule fires: the action renders the id, title and fix into it, evaluates
/// each condition (whose leaves record their evidence here, through the static methods the lowered trees call), then
/// <see cref="AuditRun.End"/> turns it into the row. The outcome rules, in order: <c>manual</c> → notchecked (until
/// attested); any <c>expect</c> false → fail; else any missing → error; else pass. <c>informational</c> items record values
/// without a verdict. One builder per session, reused: a session fires one action at a time.</summary>
public sealed class RowBuilder
{
    object?[] _left = new object?[8], _right = new object?[8], _result = new object?[8], _counted = new object?[8], _owner = new object?[8];
    (IReadOnlyList<string> Names, int Count)[] _failing = new (IReadOnlyList<string>, int)[8], _lacking = new (IReadOnlyList<string>, int)[8],
        _held = new (IReadOnlyList<string>, int)[8]; // an any() that held: the elements it names, and how many it read when it stopped early (else 0)
    int[] _order = new int[8];
    int _recorded;
    readonly List<object?> _values = [];

    public ItemPlan Item { get; private set; } = null!;
    public ElementFact? Element { get; private set; }
    public string? Id;
    public string Title = "";
    public string? Fix;
    /// <summary>The title and fix with iq's words in their holes as messages; null when they have none.</summary>
    public MixedText? TitleWords, FixWords;
    /// <summary>The checklist's reason for not applying (<c>when … because "…"</c>), rendered by the not-applicable rule, and
    /// its words as <see cref="TitleWords"/>.</summary>
    public string? WhenReason;
    public MixedText? WhenReasonWords;
    object? _score;
    bool _scored;
    string? _error;

    internal void Begin(ItemPlan item, ElementFact? element)
    {
        Item = item;
        Element = element;
        Id = null;
        Title = item.Model.Title;
        Fix = null;
        TitleWords = null;
        FixWords = null;
        WhenReason = null;
        WhenReasonWords = null;
        _score = null;
        _scored = false;
        _error = null;
        _values.Clear();
        _recorded = 0;
        var slots = item.Slots.Length;
        if (_left.Length < slots)
        {
            var n = Math.Max(slots, _left.Length * 2);
            (_left, _right, _result, _counted, _owner, _failing, _lacking, _held, _order) =
                (new object?[n], new object?[n], new object?[n], new object?[n], new object?[n], new (IReadOnlyList<string>, int)[n], new (IReadOnlyList<string>, int)[n],
                 new (IReadOnlyList<string>, int)[n], new int[n]);
        }
    }

    public void SetTitle(object[] parts)
    {
        Title = ValueFormatter.TemplateText(parts);
        TitleWords = ValueFormatter.TemplateWords(parts);
    }

    public void SetFix(object[] parts)
    {
        Fix = ValueFormatter.TemplateText(parts);
        FixWords = ValueFormatter.TemplateWords(parts);
    }

    public void SetWhenReason(object[] parts)
    {
        WhenReason = ValueFormatter.TemplateText(parts);
        WhenReasonWords = ValueFormatter.TemplateWords(parts);
    }

    /// <summary>The value of expectation <paramref name="index"/> (conditions run in order).</summary>
    public void Expect(object? value) => _values.Add(value);

    public void Score(object? value)
    {
        _score = value;
        _scored = true;
    }

    public void Error(EvaluationException e) => _error = e.Message;

    void Record(int slot, object? left, object? right, object? result)
    {
        _left[slot] = left;
        _right[slot] = right;
        _result[slot] = result;
        _order[_recorded++] = slot;
    }

    // ---- called by the lowered conditions ----

    /// <summary>A comparison: records both sides and the result.</summary>
    public static object? Compare(RowBuilder b, int slot, object? left, object? right, string op)
    {
        var result = op switch
        {
            "==" => Ops.Eq(left, right),
            "!=" => Ops.Ne(left, right),
            "<" => Ops.Lt(left, right),
            "<=" => Ops.Le(left, right),
            ">" => Ops.Gt(left, right),
            ">=" => Ops.Ge(left, right),
            _ => Ops.In(left, right),
        };
        b.Record(slot, left, right, result);
        return result;
    }

    /// <summary>A comparison of how many names a list holds: also keeps the list, for the evidence to name them.</summary>
    public static object? CompareCounted(RowBuilder b, int slot, object? left, object? right, string op, object? counted)
    {
        b._counted[slot] = counted;
        return Compare(b, slot, left, right, op);
    }

    /// <summary>A comparison of a count of lines: also keeps the object the count is in, for the evidence to name the lines.</summary>
    public static object? CompareLocated(RowBuilder b, int slot, object? left, object? right, string op, object? owner)
    {
        b._owner[slot] = owner;
        return Compare(b, slot, left, right, op);
    }

    /// <summary>Any other boolean term (a bool fact, <c>exists()</c>, <c>passed()</c>, a match): records its value.</summary>
    public static object? Term(RowBuilder b, int slot, object? value)
    {
        b.Record(slot, value, Ops.True, value);
        return value;
    }

    /// <summary><c>all</c>, <c>any</c> or <c>none</c> with a condition: the result as the function gives it, and the elements
    /// that failed it (all: those the condition is false for; any: all of them when none holds; none: those it holds for),
    /// the first few by name and how many in all; apart from them, those the condition could not be decided for (missing). Every element is looked at, to count them; an element that cannot be
    /// evaluated after the result is decided ends the count (the count then says "at least").</summary>
    public static object? Quantify(RowBuilder b, int slot, object? list, Func<object?, object?> predicate, string fn, string path,
        Func<object?, string?>? witness = null)
    {
        b._held[slot] = ([], 0);
        if (list is Missing)
        {
            // The slot is reused by the next item of a shared rule: nothing of an earlier item's failing elements may stay.
            b._failing[slot] = b._lacking[slot] = b._held[slot] = ([], 0);
            b.Record(slot, list, null, list);
            return list;
        }
        var items = list as object?[] ?? throw new EvaluationException($"type mismatch: {fn}() needs a list, got {Ops.Describe(list)}");
        List<string>? names = null, lacking = null, held = null;
        int offending = 0, holding = 0, lackingCount = 0, read = 0;
        object? missing = null;
        var decided = false;
        for (var i = 0; i < items.Length; i++)
        {
            object? r;
            try { r = predicate(items[i]); }
            catch (EvaluationException) when (decided) { break; }
            if (r is Missing)
            {
                missing ??= r;
                if ((lacking ??= []).Count < Runtime.Evidence.FirstFailing) lacking.Add(ElementKey.Describe(items[i], i));
                lackingCount++;
                continue;
            }
            var holds = r is true;
            if (holds) holding++;
            // A passing any() names the first elements that held it and what they compared; the count says how many in all.
            if (holds && witness is not null && (held ??= []).Count < Runtime.Evidence.FirstFailing)
            {
                string? compared;
                try { compared = witness(items[i]); }
                catch (EvaluationException) { compared = null; }
                var name = ElementKey.Describe(items[i], i);
                held.Add(string.IsNullOrEmpty(compared) ? name : $"{name} ({compared})");
            }
            // An any() is decided by the first element that holds; once it names as many as its evidence shows, the rest could
            // change nothing but the count, so it stops there and its evidence says how many it read.
            if (witness is not null && holding == Runtime.Evidence.FirstFailing && i < items.Length - 1) { read = i + 1; break; }
            var offends = fn == "none" ? holds : !holds;
            if (!offends) continue;
            if (fn != "any") decided = true;
            offending++;
            if ((names ??= []).Count < Runtime.Evidence.FirstFailing) names.Add(ElementKey.Describe(items[i], i));
        }
        object? result = fn switch
        {
            // As Functions.All: nothing verified over an empty list.
            "all" when items.Length == 0 => new Missing(path, Absence.EmptyList),
            "all" => offending > 0 ? Ops.False : missing ?? Ops.True,
            "any" => holding > 0 ? Ops.True : missing ?? Ops.False,
            _ => holding > 0 ? Ops.False : missing ?? Ops.True,
        };
        if (fn == "any" && result is true) { names = null; offending = 0; }
        b._failing[slot] = (names ?? (IReadOnlyList<string>)[], offending);
        b._lacking[slot] = (lacking ?? (IReadOnlyList<string>)[], lackingCount);
        if (fn == "any" && result is true) b._held[slot] = (held ?? (IReadOnlyList<string>)[], read);
        b.Record(slot, (double)items.Length, (double)holding, result);
        return result;
    }

    // ---- the row ----

    /// <summary>The evidence recorded while the conditions ran, in order: per condition, the whole condition first where it
    /// is not a conjunction and did not hold, then each leaf evaluated.</summary>
    /// <summary>Also the evidence that explains a failure: the first part, of the first condition that was false, that did
    /// not hold.</summary>
    (List<Evidence> All, Evidence? First) Collect()
    {
        var evidence = new List<Evidence>(_recorded + 1);
        Evidence? first = null;
        var next = 0;
        var firstSlot = 0;
        for (var c = 0; c < Item.Conditions.Length && c < _values.Count; c++)
        {
            var info = Item.Conditions[c];
            var start = evidence.Count;
            // An if whose test was undecided took no branch: nothing of it was recorded, so the whole says why.
            var none = next >= _recorded || Item.Slots[_order[next]].Condition != c;
            if ((!info.Conjunction || none) && _values[c] is not true)
                evidence.Add(new Evidence(info.Text, _values[c], IqType.Bool, _values[c] is Missing ? null : false, false));
            // A conjunction's parts all decide it; only under an or or a not can a part that did not hold leave the outcome to others.
            var notDeciding = info.Conjunction ? null : NotDeciding(Item.Model.Expectations[c].Expression, firstSlot);
            while (next < _recorded && Item.Slots[_order[next]].Condition == c) evidence.Add(Leaf(_order[next++], notDeciding));
            while (firstSlot < Item.Slots.Length && Item.Slots[firstSlot].Condition == c) firstSlot++;
            // The first part that did not hold and decided the condition explains its failure.
            if (first is null && _values[c] is false)
                for (var i = start; i < evidence.Count && first is null; i++)
                    if (evidence[i].Holds is not true && evidence[i].Decides) first = evidence[i];
        }
        return (evidence, first);
    }

    /// <summary>The slots of a condition whose parts did not decide it: walking its and/or/not tree (leaves numbered from
    /// <paramref name="firstSlot"/> in the order the lowering numbered them), a child decides its junction when its value is the
    /// junction's (false under a false <c>and</c>, true under a true <c>or</c>; an undecided junction is decided by its
    /// undecided children); a junction whose value all its children give (a true <c>and</c>, a false <c>or</c>) is decided by
    /// them all. Null when every part decides.</summary>
    HashSet<int>? NotDeciding(BoundExpr condition, int firstSlot)
    {
        var leaves = Leaves(condition);
        if (firstSlot + leaves > Item.Slots.Length || Item.Slots[firstSlot + leaves - 1].Condition != Item.Slots[firstSlot].Condition) return null;
        var recorded = new HashSet<int>(leaves);
        for (var i = 0; i < _recorded; i++) recorded.Add(_order[i]);
        HashSet<int>? result = null;
        Walk(condition, firstSlot, true);
        return result;

        // Kleene and/or; a right side the left decided recorded nothing and is unknown here, which the left's value outweighs.
        bool? Value(BoundExpr e, int slot) => e switch
        {
            BoundBinary { Operator: "and" } b => And(Value(b.Left, slot), Value(b.Right, slot + Leaves(b.Left))),
            BoundBinary { Operator: "or" } b => Or(Value(b.Left, slot), Value(b.Right, slot + Leaves(b.Left))),
            BoundUnary { Operator: "not" } u => !Value(u.Operand, slot),
            // The branch taken decides an if; the other recorded nothing.
            BoundCall { Function: "if", Arguments: [_, var then, var otherwise] } c when Traced(c) =>
                Taken(then, slot) ? Value(then, slot) : Taken(otherwise, slot + Leaves(then)) ? Value(otherwise, slot + Leaves(then)) : null,
            _ => recorded.Contains(slot) && _result[slot] is bool v ? v : null,
        };

        bool Taken(BoundExpr branch, int slot) => Enumerable.Range(slot, Leaves(branch)).Any(recorded.Contains);

        void Walk(BoundExpr e, int slot, bool deciding)
        {
            switch (e)
            {
                case BoundBinary { Operator: "and" or "or" } b:
                {
                    var value = Value(b, slot);
                    // The value that decides this junction alone: false for and, true for or.
                    bool? decisive = b.Operator == "and" ? false : true;
                    bool Decides(bool? child) => value == decisive ? child == decisive : value is null ? child is null : true;
                    Walk(b.Left, slot, deciding && Decides(Value(b.Left, slot)));
                    Walk(b.Right, slot + Leaves(b.Left), deciding && Decides(Value(b.Right, slot + Leaves(b.Left))));
                    break;
                }
                case BoundUnary { Operator: "not" } u:
                    Walk(u.Operand, slot, deciding);
                    break;
                case BoundCall { Function: "if", Arguments: [_, var then, var otherwise] } c when Traced(c):
                    // The if's value is its branch's: the branch decides as the if does.
                    Walk(then, slot, deciding);
                    Walk(otherwise, slot + Leaves(then), deciding);
                    break;
                default:
                    if (!deciding) (result ??= []).Add(slot);
                    break;
            }
        }
    }

    static bool? And(bool? l, bool? r) => l == false || r == false ? false : l is null || r is null ? null : true;

    static bool? Or(bool? l, bool? r) => l == true || r == true ? true : l is null || r is null ? null : false;

    /// <summary>How many evidence slots the lowering gave a condition: one per leaf of its and/or/not tree.</summary>
    internal static int Leaves(BoundExpr e) => e switch
    {
        BoundBinary { Operator: "and" or "or" } b => Leaves(b.Left) + Leaves(b.Right),
        BoundUnary { Operator: "not" } u => Leaves(u.Operand),
        BoundCall { Function: "if", Arguments: [_, var then, var otherwise] } c when Traced(c) => Leaves(then) + Leaves(otherwise),
        _ => 1,
    };

    /// <summary>A boolean <c>if</c> in a condition's structure: its branches' parts record their evidence, not the if as one
    /// part (as the lowering traces it).</summary>
    internal static bool Traced(BoundCall c) => c.Type == IqType.Bool;

    Evidence Leaf(int slot, HashSet<int>? notDeciding)
    {
        var s = Item.Slots[slot];
        var result = _result[slot];
        // Under a not the leaf is as its condition needs it when it is false.
        bool? holds = result is Missing ? null : (result is true) != s.Negated;
        // A part that held is shown as held, deciding or not; one that did not hold and did not decide is marked so.
        var decides = holds is true || notDeciding is null || !notDeciding.Contains(slot);
        return s.Kind switch
        {
            EvidenceKind.Comparison => new Evidence(s.Text, s.Operator!, _left[slot], s.LeftType, _right[slot], s.RightType, holds)
            {
                Operator = s.Operator,
                Counted = s.CountedType is { } counted && _counted[slot] is object?[] { Length: > 0 } names ? (names, counted) : null,
                Where = s.Located is { } at ? Where(at, _owner[slot]) : null,
                Negated = s.Negated,
                Decides = decides,
            },
            EvidenceKind.Quantifier => Quantifier(s, slot, holds, decides),
            _ => new Evidence(s.Text, _left[slot], s.LeftType, holds, s.Negated) { Decides = decides },
        };
    }

    /// <summary>Where the counted lines are, per file: <c>/var/log/syslog:4, 9, 10</c>, files apart by "; ", and ", …" where
    /// the file counted more lines than it lists; null when no file lists any (none counted, or a document written before
    /// its lines were recorded).</summary>
    internal static string? Where(LineRefs at, object? owner)
    {
        if (owner is not FactObject o || !o.TryGet(at.List, out var list) || list is not object?[] entries) return null;
        var parts = new List<string>();
        foreach (var entry in entries)
        {
            if (entry is not FactObject e || !e.TryGet(at.Lines, out var l) || l is not object?[] { Length: > 0 } lines) continue;
            var numbers = lines.OfType<double>().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (numbers.Count == 0) continue;
            var more = e.TryGet(at.Count, out var c) && c is double count && count > numbers.Count ? ", …" : "";
            var file = e.TryGet(at.File, out var f) && f is string name ? name : "?";
            parts.Add($"{file}:{string.Join(", ", numbers)}{more}");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    Evidence Quantifier(EvidenceSlot s, int slot, bool? holds, bool decides)
    {
        var (names, count) = _failing[slot];
        var (lacking, lackingCount) = _lacking[slot];
        var (heldNames, read) = _held[slot];
        var total = _left[slot] is double d ? (int)d : 0;
        var held = _right[slot] is double h ? (int)h : 0;
        // The actual text ("false: 1 of 3 fail (…)") is formatted when a report first reads it.
        return new Evidence(s.Text, total, held, _left[slot] is Missing, s.Negated)
            { Operator = s.Operator, Holds = holds, Failing = names, FailingCount = count, Lacking = lacking, LackingCount = lackingCount, Held = heldNames ?? [], Read = read, Decides = decides };
    }

    /// <summary>The expected side of an informational item's values, in words.</summary>
    static readonly MixedText Informational = new([Msg.EvidenceInformational.Text]);

    /// <summary>The row, by the outcome rules; <paramref name="id"/> is the row id already decided.</summary>
    internal ItemResult Row(string id)
    {
        var m = Item.Model;
        if (_error is not null) return Make(id, Outcome.Error, 0, [], new EvaluationError(_error));
        if (m.Manual is not null) return Make(id, Outcome.NotChecked, 0, [], new ManualRequired(m.Manual));
        if (m.Informational)
        {
            var values = _values.Select((v, i) => new Evidence(Item.Conditions[i].Text, ValueFormatter.Format(v, Item.Conditions[i].Type), Msg.EvidenceInformational.En)
                { ActualWords = ValueFormatter.Words(v, Item.Conditions[i].Type), ExpectedWords = Informational }).ToList();
            return Make(id, Outcome.Informational, 0, values, new InformationalOnly());
        }
        var (evidence, first) = Collect();
        List<Missing>? missing = null;
        Missing? declaredNotApplicable = null;
        var failed = false;
        foreach (var value in _values)
        {
            if (value is true) continue;
            if (value is Missing { NotApplicable: not null } na) { declaredNotApplicable ??= na; continue; }
            if (value is Missing mv) { (missing ??= []).Add(mv); continue; }
            failed = true;
        }
        // A document says the fact does not apply, and nothing else is unknown: not applicable, with its reason.
        if (!failed && missing is null && declaredNotApplicable is { } dna)
            return Make(id, Outcome.NotApplicable, 0, evidence, new DeclaredNotApplicable(dna.Path, dna.NotApplicable!));
        double? score = null;
        if (_scored)
        {
            if (_score is Missing sm) (missing ??= []).Add(sm);
            else if (_score is double d) score = double.IsFinite(d) ? Math.Clamp(d, 0, 1) : 0;
            else return Make(id, Outcome.Error, 0, [], new TypeMismatch("'score' needs a number", Ops.Describe(_score)));
        }
        // Most rows miss nothing: they share the empty list rather than each allocating one.
        if (failed) return Make(id, Outcome.Fail, score ?? 0, evidence, new Failed(first, (IReadOnlyList<Missing>?)missing ?? []));
        if (missing is not null) return Make(id, Outcome.Error, 0, evidence, new MissingEvidence(missing));
        if (_values.Count == 0 && score is { } only && only < 1)
        {
            evidence.Add(new Evidence("score", Ops.Format(only), "1") { Holds = false });
            return Make(id, Outcome.Fail, only, evidence, new PartialCredit(only));
        }
        return Make(id, Outcome.Pass, score ?? 1, evidence, Reason.None);
    }

    ItemResult Make(string id, Outcome outcome, double score, IReadOnlyList<Evidence> evidence, Reason reason) =>
        Rows.Make(Item.Model, id, Title, outcome, score, evidence, reason, Fix).WithWords(TitleWords, FixWords);
}

/// <summary>Result rows from an item's model.</summary>
static class Rows
{
    public static ItemResult Make(ItemModel m, string id, string title, Outcome outcome, double score, IReadOnlyList<Evidence> evidence,
        Reason reason, string? fix) =>
        new(id, m.Id, title, m.SectionId, m.Clause, m.Level, m.Weight, m.Automated, outcome, score, evidence, reason,
            outcome is Outcome.Fail or Outcome.Error ? fix : null, m.Manual);

    /// <summary>The row with its title's and fix's words (<see cref="ItemResult.TitleWords"/>), the fix's only where the row
    /// keeps its fix.</summary>
    public static ItemResult WithWords(this ItemResult r, MixedText? title, MixedText? fix) =>
        title is null && (fix is null || r.Fix is null) ? r : r with { TitleWords = title, FixWords = r.Fix is null ? null : fix };

    /// <summary>The outcome of an item as other items read it: fail if a row failed, error if one errored, pass if all
    /// passed, else the first row's.</summary>
    public static Outcome Aggregate(IReadOnlyList<ItemResult> rows)
    {
        if (rows.Any(r => r.Outcome == Outcome.Fail)) return Outcome.Fail;
        if (rows.Any(r => r.Outcome == Outcome.Error)) return Outcome.Error;
        if (rows.Count > 0 && rows.All(r => r.Outcome == Outcome.Pass)) return Outcome.Pass;
        return rows.Count == 0 ? Outcome.NotApplicable : rows[0].Outcome;
    }
}
