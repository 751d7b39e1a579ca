using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>A constant. Sizes are held in bytes, durations in milliseconds, percents as fractions;
/// <see cref="Text"/> keeps the form the author wrote, for evidence.</summary>
public sealed record LiteralExpr(LiteralKind Kind, object Value, string Text, SourceSpan Span) : Expr(Span)
{
    public override int Depth => 1;
}
