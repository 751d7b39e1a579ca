using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary><c>let name = expr</c>: a derived value, computed once per evaluation.</summary>
public sealed record LetSyntax(string Name, Expr Value, SourceSpan Span) : Declaration(Span);
