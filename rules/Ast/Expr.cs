using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>An expression in checklist text. <see cref="Depth"/> is kept so that no later pass recurses unboundedly.</summary>
public abstract record Expr(SourceSpan Span)
{
    public abstract int Depth { get; }
}
