using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary><c>g => g.memory >= 40 GiB</c>; only valid as a function argument.</summary>
public sealed record LambdaExpr(string Parameter, Expr Body, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = Body.Depth + 1;
}
