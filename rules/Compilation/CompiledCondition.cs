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
        Func<EvalContext, object?>? _left, _right, _whole;
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
                return [new Evidence(_text, ValueFormatter.Format(l, _leftExpr!.Type), $"{_op} {ValueFormatter.Format(r, _rightExpr!.Type)}")];
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
