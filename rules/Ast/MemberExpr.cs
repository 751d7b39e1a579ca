using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

public sealed record MemberExpr(Expr Target, string Member, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = Target.Depth + 1;
}
