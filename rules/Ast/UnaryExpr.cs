using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary><c>not x</c> or <c>-x</c>.</summary>
public sealed record UnaryExpr(string Operator, Expr Operand, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = Operand.Depth + 1;
}
