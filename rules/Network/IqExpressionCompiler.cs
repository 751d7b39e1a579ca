using System.Linq.Expressions;
using Iq.Rules.Compilation;
using NRules.Extensibility;

namespace Iq.Rules.Network;

/// <summary>How the network's conditions and actions become delegates (NRules' <see cref="IExpressionCompiler"/>, replaced):
/// <see cref="ExpressionMode.Compiled"/> compiles each to IL with the runtime's own expression compiler (the delegates are
/// then JIT-compiled on first call) — right for a checklist that evaluates many bundles; <see cref="ExpressionMode.Interpreted"/>
/// interprets the trees (<c>Compile(preferInterpretation: true)</c>) — right for a one-off audit, which evaluates each
/// condition once, where IL and JIT per condition cost far more than the evaluation (issue 18: 500 items, ~1.3 s of JIT for
/// 1 ms of work). Not FastExpressionCompiler: its delegates for our nested lambdas gave wrong rows when one compiled
/// checklist was evaluated on several threads at once, as iq fleet run does (CompiledChecklistConcurrencyTests: 3 runs of 3
/// failed with it, 0 with this).</summary>
sealed class IqExpressionCompiler(ExpressionMode mode) : IExpressionCompiler
{
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression) where TDelegate : Delegate =>
        mode == ExpressionMode.Interpreted
            ? expression.Compile(preferInterpretation: true)
            : expression.Compile();
}
