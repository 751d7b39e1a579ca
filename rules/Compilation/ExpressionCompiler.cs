using System.Linq.Expressions;
using System.Reflection;
using FastExpressionCompiler;
using Iq.Rules.Binding;
using Iq.Rules.Runtime;
using Missing = Iq.Rules.Runtime.Missing;
using LE = System.Linq.Expressions.Expression;

namespace Iq.Rules.Compilation;

/// <summary>Bound expressions to System.Linq.Expressions. Trees stay thin: every operator and function
/// lowers to a call of a plain static method in <see cref="Ops"/> or <see cref="Functions"/>; values are
/// <c>object</c>. All of a checklist's conditions go into one <c>Compile()</c>, which is several times
/// cheaper than one per condition.</summary>
sealed class ExpressionCompiler
{
    readonly ParameterExpression _ctx = LE.Parameter(typeof(EvalContext), "ctx");
    readonly Dictionary<string, ParameterExpression> _locals = new(StringComparer.Ordinal);
    readonly List<LambdaExpression> _pending = [];

    /// <summary>Queues a condition; its delegate is at this index in the array <see cref="CompileAll"/> returns.</summary>
    public int Add(BoundExpr e)
    {
        _pending.Add(LE.Lambda<Func<EvalContext, object?>>(Compile(e), _ctx));
        return _pending.Count - 1;
    }

    public Func<EvalContext, object?>[] CompileAll()
    {
        if (_pending.Count == 0) return [];
        var array = LE.NewArrayInit(typeof(Func<EvalContext, object?>), _pending);
        return LE.Lambda<Func<Func<EvalContext, object?>[]>>(array).CompileFast()();
    }

    /// <summary>One expression on its own (used for evidence, lazily, when an item fails).</summary>
    public static Func<EvalContext, object?> CompileOne(BoundExpr e)
    {
        var c = new ExpressionCompiler();
        return LE.Lambda<Func<EvalContext, object?>>(c.Compile(e), c._ctx).CompileFast();
    }

    static readonly MethodInfo[] OpsMethods = typeof(Ops).GetMethods(BindingFlags.Public | BindingFlags.Static);
    static readonly MethodInfo[] FunctionMethods = typeof(Functions).GetMethods(BindingFlags.Public | BindingFlags.Static);

    static MethodInfo Op(string name) => OpsMethods.Single(m => m.Name == name);
    static MethodInfo Fn(string name) => FunctionMethods.Single(m => m.Name == name);

    static LE Obj(LE e) => e.Type == typeof(object) ? e : LE.Convert(e, typeof(object));
    static LE Const(object? value) => LE.Constant(value, typeof(object));

