using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

public sealed record SectionSyntax(string Id, string Title, LiteralExpr? Weight, IReadOnlyList<Declaration> Members, SourceSpan Span)
    : Declaration(Span);
