using System.Linq.Expressions;
using System.Reflection;
using Iq.Rules.Binding;
using Iq.Rules.Compilation;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using LE = System.Linq.Expressions.Expression;

namespace Iq.Rules.Network;

/// <summary>A rule of the network as an assessor reviews it (<c>iq check --rules</c>): its name, what it is for, the facts it
/// matches, the items it waits for.</summary>
public sealed record RuleInfo(string Name, string Kind, string? ItemId, IReadOnlyList<Messages.ILocalized> Matches, IReadOnlyList<string> DependsOn)
{
    /// <summary>The items whose rows the rule builds: one, or several items of the same left-hand side sharing a rule.</summary>
    public IReadOnlyList<string> Items { get; init; } = ItemId is null ? [] : [ItemId];

    /// <summary>The rule's name as explain shows it, in a language: a rule of several items names the first, the last and
    /// how many (<see cref="Name"/> is its English).</summary>
    public Messages.ILocalized Words => Kind == "items" && Items.Count > 1
        ? Messages.Msg.RuleOfItems.With(Items[0], Items[^1], Items.Count) : Messages.Localized.Verbatim(Name);
}

/// <summary>The rule model lowered to NRules rule definitions, through NRules' rule-model builders: the binder's expression
/// trees become the rules' conditions and actions. Per item, in document order:
/// <list type="bullet">
/// <item>its rule: matches the session's <see cref="AuditRun"/>, the fact documents its conditions read (every root is
/// inserted, present or not, so a rule never waits for a document), the lets it reads (<see cref="LetFact"/>), a
/// <c>foreach</c> element (<see cref="ElementFact"/>: one activation per element), and the outcomes of the items it reads
/// (<see cref="ItemOutcomeFact"/>: the network orders it after them); its <c>when</c> is a binding in the left-hand side
/// and a condition on it; its action evaluates the <c>expect</c> conditions and the score and records the row;</item>
/// <item>with a <c>when</c>: a rule on the same binding for when it does not hold, which records the notapplicable (or
/// error) row;</item>
/// <item>with a <c>foreach</c>: an expansion rule that evaluates the list and inserts one element fact per element, or
/// records the row that says why there are none.</item>
/// </list>
/// Per let, a rule that computes it once and inserts it. Tailoring's disabled items have no rule: their rows are constant.</summary>
sealed class NetworkBuilder
{
    readonly ChecklistModel _model;
    readonly IReadOnlyList<FactRoot> _roots;
    readonly HashSet<string> _referenced;
    public List<IRuleDefinition> Rules { get; } = [];
    public List<RuleInfo> Infos { get; } = [];
    public List<ItemPlan> Plans { get; } = [];

