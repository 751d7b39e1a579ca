using Iq.Rules.Model;

namespace Iq.Rules.Runtime;

/// <summary>One result row: an item, or one element of a <c>foreach</c> item. <see cref="Reason"/> says why it came
/// out as it did; <see cref="Message"/> is that reason in words.</summary>
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
    Reason Reason,
    string? Fix,
    string? Guidance)
{
    public string Message => ReasonText.Render(Reason);

    /// <summary>The reason in words, in Chinese or English.</summary>
    public string MessageIn(Messages.Lang lang) => ReasonText.Render(Reason, lang);

    /// <summary>The provenance of the facts the row rests on (measured, imported, reviewed, declared), set by the audit from
    /// the item's reads and the bundle's documents.</summary>
    public RowProvenance Provenance { get; init; } = RowProvenance.None;

    /// <summary>The facts the row's rule matched when it fired (documents, the element, lets, other items' outcomes), as the
    /// NRules session reported them; filled when the evaluation was asked to trace (<c>iq explain</c>), else empty.</summary>
    public IReadOnlyList<Messages.ILocalized> Matched { get; init; } = [];
}
