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
        var roots = checklist.Roots.Select(r => facts.Roots.TryGetValue(r.Name, out var v) && v is not null ? v : new Missing(r.Name)).ToArray();
        return evaluate(new EvalContext(checklist, roots, now));
    }
}
