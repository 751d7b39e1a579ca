using Iq.Rules.Runtime;

namespace Iq.Scoring.Scoring;

/// <summary>How many result rows of each outcome a section holds (its subsections included).</summary>
public sealed record OutcomeCounts(IReadOnlyDictionary<Outcome, int> ByOutcome)
{
    public static OutcomeCounts Of(IEnumerable<ItemResult> results) =>
        new(Enum.GetValues<Outcome>().ToDictionary(o => o, o => results.Count(r => r.Outcome == o)));

    public int this[Outcome o] => ByOutcome.GetValueOrDefault(o);
    public int Total => ByOutcome.Values.Sum();
}
