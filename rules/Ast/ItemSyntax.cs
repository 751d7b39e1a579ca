using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

public sealed record ItemSyntax(string Id, ForeachSyntax? Foreach, string Title, IReadOnlyList<ItemClause> Clauses, SourceSpan Span)
    : Declaration(Span);
