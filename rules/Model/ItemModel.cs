using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;

namespace Iq.Rules.Model;

/// <summary>A checklist item, as reports and the evaluator see it.</summary>
public sealed record ItemModel(
    string Id,
    string Title,
    double Weight,
    string? DisabledReason,
    SourceSpan Span,
    string SectionId,
    Level Level,
    string Clause,
    TextTemplate IdTemplate,
    TextTemplate TitleTemplate,
    IReadOnlyList<ConditionModel> Expectations,
    ConditionModel? When,
    BoundExpr? Score,
    TextTemplate? Fix,
    string? Manual,
    bool Informational,
    string? ForeachVariable,
    BoundExpr? ForeachSource,
    IReadOnlyList<string> DependsOn)
    : RuleNode(Id, Title, Weight, DisabledReason, Span)
{
    /// <summary>Why the item does not apply when its <c>when</c> is false (<c>when … because "…"</c>).</summary>
    public TextTemplate? WhenReason { get; init; }

    /// <summary>For a foreach item: why an empty list is fine (<c>empty notapplicable "…"</c>); null: an empty list is
    /// missing evidence.</summary>
    public string? EmptyReason { get; init; }

    /// <summary>The fact roots its conditions read (<c>expect</c>, <c>when</c>, <c>score</c>, <c>foreach</c>), directly or
    /// through lets, computed by the binder: the documents the item's evidence comes from.</summary>
    public IReadOnlyList<FactRoot> Reads { get; init; } = [];

    /// <summary>The fact paths its conditions read, as far as they can be told before anything runs (indices as <c>[]</c>,
    /// <c>baseline.concurrency[].p99</c>): the finer grain of <see cref="Reads"/>, for the provenance of each fact a row
    /// rests on.</summary>
    public IReadOnlyList<string> ReadPaths { get; init; } = [];

    /// <summary>The read paths the item only guards on and does not compare (read in a presence test, <c>exists(x)</c> or
    /// <c>len(x) &gt; 0</c>, in its <c>when</c> or as its <c>foreach</c> source, and nowhere else): a row rests its
    /// declared-only count on the others (<see cref="RowProvenance.DeclaredOnly"/>).</summary>
    public IReadOnlyList<string> GuardPaths { get; init; } = [];

    /// <summary>The read paths whose indices the checklist gives (a constant key, or a fact of the <c>foreach</c> element),
    /// each with its keys: how a row's provenance names the entry it read (<c>software["docker"].version</c>).</summary>
    public IReadOnlyList<KeyedRead> KeyedReads { get; init; } = [];

    /// <summary><c>requires measured …</c>: the provenances the item accepts; null when it accepts any.</summary>
    public ProvenanceRequirement? Requires { get; init; }

    /// <summary>True when a machine decides the item; false for a human judgment (<c>manual</c>).</summary>
    public bool Automated => Manual is null;
}