    public NetworkBuilder(ChecklistModel model, IReadOnlyList<FactRoot> roots)
    {
        _model = model;
        _roots = roots;
        _referenced = model.Items.SelectMany(i => Expressions(i)).Concat(model.Lets.Select(l => l.Value))
            .SelectMany(BoundTree.Descendants).OfType<BoundItemRef>().Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Some item reads this one's outcome.</summary>
    public bool IsReferenced(string id) => _referenced.Contains(id);

    public void AddLets()
    {
        foreach (var let in _model.Lets)
        {
            var shape = new RuleShape(this, $"let {let.Name}", [let.Value], element: null);
            var value = LE.Variable(typeof(object), "value");
            shape.Action(LE.Block(typeof(void), [value], Guard(value, shape.Compiler().Lower(let.Value)),
                LE.Call(Method(nameof(AuditRun.Let)), shape.Context, LE.Constant(let.Index), LE.Constant(let.Name), value)));
            Add(shape, "let", null);
        }
    }

    /// <summary>Items with the same left-hand side (the same documents, lets and item outcomes; no <c>when</c>, no
    /// <c>foreach</c>) share one rule of at most this many items, whose action builds their rows in document order: an NRules
    /// activation costs about what Microsoft RulesEngine pays for a whole rule (issue 18: 500 rules with empty actions,
    /// 0.44 ms against RulesEngine's 0.51 ms), so a rule per item could never be much faster than it. Bounded so that no
    /// action grows into one huge method.</summary>
    public const int ItemsPerRule = 64;

    public void AddItems()
    {
        var index = 0;
        var groups = new Dictionary<string, List<ItemPlan>>(StringComparer.Ordinal);
        var order = new List<List<ItemPlan>>();
        foreach (var item in _model.Items)
        {
            var plan = Plan(item, index++);
            Plans.Add(plan);
            if (item.DisabledReason is not null) continue;
            if (item.ForeachSource is { } source)
            {
                var expand = new RuleShape(this, $"{item.Id} (foreach)", [source], element: null);
                var list = LE.Variable(typeof(object), "list");
                expand.Action(LE.Block(typeof(void), [list], Guard(list, expand.Compiler().Lower(source)),
                    LE.Call(Method(nameof(AuditRun.Expand)), expand.Context, expand.Run, LE.Constant(plan.Index), list)));
                Add(expand, "foreach", item.Id);
            }
            if (item.ForeachSource is not null || item.When is not null)
            {
                AddItemRules(plan);
                continue;
            }
            var key = LeftHandSide(item);
            if (!groups.TryGetValue(key, out var group) || group.Count == ItemsPerRule)
            {
                groups[key] = group = [];
                order.Add(group);
            }
            group.Add(plan);
        }
        foreach (var group in order) AddGroupRule(group);
    }

    /// <summary>What an item's rule matches besides the run: the documents, lets and item outcomes its expressions read.</summary>
    static string LeftHandSide(ItemModel item)
    {
        var nodes = Expressions(item, withSource: false).SelectMany(BoundTree.Descendants).ToList();
        return string.Join(",", nodes.OfType<BoundRoot>().Select(r => r.Index).Distinct().Order()) + "|"
            + string.Join(",", nodes.OfType<BoundLet>().Select(l => l.Index).Distinct().Order()) + "|"
            + string.Join("\u0001", nodes.OfType<BoundItemRef>().Select(r => r.ItemId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>One rule for items of the same left-hand side (see <see cref="ItemsPerRule"/>): its action builds each item's
    /// row in turn, as the item's own rule would. A rule of one item is named by the item.</summary>
    void AddGroupRule(List<ItemPlan> group)
    {
        var name = group.Count == 1 ? group[0].Model.Id : Messages.Msg.RuleOfItems.With(group[0].Model.Id, group[^1].Model.Id, group.Count).Render(Messages.Lang.En);
        var shape = new RuleShape(this, name, group.SelectMany(p => Expressions(p.Model, withSource: false)), element: null);
        var builder = LE.Variable(typeof(RowBuilder), "row");
        var body = new List<LE>();
        foreach (var plan in group)
        {
            var variables = new List<ParameterExpression>();
            var statements = ItemStatements(shape, plan, builder, variables, out var slots);
            Plans[plan.Index] = WithSlots(plan, slots);
            body.Add(LE.Block(typeof(void), variables, statements));
        }
        shape.Action(LE.Block(typeof(void), [builder], body));
        Rules.Add(shape.Build());
        Infos.Add(new RuleInfo(shape.Name, group.Count == 1 ? "item" : "items", group.Count == 1 ? group[0].Model.Id : null, shape.Matches,
            shape.Dependencies) { Items = group.Select(p => p.Model.Id).ToArray() });
    }

    static ItemPlan WithSlots(ItemPlan plan, List<EvidenceSlot> slots) => new()
    {
        Model = plan.Model, Index = plan.Index, Conditions = plan.Conditions, Slots = slots.ToArray(), Referenced = plan.Referenced,
        WholeId = plan.WholeId, WholeTitle = plan.WholeTitle, SourceText = plan.SourceText,
    };

    /// <summary>One more rule, for <c>iq explain EXPRESSION</c>: it evaluates the expression and hands the value to the run.</summary>
    public void AddExpression(BoundExpr expression)
    {
        var shape = new RuleShape(this, "explain", [expression], element: null);
        var value = LE.Variable(typeof(object), "value");
        shape.Action(LE.Block(typeof(void), [value], Guard(value, shape.Compiler().Lower(expression)),
            LE.Call(Method(nameof(AuditRun.Explain)), shape.Run, value)));
        Add(shape, "explain", null);
    }

    ItemPlan Plan(ItemModel item, int index)
    {
        return new ItemPlan
        {
            Model = item,
            Index = index,
            Conditions = item.Expectations.Select(e => new ConditionInfo(e.Text, e.Expression.Type, IsConjunction(e.Expression))).ToArray(),
            Slots = [],
            Referenced = IsReferenced(item.Id),
            WholeId = WholeId(item.IdTemplate),
            WholeTitle = string.Concat(item.TitleTemplate.Parts.Select(p => p as string ?? "…")),
            SourceText = item.ForeachSource is { } s ? ExpressionBinder.PathOf(s) : "",
        };
    }

    /// <summary>The id of a row about a templated item as a whole (no element to fill it with): the template without its
    /// holes, and without a bracketed part that holds one (<c>6.1.1a.gpu-memory[{g.index}]</c> is <c>6.1.1a.gpu-memory</c>,
    /// as a <c>foreach</c> item with a constant id is named), with no separator left dangling at either end.</summary>
    static string WholeId(TextTemplate id)
    {
        if (id.IsConstant) return id.Constant;
        const char hole = '\0';
        var text = string.Concat(id.Parts.Select(p => p as string ?? hole.ToString()));
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\[[^\[\]]*\0[^\[\]]*\]", "").Replace(hole.ToString(), "").Trim(' ', '.', '-', '_', ':', '/');
        return text.Length > 0 ? text : id.Constant;
    }

    static bool IsConjunction(BoundExpr e) => e switch
    {
        BoundBinary { Operator: "and" } b => IsConjunction(b.Left) && IsConjunction(b.Right),
        BoundBinary { Operator: "or" } or BoundUnary { Operator: "not" } => false,
        // The branch taken explains an if as a conjunction's parts do (RowBuilder traces a boolean if's branches).
        BoundCall { Function: "if", Arguments: [_, var then, var otherwise] } c when RowBuilder.Traced(c) => IsConjunction(then) && IsConjunction(otherwise),
        _ => true,
    };

    /// <summary>The statements that build one item's row when its rule fires: begin the row, render the templates, evaluate
    /// the conditions (their leaves recording evidence) and the score, end the row.</summary>
    static List<LE> ItemStatements(RuleShape shape, ItemPlan plan, ParameterExpression builder, List<ParameterExpression> variables,
        out List<EvidenceSlot> slots)
    {
        var item = plan.Model;
        slots = [];
        var body = new List<LE>
        {
            LE.Assign(builder, LE.Call(Method(nameof(AuditRun.Begin)), shape.Run, LE.Constant(plan.Index),
                shape.Element ?? (LE)LE.Constant(null, typeof(ElementFact)))),
        };
        var compiler = shape.Compiler();
        Templates(body, variables, builder, item, compiler);
        if (item.Manual is null)
        {
            var checks = new List<LE>();
            for (var i = 0; i < item.Expectations.Count; i++)
            {
                var e = item.Expectations[i];
                var value = item.Informational ? compiler.Lower(e.Expression) : compiler.LowerTraced(e.Expression, e.Text, i, builder, slots);
                checks.Add(LE.Call(builder, typeof(RowBuilder).GetMethod(nameof(RowBuilder.Expect))!, value));
            }
            if (item.Score is { } score && !item.Informational)
                checks.Add(LE.Call(builder, typeof(RowBuilder).GetMethod(nameof(RowBuilder.Score))!, compiler.Lower(score)));
            if (checks.Count > 0)
            {
                var ex = LE.Parameter(typeof(EvaluationException), "e");
                body.Add(LE.TryCatch(LE.Block(typeof(void), checks),
                    LE.Catch(ex, LE.Call(builder, typeof(RowBuilder).GetMethod(nameof(RowBuilder.Error))!, ex))));
            }
        }
        body.Add(LE.Call(Method(nameof(AuditRun.End)), shape.Context, shape.Run, builder));
        return body;
    }

    /// <summary>An item with a <c>when</c> or a <c>foreach</c>: its own rule (one activation per element), and with a
    /// <c>when</c> the rule for when it does not hold.</summary>
    void AddItemRules(ItemPlan plan)
    {
        var item = plan.Model;
        var element = item.ForeachSource is null ? null : plan;
        var shape = new RuleShape(this, item.Id, Expressions(item, withSource: false), element);
        var when = item.When is { } w ? shape.When(w) : null;
        var builder = LE.Variable(typeof(RowBuilder), "row");
        var variables = new List<ParameterExpression> { builder };
        var body = ItemStatements(shape, plan, builder, variables, out var slots);
        Plans[plan.Index] = plan = WithSlots(plan, slots);
        if (when is not null) shape.Filter(when, applies: true);
        shape.Action(LE.Block(typeof(void), variables, body));
        Add(shape, "item", item.Id);

        if (when is null) return;
        var otherwise = new RuleShape(this, $"{item.Id} (when)", Expressions(item, withSource: false), element);
        var whenValue = otherwise.When(item.When!);
        otherwise.Filter(whenValue, applies: false);
        variables = [builder];
        var notBody = new List<LE>
        {
            LE.Assign(builder, LE.Call(Method(nameof(AuditRun.Begin)), otherwise.Run, LE.Constant(plan.Index),
                otherwise.Element ?? (LE)LE.Constant(null, typeof(ElementFact)))),
        };
        var notCompiler = otherwise.Compiler();
        Templates(notBody, variables, builder, item, notCompiler);
        if (item.WhenReason is { } because)
            notBody.Add(LE.Call(builder, typeof(RowBuilder).GetMethod(nameof(RowBuilder.SetWhenReason))!, notCompiler.LowerTemplateParts(because, variables, notBody)));
        notBody.Add(LE.Call(Method(nameof(AuditRun.NotApplicable)), otherwise.Context, otherwise.Run, builder, whenValue));
        otherwise.Action(LE.Block(typeof(void), variables, notBody));
        Add(otherwise, "not applicable", item.Id);
    }

    static void Templates(List<LE> body, List<ParameterExpression> variables, ParameterExpression builder, ItemModel item, ExpressionCompiler compiler)
    {
        if (!item.IdTemplate.IsConstant)
            body.Add(LE.Assign(LE.Field(builder, nameof(RowBuilder.Id)), compiler.LowerTemplate(item.IdTemplate, variables, body)));
        // A title and a fix keep iq's words in their holes (a value that is missing), to be worded in a report's language, as
        // a when's because does; an id is plain text (ExpressionCompiler.LowerTemplate says why).
        if (!item.TitleTemplate.IsConstant)
            body.Add(LE.Call(builder, typeof(RowBuilder).GetMethod(nameof(RowBuilder.SetTitle))!, compiler.LowerTemplateParts(item.TitleTemplate, variables, body)));
        if (item.Fix is { } fix) body.Add(LE.Call(builder, typeof(RowBuilder).GetMethod(nameof(RowBuilder.SetFix))!, compiler.LowerTemplateParts(fix, variables, body)));
    }

    /// <summary>Every expression of an item: conditions, score, templates, and (unless left out) its <c>foreach</c> source.</summary>
    static IEnumerable<BoundExpr> Expressions(ItemModel item, bool withSource = true)
    {
        foreach (var e in item.Expectations) yield return e.Expression;
        if (item.When is { } w) yield return w.Expression;
        if (item.Score is { } s) yield return s;
        foreach (var t in new[] { item.IdTemplate, item.TitleTemplate, item.Fix, item.WhenReason })
            if (t is not null)
                foreach (var p in t.Parts.OfType<BoundExpr>()) yield return p;
        if (withSource && item.ForeachSource is { } source) yield return source;
    }

    /// <summary><paramref name="into"/> = the value, or an <see cref="EvaluationFailure"/> when it throws
    /// <see cref="EvaluationException"/>: the left-hand side and the values handed to the run never throw. A statement of
    /// its own (a try/catch must start on an empty evaluation stack).</summary>
    static LE Guard(ParameterExpression into, LE value)
    {
        var ex = LE.Parameter(typeof(EvaluationException), "e");
        return LE.TryCatch(LE.Block(typeof(void), LE.Assign(into, value)),
            LE.Catch(ex, LE.Block(typeof(void), LE.Assign(into, LE.Call(typeof(EvaluationFailure).GetMethod(nameof(EvaluationFailure.Of))!, ex)))));
    }

    static MethodInfo Method(string name) => typeof(AuditRun).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    void Add(RuleShape shape, string kind, string? itemId)
    {
        Rules.Add(shape.Build());
        Infos.Add(new RuleInfo(shape.Name, kind, itemId, shape.Matches, shape.Dependencies));
    }

    /// <summary>One rule being built: its patterns, in an order that lets rules share the network's nodes (the run, then
    /// documents by root, lets, the element, item outcomes), and the parameters its lowered trees read them through.</summary>
    sealed class RuleShape
    {
        readonly RuleBuilder _rule = new();
        readonly GroupBuilder _lhs;
        readonly Dictionary<int, ParameterExpression> _documents = [];
        readonly Dictionary<int, ParameterExpression> _lets = [];
        readonly Dictionary<string, ParameterExpression> _items = new(StringComparer.Ordinal);
        readonly List<ParameterExpression> _declared = [];
        ParameterExpression? _when;
        PatternBuilder? _whenPattern;

        public string Name { get; }
        public ParameterExpression Context { get; } = LE.Parameter(typeof(IContext), "ctx");
        public ParameterExpression Run { get; }
        public ParameterExpression? Element { get; }
        public List<Messages.ILocalized> Matches { get; } = [];
        public List<string> Dependencies { get; } = [];

        public RuleShape(NetworkBuilder network, string name, IEnumerable<BoundExpr> reads, ItemPlan? element)
        {
            Name = name;
            _rule.Name(name);
            _lhs = _rule.LeftHandSide();
            Run = Pattern(typeof(AuditRun), "run", null);
            var nodes = reads.SelectMany(BoundTree.Descendants).ToList();
            foreach (var r in nodes.OfType<BoundRoot>().Select(r => r.Index).Distinct().Order())
            {
                var root = network._roots[r];
                _documents[r] = Pattern(typeof(DocumentFact), "doc_" + root.Name, p => LE.Equal(LE.Field(p, nameof(DocumentFact.Root)), LE.Constant(r)));
                Matches.Add(Messages.Msg.MatchedDocument.With(root.Name, root.Kind));
            }
            foreach (var l in nodes.OfType<BoundLet>().Select(l => (l.Index, l.Name)).Distinct().OrderBy(l => l.Index))
            {
                _lets[l.Index] = Pattern(typeof(LetFact), "let_" + l.Name, p => LE.Equal(LE.Field(p, nameof(LetFact.Index)), LE.Constant(l.Index)));
                Matches.Add(Messages.Msg.MatchedLet.With(l.Name));
            }
            if (element is not null)
            {
                Element = Pattern(typeof(ElementFact), "element", p => LE.Equal(LE.Field(p, nameof(ElementFact.Item)), LE.Constant(element.Index)));
                Matches.Add(Messages.Msg.MatchesElementOf.With(element.SourceText));
            }
            var n = 0;
            foreach (var id in nodes.OfType<BoundItemRef>().Select(r => r.ItemId).Distinct(StringComparer.Ordinal))
            {
                _items[id] = Pattern(typeof(ItemOutcomeFact), $"item_{n++}", p => LE.Equal(LE.Property(p, nameof(ItemOutcomeFact.ItemId)), LE.Constant(id)));
                Matches.Add(Messages.Msg.MatchesOutcomeOf.With(id));
                Dependencies.Add(id);
            }
        }

        ParameterExpression Pattern(Type type, string name, Func<ParameterExpression, LE>? condition)
        {
            var p = LE.Parameter(type, name);
            var pattern = _lhs.Pattern(type, name);
            if (condition is not null) pattern.Condition(LE.Lambda(condition(p), p));
            _declared.Add(p);
            return p;
        }

        public ExpressionCompiler Compiler() => new(new LoweringScope
        {
            Root = r => LE.Field(_documents[r], nameof(DocumentFact.Value)),
            Let = l => LE.Property(_lets[l], nameof(LetFact.Value)),
            Item = id => _items[id],
            Element = Element is null ? null : () => LE.Field(Element, nameof(ElementFact.Value)),
            Run = Run,
        });

        /// <summary>The item's <c>when</c>, as a binding in the left-hand side, which the item's two rules filter on.</summary>
        public ParameterExpression When(ConditionModel when)
        {
            var value = LE.Variable(typeof(object), "value");
            var body = LE.Block(typeof(object), [value], Guard(value, Compiler().Lower(when.Expression)), value);
            _when = LE.Parameter(typeof(object), "when");
            _whenPattern = _lhs.Pattern(typeof(object), "when");
            _whenPattern.Binding().BindingExpression(LE.Lambda(body, _declared));
            Matches.Add(Messages.Localized.Verbatim("when " + when.Text));
            return _when;
        }

        public void Filter(ParameterExpression when, bool applies)
        {
            LE test = LE.Call(typeof(AuditRun).GetMethod(nameof(AuditRun.Applies))!, when);
            _whenPattern!.Condition(LE.Lambda(applies ? test : LE.Not(test), when));
        }

        public void Action(LE body)
        {
            var parameters = new List<ParameterExpression> { Context };
            parameters.AddRange(_declared);
            if (_when is not null) parameters.Add(_when);
            _rule.RightHandSide().Action(LE.Lambda(body, parameters));
        }

        public IRuleDefinition Build() => _rule.Build();
    }
}
