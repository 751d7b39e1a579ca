using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>A bare name: a fact root, a param, a let, or a lambda or foreach variable.</summary>
public sealed record NameExpr(string Name, SourceSpan Span) : Expr(Span)
{
    public override int Depth => 1;
}
