using Iq.Rules.Binding;

namespace Iq.Rules.Model;

/// <summary>An <c>expect</c> (or <c>when</c>) condition: its text as written, for evidence, and its bound form.</summary>
public sealed record ConditionModel(string Text, BoundExpr Expression);
