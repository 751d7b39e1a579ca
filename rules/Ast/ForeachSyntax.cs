using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary><c>foreach s in plan.software</c> on an item: one result row per element.</summary>
public sealed record ForeachSyntax(string Variable, Expr Source, SourceSpan Span);
