using System.Linq.Expressions;
using FastExpressionCompiler;
using Iq.Rules.Compilation;
using NRules.Extensibility;

namespace Iq.Rules.Network;

/// <summary>How the network's conditions and actions become delegates (NRules' <see cref="IExpressionCompiler"/>, replaced):
/// <see cref="ExpressionMode.Compiled"/> compiles each to IL with FastExpressionCompiler (several times faster to compile
/// than <c>Expression.Compile</c>; the delegates are then JIT-compiled on first call) — right for a checklist that
/// evaluates many bundles; <see cref="ExpressionMode.Interpreted"/> interprets the trees
/// (<c>Compile(preferInterpretation: true)</c>) — right for a one-off audit, which evaluates each condition once, where
/// IL and JIT per condition cost far more than the evaluation (issue 18: 500 items, ~1.3 s of JIT for 1 ms of work).</summary>
sealed class IqExpressionCompiler(ExpressionMode mode) : IExpressionCompiler
{
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression) where TDelegate : Delegate =>
        mode == ExpressionMode.Interpreted
            ? expression.Compile(preferInterpretation: true)
            : expression.CompileFast(ifFastFailedReturnNull: true) ?? expression.Compile();
}
