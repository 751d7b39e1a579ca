using System.Linq.Expressions;
using System.Reflection;
using FastExpressionCompiler;
using Iq.Rules.Binding;
using Iq.Rules.Builtins;
using Iq.Rules.Runtime;
using Missing = Iq.Rules.Runtime.Missing;
using LE = System.Linq.Expressions.Expression;

namespace Iq.Rules.Compilation;

/// <summary>Bound expressions to System.Linq.Expressions. Trees stay thin: every operator and function
/// lowers to a call of a plain static method in <see cref="Ops"/>, or the one a function's signature names in
/// <see cref="Builtins.FunctionRegistry"/>; values are
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

    static MethodInfo Op(string name) => OpsMethods.Single(m => m.Name == name);

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
        BoundCall c => CompileCall(c.Signature, c.Arguments),
        BoundLambda lam => CompileLambda(lam),
        BoundList l => LE.NewArrayInit(typeof(object), l.Items.Select(i => Obj(Compile(i)))),
        BoundScript s => LE.Call(_ctx, typeof(EvalContext).GetMethod(nameof(EvalContext.Script))!, LE.Constant(s.Index)),
        BoundItemRef r => CompileCall(r.Signature, [new BoundLiteral(r.ItemId, IqType.String, r.Span)]),
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

    /// <summary>A call of a built-in function: its run-time method, from the form the binder chose, with each argument
    /// passed as the method's parameter asks (a lambda, a thunk, the evaluation, its clock, the first argument's fact
    /// path, or the default of an optional parameter the form leaves out).</summary>
    LE CompileCall(Signature form, IReadOnlyList<BoundExpr> args)
    {
        var parameters = form.Method.GetParameters();
        var values = new List<LE>(parameters.Length);
        var next = 0;
        foreach (var p in parameters)
        {
            if (p.ParameterType == typeof(EvalContext)) values.Add(_ctx);
            else if (p.ParameterType == typeof(DateTimeOffset)) values.Add(LE.Field(_ctx, nameof(EvalContext.Now)));
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
