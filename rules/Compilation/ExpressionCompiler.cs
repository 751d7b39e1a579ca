using System.Linq.Expressions;
using System.Reflection;
using Iq.Rules.Binding;
using Iq.Rules.Builtins;
using Iq.Rules.Runtime;
using LE = System.Linq.Expressions.Expression;
using Missing = Iq.Rules.Runtime.Missing;

namespace Iq.Rules.Compilation;

/// <summary>Where a lowered expression finds what a bound expression names, in the rule it becomes part of: each fact
/// root, the <c>foreach</c> element, each let and each item outcome is a fact the rule matched (a parameter of the
/// NRules condition or action); the clock and scripts come from the session's <see cref="AuditRun"/>.</summary>
sealed class LoweringScope
{
    public required Func<int, LE> Root { get; init; }
    public required Func<int, LE> Let { get; init; }
    public required Func<string, LE> Item { get; init; }
    public Func<LE>? Element { get; init; }
    public required LE Run { get; init; }
}

/// <summary>Bound expressions to System.Linq.Expressions, in a rule's scope. Trees stay thin: every operator and function
/// lowers to a call of a plain static method in <see cref="Ops"/>, or the one a function's signature names in
/// <see cref="FunctionRegistry"/>; values are <c>object</c>. With a <see cref="RowBuilder"/> expression given, the leaves of
/// a condition's boolean structure (comparisons, <c>all</c>/<c>any</c>/<c>none</c>, other boolean terms) record what they
/// compared into it as they are evaluated, so that every row carries its evidence, passes too, without evaluating twice.</summary>
sealed class ExpressionCompiler(LoweringScope scope)
{
    readonly Dictionary<string, ParameterExpression> _locals = new(StringComparer.Ordinal);
    LE? _trace;
    List<EvidenceSlot>? _slots;
    string _condition = "";
    /// <summary>Under an odd number of <c>not</c>s: the leaves traced now hold for the condition when they are false.</summary>
    bool _negated;

    static readonly MethodInfo[] OpsMethods = typeof(Ops).GetMethods(BindingFlags.Public | BindingFlags.Static);
    static readonly MethodInfo[] TraceMethods = typeof(RowBuilder).GetMethods(BindingFlags.Public | BindingFlags.Static);

    static MethodInfo Op(string name) => OpsMethods.Single(m => m.Name == name);
    static MethodInfo TraceOp(string name) => TraceMethods.Single(m => m.Name == name);

    static LE Obj(LE e) => e.Type == typeof(object) ? e : LE.Convert(e, typeof(object));
    static LE Const(object? value) => LE.Constant(value, typeof(object));

    /// <summary>The expression's value, as <c>object</c>.</summary>
    public LE Lower(BoundExpr e) => Obj(Compile(e));

    /// <summary>A condition whose leaves record their evidence into <paramref name="builder"/>, under slots appended to
    /// <paramref name="slots"/> (its text, operator and types, known now; the values are recorded as it runs).</summary>
    public LE LowerTraced(BoundExpr e, string text, int condition, LE builder, List<EvidenceSlot> slots)
    {
        _trace = builder;
        _slots = slots;
        _condition = text;
        _negated = false;
        try { return Obj(Traced(e, text, condition)); }
        finally { _trace = null; _slots = null; _negated = false; }
    }

