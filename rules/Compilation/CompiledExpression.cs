using Iq.Rules.Binding;
using Iq.Rules.Runtime;

namespace Iq.Rules.Compilation;

/// <summary>One expression compiled in a checklist's scope; evaluates to a run-time value or <see cref="Missing"/>.</summary>
public sealed class CompiledExpression(CompiledChecklist checklist, IqType type, Func<EvalContext, object?> evaluate)
{
    public IqType Type => type;

    /// <summary>The value; throws <see cref="EvaluationException"/> when it cannot be decided for a reason other than missing facts.</summary>
    public object? Evaluate(FactValues facts, DateTimeOffset now)
    {
        return evaluate(new EvalContext(checklist, Evaluator.Roots(checklist, facts), now));
    }
}
