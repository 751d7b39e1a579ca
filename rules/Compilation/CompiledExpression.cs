using Iq.Rules.Binding;
using Iq.Rules.Runtime;

namespace Iq.Rules.Compilation;

/// <summary>One expression compiled in a checklist's scope, as one more rule of the checklist's network (beside its lets);
/// evaluates to a run-time value or <see cref="Missing"/>.</summary>
public sealed class CompiledExpression(CompiledChecklist network, IqType type)
{
    public IqType Type => type;

    /// <summary>The value; throws <see cref="EvaluationException"/> when it cannot be decided for a reason other than missing facts.</summary>
    public object? Evaluate(FactValues facts, DateTimeOffset now) =>
        network.Run(facts, now, new EvaluationOptions()).Explained switch
        {
            EvaluationFailure f => throw new EvaluationException(f.Message),
            var v => v,
        };
}
