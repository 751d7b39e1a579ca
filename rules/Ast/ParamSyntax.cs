using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary><c>param name [: type] = value</c>; overridable from a profile, <c>set</c>, or <c>--set</c>.</summary>
public sealed record ParamSyntax(string Name, string? TypeName, Expr Value, SourceSpan Span) : Declaration(Span);