    /// <summary>An item id template (<c>"gpu[{g.index}]"</c>) as a string, each hole as <see cref="ValueFormatter.Plain"/>
    /// writes it. Ids stay plain text: an id is a key, not words (waivers, attestations and other items name rows by it, and
    /// a row has one id in every language), so a missing value is the English word there.</summary>
    public LE LowerTemplate(Model.TextTemplate template, List<ParameterExpression> variables, List<LE> statements)
    {
        var parts = Holes(template, typeof(string), nameof(ValueFormatter.Plain), variables, statements);
        return parts.Count == 1 ? parts[0] : LE.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(string[])])!, LE.NewArrayInit(typeof(string), parts));
    }

    /// <summary>A title, a fix or a <c>when … because</c> text as its parts (<c>object[]</c>): text, and each hole as
    /// <see cref="ValueFormatter.PlainWords"/> gives it, so that a row keeps iq's own words in it (a missing value) to word in
    /// a report's language.</summary>
    public LE LowerTemplateParts(Model.TextTemplate template, List<ParameterExpression> variables, List<LE> statements) =>
        LE.NewArrayInit(typeof(object), Holes(template, typeof(object), nameof(ValueFormatter.PlainWords), variables, statements));

    /// <summary>A template's parts as <paramref name="type"/>: its text, and each hole formatted by the
    /// <see cref="ValueFormatter"/> method <paramref name="format"/>; a hole that cannot be evaluated shows as "?". Each hole
    /// is computed by a statement of its own (a try/catch must start on an empty evaluation stack), into a variable.</summary>
    List<LE> Holes(Model.TextTemplate template, Type type, string format, List<ParameterExpression> variables, List<LE> statements)
    {
        var formatter = typeof(ValueFormatter).GetMethod(format)!;
        var parts = new List<LE>();
        foreach (var p in template.Parts)
        {
            if (p is not BoundExpr e)
            {
                parts.Add(LE.Constant(p as string ?? "", type));
                continue;
            }
            var hole = LE.Variable(type, "hole");
            variables.Add(hole);
            statements.Add(LE.TryCatch(
                LE.Block(typeof(void), LE.Assign(hole, LE.Call(formatter, Obj(Compile(e)), LE.Constant(e.Type, typeof(IqType))))),
                LE.Catch(typeof(EvaluationException), LE.Block(typeof(void), LE.Assign(hole, LE.Constant("?", type))))));
            parts.Add(hole);
        }
        return parts;
    }

    /// <summary>The boolean structure of a condition: <c>and</c>, <c>or</c>, <c>not</c> over leaves, each leaf traced.</summary>
    LE Traced(BoundExpr e, string text, int condition)
    {
        switch (e)
        {
            case BoundBinary { Operator: "and" or "or" } b:
                return Junction(b, Traced(b.Left, b.OperandTexts.Left, condition), Traced(b.Right, b.OperandTexts.Right, condition));
            case BoundUnary { Operator: "not" } u:
            {
                _negated = !_negated;
                try { return Obj(LE.Call(Op(nameof(Ops.Not)), Traced(u.Operand, Inner(text), condition))); }
                finally { _negated = !_negated; }
            }
            case BoundBinary { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" } cmp:
            {
                // count(list of names) == 0 shows the names (which files are missing), not just how many: the list is kept too.
                BoundExpr? counted = cmp.Left is BoundCall { Function: "count" or "len", Arguments: [{ Type: ListType { Element: var element } } list] }
                    && element == IqType.String ? list : null;
                // A count of lines the schema says where to find (logs.unparsed): its object is kept too, for the evidence to name them.
                var located = cmp.Left is BoundMember { Target: { Type: ObjectType owner } target } member && owner.Member(member.Member)?.Located is { } at
                    ? (At: at, Owner: target) : ((LineRefs At, BoundExpr Owner)?)null;
                var slot = Slot(new EvidenceSlot(condition, cmp.Text.Length > 0 ? cmp.Text : text, cmp.Operator, cmp.Left.Type, cmp.Right.Type,
                    EvidenceKind.Comparison) { CountedType = counted?.Type, Located = located?.At, Negated = _negated });
                if (located is var (_, owner2))
                    return LE.Call(TraceOp(nameof(RowBuilder.CompareLocated)), _trace!, LE.Constant(slot), Obj(Compile(cmp.Left)), Obj(Compile(cmp.Right)),
                        LE.Constant(cmp.Operator), Obj(Compile(owner2)));
                if (counted is not null)
                    return LE.Call(TraceOp(nameof(RowBuilder.CompareCounted)), _trace!, LE.Constant(slot), Obj(Compile(cmp.Left)), Obj(Compile(cmp.Right)),
                        LE.Constant(cmp.Operator), Obj(Compile(counted)));
                return LE.Call(TraceOp(nameof(RowBuilder.Compare)), _trace!, LE.Constant(slot), Obj(Compile(cmp.Left)), Obj(Compile(cmp.Right)),
                    LE.Constant(cmp.Operator));
            }
            case BoundCall { Function: "all" or "any" or "none", Arguments.Count: 2 } q:
            {
                var slot = Slot(new EvidenceSlot(condition, text, q.Function, q.Arguments[0].Type, IqType.Bool, EvidenceKind.Quantifier) { Negated = _negated });
                // any(): the elements that held it are named with what they compared (a passing any is otherwise just "1 of 2").
                var witness = q.Function == "any" && q.Arguments[1] is BoundLambda lam ? Witness(lam) : LE.Constant(null, typeof(Func<object?, string?>));
                return LE.Call(TraceOp(nameof(RowBuilder.Quantify)), _trace!, LE.Constant(slot), Obj(Compile(q.Arguments[0])),
                    Compile(q.Arguments[1]), LE.Constant(q.Function), LE.Constant(ExpressionBinder.PathOf(q.Arguments[0])), witness);
            }
            case BoundCall { Function: "if", Arguments: [var test, var then, var otherwise] } choice when RowBuilder.Traced(choice):
            {
                // The branch taken is what the condition compared: its parts record their evidence (the other records
                // nothing), so a row shows thread_speedup against min_speedup, not only that the if was false. The test
                // only chooses; as Functions.If, an undecided test is the value.
                var texts = choice.ArgumentTexts.Count == 3 ? choice.ArgumentTexts : [text, text, text];
                var chosen = LE.Variable(typeof(object), "test");
                var thenValue = Obj(Traced(then, texts[1], condition));
                var elseValue = Obj(Traced(otherwise, texts[2], condition));
                return LE.Block(typeof(object), [chosen],
                    LE.Assign(chosen, Obj(Compile(test))),
                    LE.Condition(LE.Call(Op(nameof(Ops.IsTrue)), chosen), thenValue,
                        LE.Condition(LE.Call(Op(nameof(Ops.IsFalse)), chosen), elseValue, chosen, typeof(object)), typeof(object)));
            }
            default:
            {
                var slot = Slot(new EvidenceSlot(condition, text, null, e.Type, IqType.Bool, EvidenceKind.Term) { Negated = _negated });
                return LE.Call(TraceOp(nameof(RowBuilder.Term)), _trace!, LE.Constant(slot), Obj(Compile(e)));
            }
        }
    }

    static string Inner(string text) => text.StartsWith("not ", StringComparison.Ordinal) ? text[4..].Trim() : text;

    int Slot(EvidenceSlot slot)
    {
        _slots!.Add(slot);
        return _slots.Count - 1;
    }

    LE Compile(BoundExpr e) => e switch
    {
        BoundLiteral l => Const(l.Value),
        BoundRoot r => scope.Root(r.Index),
        BoundMember m => LE.Call(Op(nameof(Ops.Member)), Compile(m.Target), LE.Constant(m.Member), LE.Constant(new Missing(m.Path))),
        BoundIndex x => LE.Call(Op(nameof(Ops.Index)), Compile(x.Target), Compile(x.Index), LE.Constant(ExpressionBinder.PathOf(x.Target))),
        BoundLocal l => _locals[l.Name],
        BoundElement => scope.Element?.Invoke() ?? throw new InvalidOperationException("no foreach element here"),
        BoundLet l => scope.Let(l.Index),
        BoundUnary { Operator: "not" } u => Obj(LE.Call(Op(nameof(Ops.Not)), Compile(u.Operand))),
        BoundUnary u => LE.Call(Op(nameof(Ops.Neg)), Compile(u.Operand)),
        BoundBinary { Operator: "and" or "or" } b => Junction(b, Compile(b.Left), Compile(b.Right)),
        BoundBinary b => CompileBinary(b),
        BoundMatch m => LE.Call(Op(nameof(Ops.Matches)), Compile(m.Input), LE.Constant(m.Pattern), scope.Run),
        BoundCall c => IndexedAny(c) ?? CompileCall(c.Signature, c.Arguments),
        BoundLambda lam => CompileLambda(lam),
        BoundList l => LE.NewArrayInit(typeof(object), l.Items.Select(i => Obj(Compile(i)))),
        BoundScript s => LE.Call(scope.Run, typeof(AuditRun).GetMethod(nameof(AuditRun.Script))!, LE.Constant(s.Index)),
        BoundItemRef r => Obj(LE.Call(r.Signature.Method, scope.Item(r.ItemId))),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    /// <summary>left; if it decides (false for and, true for or) stop, else combine with right (Kleene).</summary>
    static LE Junction(BoundBinary b, LE leftValue, LE rightValue)
    {
        var left = LE.Variable(typeof(object), "left");
        var decides = b.Operator == "and" ? nameof(Ops.IsFalse) : nameof(Ops.IsTrue);
        var rest = b.Operator == "and" ? nameof(Ops.AndRest) : nameof(Ops.OrRest);
        return LE.Block(typeof(object), [left],
            LE.Assign(left, Obj(leftValue)),
            LE.Condition(LE.Call(Op(decides), left), left, LE.Call(Op(rest), left, Obj(rightValue)), typeof(object)));
    }

    LE CompileBinary(BoundBinary b)
    {
        var method = b.Operator switch
        {
            "==" => nameof(Ops.Eq), "!=" => nameof(Ops.Ne), "<" => nameof(Ops.Lt), "<=" => nameof(Ops.Le),
            ">" => nameof(Ops.Gt), ">=" => nameof(Ops.Ge), "+" => nameof(Ops.Add), "-" => nameof(Ops.Sub),
            "*" => nameof(Ops.Mul), "/" => nameof(Ops.Div), "in" => nameof(Ops.In),
            _ => throw new InvalidOperationException(b.Operator),
        };
        return LE.Call(Op(method), Compile(b.Left), Compile(b.Right));
    }

    /// <summary>For a predicate, what it compared for one element, in words (<c>n.speed_mbps 100000 &gt;= 100000</c>): each leaf
    /// of its and/or/not structure, a comparison as its two values, any other leaf as its value. Compiled as the predicate is,
    /// run only for the few elements a passing any() names.</summary>
    LE Witness(BoundLambda lam)
    {
        var leaves = new List<(string Text, BoundExpr Left, BoundExpr? Right, string? Op)>();
        void Walk(BoundExpr e, string text)
        {
            switch (e)
            {
                case BoundBinary { Operator: "and" or "or" } b: Walk(b.Left, b.OperandTexts.Left); Walk(b.Right, b.OperandTexts.Right); break;
                case BoundUnary { Operator: "not" } u: Walk(u.Operand, Inner(text)); break;
                case BoundBinary { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" } c: leaves.Add((c.Text.Length > 0 ? c.Text : text, c.Left, c.Right, c.Operator)); break;
                default: leaves.Add((text, e, null, null)); break;
            }
        }
        Walk(lam.Body, "");
        return InLambda(lam, p =>
        {
            var parts = new List<LE>();
            foreach (var (text, left, right, op) in leaves)
                parts.Add(LE.Call(typeof(ValueFormatter).GetMethod(nameof(ValueFormatter.Compared))!, LE.Constant(text), Obj(Compile(left)), LE.Constant(left.Type, typeof(IqType)),
                    right is null ? Const(null) : Obj(Compile(right)), LE.Constant(right?.Type ?? IqType.Any, typeof(IqType)), LE.Constant(op, typeof(string))));
            var joined = LE.Call(typeof(string).GetMethod(nameof(string.Join), [typeof(string), typeof(string[])])!, LE.Constant(", "),
                LE.NewArrayInit(typeof(string), parts));
            return LE.Lambda<Func<object?, string?>>(joined, p);
        });
    }

    /// <summary>Each call is a step of the evaluation's budget: a quantifier in a foreach is the work that grows with the facts.</summary>
    LE CompileLambda(BoundLambda lam) => InLambda(lam, p =>
        LE.Lambda<Func<object?, object?>>(LE.Block(LE.Call(typeof(AuditRun).GetMethod(nameof(AuditRun.Step))!, scope.Run), Obj(Compile(lam.Body))), p));

    /// <summary>A lambda's body compiled with its parameter in scope (shadowing an outer one of the same name) and, as it runs
    /// once per element, nothing traced; the compiler's state is as it was afterwards.</summary>
    LE InLambda(BoundLambda lam, Func<ParameterExpression, LE> body)
    {
        var p = LE.Parameter(typeof(object), lam.Parameter);
        _locals.TryGetValue(lam.Parameter, out var shadowed);
        _locals[lam.Parameter] = p;
        var (trace, slots) = (_trace, _slots);
        (_trace, _slots) = (null, null);
        try { return body(p); }
        finally
        {
            (_trace, _slots) = (trace, slots);
            if (shadowed is null) _locals.Remove(lam.Parameter);
            else _locals[lam.Parameter] = shadowed;
        }
    }

    /// <summary><c>any(list, x => x.m == value)</c>, or <c>value == x.m</c>, where the list is read from the facts or a let and
    /// the value does not depend on <c>x</c>: a lookup in an index of the list by <c>m</c>, built once per evaluation
    /// (<see cref="EqualityIndex"/>), with the lambda as written for what the index does not decide. Null for any other call.</summary>
    LE? IndexedAny(BoundCall c)
    {
        if (c is not { Function: "any", Arguments: [var list, BoundLambda { Body: BoundBinary { Operator: "==" } eq } lambda] } || !Stored(list))
            return null;
        var (member, value, valueFirst) = (eq.Left, eq.Right) switch
        {
            (BoundMember { Target: BoundLocal l } m, var v) when l.Name == lambda.Parameter && Invariant(v, lambda.Parameter) => (m, v, false),
            (var v, BoundMember { Target: BoundLocal l } m) when l.Name == lambda.Parameter && Invariant(v, lambda.Parameter) => (m, v, true),
            _ => default,
        };
        if (member is null || value is null) return null;
        return LE.Call(typeof(EqualityIndex).GetMethod(nameof(EqualityIndex.AnyEqual))!, scope.Run, Obj(Compile(list)), LE.Constant(member.Member),
            LE.Constant(new Missing(member.Path)), LE.Lambda<Func<object?>>(Obj(Compile(value))), LE.Constant(valueFirst), CompileLambda(lambda));
    }

    /// <summary>A list read as it is stored (a fact path, a let): the same array each time, so its index is built once.</summary>
    static bool Stored(BoundExpr e) => e switch
    {
        BoundRoot or BoundLet or BoundElement => true,
        BoundMember m => Stored(m.Target),
        _ => false,
    };

    /// <summary>A value read without work or effects (names, members, literals) that does not read <paramref name="parameter"/>.</summary>
    static bool Invariant(BoundExpr e, string parameter) => e switch
    {
        BoundLiteral or BoundRoot or BoundLet or BoundElement => true,
        BoundLocal l => l.Name != parameter,
        BoundMember m => Invariant(m.Target, parameter),
        _ => false,
    };

    /// <summary>A call of a built-in function: its run-time method, from the form the binder chose, with each argument
    /// passed as the method's parameter asks (a lambda, a thunk, the clock, the first argument's fact path, or the default
    /// of an optional parameter the form leaves out).</summary>
    LE CompileCall(Signature form, IReadOnlyList<BoundExpr> args)
    {
        var parameters = form.Method.GetParameters();
        var values = new List<LE>(parameters.Length);
        var next = 0;
        foreach (var p in parameters)
        {
            if (p.ParameterType == typeof(DateTimeOffset)) values.Add(LE.Field(scope.Run, nameof(AuditRun.Now)));
            else if (p.ParameterType == typeof(ArgumentPath)) values.Add(LE.Constant(new ArgumentPath(ExpressionBinder.PathOf(args[0]))));
            else if (next >= args.Count) values.Add(LE.Constant(p.DefaultValue, p.ParameterType));
            else if (p.ParameterType == typeof(Func<object?>)) values.Add(LE.Lambda<Func<object?>>(Obj(Compile(args[next++]))));
            else
            {
                var value = Compile(args[next++]);
                values.Add(value.Type == p.ParameterType ? value : LE.Convert(value, p.ParameterType));
            }
        }
        return Obj(LE.Call(form.Method, values));
    }
}
