using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

public sealed record CallExpr(string Function, IReadOnlyList<Expr> Arguments, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = (Arguments.Count == 0 ? 0 : Arguments.Max(a => a.Depth)) + 1;
}
