namespace Iq.Rules.Runtime;

/// <summary>Why an item came out as it did: the condition (or the part of it that failed), what the facts
/// held, and what the checklist expected.</summary>
public sealed record Evidence(string Expression, string Actual, string Expected);
