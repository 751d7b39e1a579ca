using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

public sealed record IndexExpr(Expr Target, Expr Index, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = Math.Max(Target.Depth, Index.Depth) + 1;
}
