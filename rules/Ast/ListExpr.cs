using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

public sealed record ListExpr(IReadOnlyList<Expr> Items, SourceSpan Span) : Expr(Span)
{
    public override int Depth { get; } = (Items.Count == 0 ? 0 : Items.Max(a => a.Depth)) + 1;
}
