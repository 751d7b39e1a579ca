using Iq.Rules.Diagnostics;

namespace Iq.Rules.Model;

public sealed record SectionModel(string Id, string Title, double Weight, string? DisabledReason, IReadOnlyList<RuleNode> Children, SourceSpan Span)
    : RuleNode(Id, Title, Weight, DisabledReason, Span)
{
    public IEnumerable<ItemModel> AllItems() => Children.SelectMany(c => c is SectionModel s ? s.AllItems() : [(ItemModel)c]);
    public IEnumerable<SectionModel> AllSections() => Children.OfType<SectionModel>().SelectMany(s => s.AllSections().Prepend(s));
}
