using Iq.Rules.Model;

namespace Iq.Rules.Runtime;

/// <summary>One result row: an item, or one element of a <c>foreach</c> item.</summary>
public sealed record ItemResult(
    string Id,
    string ItemId,
    string Title,
    string SectionId,
    string Clause,
    Level Level,
    double Weight,
    bool Automated,
    Outcome Outcome,
    double Score,
    IReadOnlyList<Evidence> Evidence,
    string Message,
    string? Fix,
    string? Guidance);
