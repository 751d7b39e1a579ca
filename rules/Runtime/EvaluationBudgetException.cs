using Iq.Rules.Diagnostics;

namespace Iq.Rules.Runtime;

/// <summary>An evaluation did more work than its budget allows (<see cref="EvaluationBudget.Default"/> steps: predicate and
/// selector calls). Something in the checklist is superlinear in the facts given (a quantifier inside a <c>foreach</c>
/// over large lists), so the audit ends, exit 2, naming the item and the checklist line, rather than run for hours.</summary>
public sealed class EvaluationBudgetException(long budget, string? item = null, SourceSpan? span = null)
    : Exception($"evaluating item '{item ?? "?"}' took more than {budget} steps")
{
    public long Budget { get; } = budget;
    public string? Item { get; } = item;
    public SourceSpan? Span { get; } = span;

    /// <summary>The same, naming the item whose rule was running.</summary>
    public EvaluationBudgetException At(string item, SourceSpan span) => new(Budget, item, span);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Error(Messages.Msg.EvaluationBudget.With(Item ?? "?", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Span ?? SourceSpan.None(""));
}

/// <summary>How much work one evaluation may do.</summary>
public static class EvaluationBudget
{
    /// <summary>Fifty million lambda calls: some seconds of work. The sample bundles take a few thousand; a bundle that
    /// needs more makes some item quadratic in its size.</summary>
    public const long Default = 50_000_000;
}
