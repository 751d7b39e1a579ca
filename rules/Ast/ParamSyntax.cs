using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary><c>param name [: type] = value [tool_default]</c>; overridable from a profile, <c>set</c>, or <c>--set</c>.
/// <paramref name="ToolDefault"/>: the value is the tool's choice, the standard giving no figure (001-reading §0: a default
/// must not be shown as the standard's), said wherever the default is shown.</summary>
public sealed record ParamSyntax(string Name, string? TypeName, Expr Value, SourceSpan Span, bool ToolDefault = false) : Declaration(Span);
