using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>Arithmetic, comparison, <c>and</c>, <c>or</c>, <c>in</c>, <c>matches</c>.</summary>
public sealed record BinaryExpr(string Operator, Expr Left, Expr Right, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = Math.Max(Left.Depth, Right.Depth) + 1;
}
