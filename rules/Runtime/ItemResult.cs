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
    /// <summary>Rendered once per reason: a fleet's results JSON and its store row both read it, and each render builds the
    /// message anew. The text is kept with the reason it came from, so that a copy made with <c>with</c> and another reason
    /// renders its own; one reference, so that a row read by several threads sees it whole or renders it again.</summary>
    public string Message
    {
        get
        {
            var reason = Reason;
            if (_message.Last is { } last && ReferenceEquals(last.Reason, reason)) return last.Text;
            var text = ReasonText.Render(reason);
            _message.Last = new RenderedMessage(reason, text);
            return text;
        }
    }

    MessageSlot _message;

    /// <summary>Equal to every other: a record's fields take part in its equality, and a rendered message is not part of a
    /// row. A struct, so that a row read only for its outcome allocates nothing for it.</summary>
    struct MessageSlot : IEquatable<MessageSlot>
    {
        public RenderedMessage? Last;
        public readonly bool Equals(MessageSlot other) => true;
        public override readonly bool Equals(object? obj) => obj is MessageSlot;
        public override readonly int GetHashCode() => 0;
    }

    sealed record RenderedMessage(Reason Reason, string Text);

    /// <summary>The title and the fix with iq's own words in them as messages (a hole whose value is missing); null when they
    /// have none. <see cref="Title"/> and <see cref="Fix"/> are their English text, as the results hold it.</summary>
    public Messages.MixedText? TitleWords { get; init; }
    public Messages.MixedText? FixWords { get; init; }

    /// <summary>The title in a language: its words rendered, else the text (the same in every language).</summary>
    public string TitleIn(Messages.Lang lang) => lang == Messages.Lang.En || TitleWords is not { } words ? Title : words.Render(lang);

    /// <summary>The fix in a language; null when the row has none.</summary>
    public string? FixIn(Messages.Lang lang) => lang == Messages.Lang.En || FixWords is not { } words ? Fix : words.Render(lang);

    /// <summary>The position in its <c>foreach</c> source (from 0, as the language indexes a list) of the element a row is
    /// about; null for a row about an item as a whole.</summary>
    public int? ElementIndex { get; init; }

    /// <summary>The provenance of the facts the row rests on (measured, imported, reviewed, declared), set by the audit from
    /// the item's reads and the bundle's documents.</summary>
    public RowProvenance Provenance { get; init; } = RowProvenance.None;

    /// <summary>The facts the row's rule matched when it fired (documents, the element, lets, other items' outcomes), as the
    /// NRules session reported them; filled when the evaluation was asked to trace (<c>iq explain</c>), else empty.</summary>
    public IReadOnlyList<Messages.ILocalized> Matched { get; init; } = [];
}