    LE Compile(BoundExpr e) => e switch
    {
        BoundLiteral l => Const(l.Value),
        BoundRoot r => LE.ArrayIndex(LE.Field(_ctx, nameof(EvalContext.Roots)), LE.Constant(r.Index)),
        BoundMember m => LE.Call(Op(nameof(Ops.Member)), Compile(m.Target), LE.Constant(m.Member), LE.Constant(new Missing(m.Path))),
        BoundIndex x => LE.Call(Op(nameof(Ops.Index)), Compile(x.Target), Compile(x.Index), LE.Constant(ExpressionBinder.PathOf(x.Target))),
        BoundLocal l => _locals[l.Name],
        BoundElement => LE.Field(_ctx, nameof(EvalContext.Element)),
        BoundLet l => LE.Call(_ctx, typeof(EvalContext).GetMethod(nameof(EvalContext.Let))!, LE.Constant(l.Index)),
        BoundUnary { Operator: "not" } u => Obj(LE.Call(Op(nameof(Ops.Not)), Compile(u.Operand))),
        BoundUnary u => LE.Call(Op(nameof(Ops.Neg)), Compile(u.Operand)),
        BoundBinary b => CompileBinary(b),
        BoundMatch m => LE.Call(Op(nameof(Ops.Matches)), Compile(m.Input), LE.Constant(m.Pattern)),
        BoundCall c => CompileCall(c),
        BoundLambda lam => CompileLambda(lam),
        BoundList l => LE.NewArrayInit(typeof(object), l.Items.Select(i => Obj(Compile(i)))),
        BoundScript s => LE.Call(_ctx, typeof(EvalContext).GetMethod(nameof(EvalContext.Script))!, LE.Constant(s.Index)),
        BoundItemRef r => LE.Call(_ctx, typeof(EvalContext).GetMethod(r.Function == "passed" ? nameof(EvalContext.ItemPassed) : nameof(EvalContext.ItemOutcome))!,
            LE.Constant(r.ItemId)),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    LE CompileBinary(BoundBinary b)
    {
        if (b.Operator is "and" or "or")
        {
            // left; if it decides (false for and, true for or) stop, else combine with right (Kleene).
            var left = LE.Variable(typeof(object), "left");
            var decides = b.Operator == "and" ? nameof(Ops.IsFalse) : nameof(Ops.IsTrue);
            var rest = b.Operator == "and" ? nameof(Ops.AndRest) : nameof(Ops.OrRest);
            return LE.Block(typeof(object), [left],
                LE.Assign(left, Compile(b.Left)),
                LE.Condition(LE.Call(Op(decides), left), left, LE.Call(Op(rest), left, Compile(b.Right)), typeof(object)));
        }
        var method = b.Operator switch
        {
            "==" => nameof(Ops.Eq), "!=" => nameof(Ops.Ne), "<" => nameof(Ops.Lt), "<=" => nameof(Ops.Le),
            ">" => nameof(Ops.Gt), ">=" => nameof(Ops.Ge), "+" => nameof(Ops.Add), "-" => nameof(Ops.Sub),
            "*" => nameof(Ops.Mul), "/" => nameof(Ops.Div), "in" => nameof(Ops.In),
            _ => throw new InvalidOperationException(b.Operator),
        };
        return LE.Call(Op(method), Compile(b.Left), Compile(b.Right));
    }

    LE CompileLambda(BoundLambda lam)
    {
        var p = LE.Parameter(typeof(object), lam.Parameter);
        _locals.TryGetValue(lam.Parameter, out var shadowed);
        _locals[lam.Parameter] = p;
        try
        {
            return LE.Lambda<Func<object?, object?>>(Compile(lam.Body), p);
        }
        finally
        {
            if (shadowed is null) _locals.Remove(lam.Parameter);
            else _locals[lam.Parameter] = shadowed;
        }
    }

    LE CompileCall(BoundCall c)
    {
        var args = c.Arguments;
        LE Arg(int i) => Compile(args[i]);
        LE Selector() => args.Count > 1 ? Arg(1) : LE.Constant(null, typeof(Func<object?, object?>));
        switch (c.Function)
        {
            case "count": return args.Count == 1 ? LE.Call(Fn(nameof(Functions.Count)), Arg(0)) : LE.Call(Fn(nameof(Functions.CountWhere)), Arg(0), Arg(1));
            case "any": return args.Count == 1 ? LE.Call(Fn(nameof(Functions.NonEmpty)), Arg(0)) : LE.Call(Fn(nameof(Functions.Any)), Arg(0), Arg(1));
            case "all": return LE.Call(Fn(nameof(Functions.All)), Arg(0), Arg(1));
            case "first": return LE.Call(Fn(nameof(Functions.First)), Arg(0), Arg(1), LE.Constant(((BoundLiteral)args[2]).Value as string ?? "a list"));
            case "none": return Obj(LE.Call(Fn(nameof(Functions.None)), Arg(0), Arg(1)));
            case "sum": return LE.Call(Fn(nameof(Functions.Sum)), Arg(0), Selector());
            case "avg": return LE.Call(Fn(nameof(Functions.Avg)), Arg(0), Selector());
            case "min": return LE.Call(Fn(nameof(Functions.Min)), Arg(0), Selector());
            case "max": return LE.Call(Fn(nameof(Functions.Max)), Arg(0), Selector());
            case "exists": return LE.Call(Fn(nameof(Functions.Exists)), Arg(0));
            case "version": return LE.Call(Fn(nameof(Functions.Version)), Arg(0));
            case "date": return LE.Call(Fn(nameof(Functions.Date)), Arg(0));
            case "len": return LE.Call(Fn(nameof(Functions.Len)), Arg(0));
            case "lower": return LE.Call(Fn(nameof(Functions.Lower)), Arg(0));
            case "upper": return LE.Call(Fn(nameof(Functions.Upper)), Arg(0));
            case "trim": return LE.Call(Fn(nameof(Functions.Trim)), Arg(0));
            case "contains": return LE.Call(Fn(nameof(Functions.Contains)), Arg(0), Arg(1));
            case "starts_with": return LE.Call(Fn(nameof(Functions.StartsWith)), Arg(0), Arg(1));
            case "ends_with": return LE.Call(Fn(nameof(Functions.EndsWith)), Arg(0), Arg(1));
            case "days_since": return LE.Call(Fn(nameof(Functions.DaysSince)), Arg(0), LE.Field(_ctx, nameof(EvalContext.Now)));
            case "round": return LE.Call(Fn(nameof(Functions.Round)), Arg(0), args.Count > 1 ? Arg(1) : Const(0d));
            case "abs": return LE.Call(Fn(nameof(Functions.Abs)), Arg(0));
            case "if":
            {
                // Only the chosen branch runs; a missing condition makes the result missing.
                var cond = LE.Variable(typeof(object), "cond");
                return LE.Block(typeof(object), [cond],
                    LE.Assign(cond, Arg(0)),
                    LE.Condition(LE.Call(Op(nameof(Ops.IsTrue)), cond), Obj(Arg(1)),
                        LE.Condition(LE.Call(Op(nameof(Ops.IsFalse)), cond), Obj(Arg(2)), cond, typeof(object)), typeof(object)));
            }
        }
        throw new InvalidOperationException(c.Function);
    }
}
