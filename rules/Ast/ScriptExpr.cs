using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>A <c>csharp { … }</c> block; <see cref="CodeSpan"/> is where the code starts, to map compiler errors back.</summary>
public sealed record ScriptExpr(string Code, SourceSpan CodeSpan, SourceSpan Span) : Expr(Span)
{
    public override int Depth => 1;
}
