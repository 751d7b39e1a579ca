using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>A whole parsed checklist file.</summary>
public sealed record ChecklistSyntax(string File, HeaderSyntax Header, IReadOnlyList<Declaration> Declarations, SourceSpan Span);
