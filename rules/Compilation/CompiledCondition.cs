using Iq.Rules.Binding;
using Iq.Rules.Runtime;

namespace Iq.Rules.Compilation;

/// <summary>A condition ready to run, with what it takes to explain a failure: the parts of a comparison
/// or conjunction are compiled on first failure only, so a passing audit pays nothing for evidence.</summary>
sealed class CompiledCondition(string text, BoundExpr expression, Func<EvalContext, object?> evaluate)
{
    readonly Lazy<Explainer> _explainer = new(() => Explainer.For(text, expression));

    public string Text => text;
    public IqType Type => expression.Type;
    public object? Evaluate(EvalContext ctx) => evaluate(ctx);
    public IEnumerable<Evidence> Explain(EvalContext ctx, object? value) => _explainer.Value.Explain(ctx, value);

    sealed class Explainer
    {
        string _text = "";
        string? _op;
        BoundExpr? _leftExpr, _rightExpr;
        Func<EvalContext, object?>? _left, _right, _whole, _counted;
        BoundExpr? _countedExpr;
        Explainer[] _conjuncts = [];

        public static Explainer For(string text, BoundExpr e)
        {
            var x = new Explainer { _text = text };
            switch (e)
            {
                case BoundBinary { Operator: "and" } and:
                    x._conjuncts = [For(and.OperandTexts.Left, and.Left), For(and.OperandTexts.Right, and.Right)];
                    break;
                case BoundBinary { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" } cmp:
                    x._op = cmp.Operator;
                    x._leftExpr = cmp.Left;
                    x._rightExpr = cmp.Right;
                    x._left = ExpressionCompiler.CompileOne(cmp.Left);
                    x._right = ExpressionCompiler.CompileOne(cmp.Right);
                    // count(list of names) == 0 that fails shows the names (which files are missing), not just how many.
                    if (cmp.Left is BoundCall { Function: "count" or "len", Arguments: [{ Type: ListType { Element: var element } } counted] } && element == IqType.String)
                    {
                        x._countedExpr = counted;
                        x._counted = ExpressionCompiler.CompileOne(counted);
                    }
                    break;
            }
            x._whole = ExpressionCompiler.CompileOne(e);
            return x;
        }

        public IEnumerable<Evidence> Explain(EvalContext ctx, object? value)
        {
            if (_conjuncts.Length > 0)
            {
                var parts = _conjuncts.Select(c => (c, v: Safe(c._whole!, ctx))).Where(p => p.v is not true).ToList();
                if (parts.Count > 0) return parts.SelectMany(p => p.c.Explain(ctx, p.v));
            }
            if (_op is not null)
            {
                var l = Safe(_left!, ctx);
                var r = Safe(_right!, ctx);
                var actual = ValueFormatter.Format(l, _leftExpr!.Type);
                if (_counted is not null && Safe(_counted, ctx) is object?[] elements && elements.Length > 0)
                    actual += " " + ValueFormatter.Format(elements, _countedExpr!.Type);
                var expected = $"{_op} {ValueFormatter.Format(r, _rightExpr!.Type)}";
                if (IqVersion.OrderUsed(l, r) is { } order) expected += $" ({order})";
                return [new Evidence(_text, actual, expected)];
            }
            return [new Evidence(_text, ValueFormatter.Format(value, IqType.Bool), "true")];
        }

        static object? Safe(Func<EvalContext, object?> f, EvalContext ctx)
        {
            try { return f(ctx); }
            catch (EvaluationException e) { return new Missing("", Absence.Undecidable, e.Message); }
        }
    }
}
