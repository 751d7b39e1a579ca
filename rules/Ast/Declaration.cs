using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>Something declared at checklist or section level: a param, let, section or item.</summary>
public abstract record Declaration(SourceSpan Span);
