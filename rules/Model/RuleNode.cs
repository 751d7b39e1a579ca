using Iq.Rules.Diagnostics;

namespace Iq.Rules.Model;

/// <summary>A section or an item of the rule model. <see cref="DisabledReason"/> is set when tailoring disabled it.</summary>
public abstract record RuleNode(string Id, string Title, double Weight, string? DisabledReason, SourceSpan Span);
