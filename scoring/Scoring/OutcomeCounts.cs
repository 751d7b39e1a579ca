using Iq.Rules.Runtime;

namespace Iq.Scoring.Scoring;

/// <summary>How many result rows of each outcome a section holds (its subsections included).</summary>
public sealed record OutcomeCounts(IReadOnlyDictionary<Outcome, int> ByOutcome)
{
    static readonly Outcome[] Outcomes = Enum.GetValues<Outcome>();

    /// <summary>Counted in one pass over the rows (the scorer counts every section of every audit), every outcome present.</summary>
    public static OutcomeCounts Of(IEnumerable<ItemResult> results)
    {
        var counts = new int[Outcomes.Length];
        foreach (var r in results) counts[Array.IndexOf(Outcomes, r.Outcome)]++;
        var byOutcome = new Dictionary<Outcome, int>(Outcomes.Length);
        for (var i = 0; i < Outcomes.Length; i++) byOutcome[Outcomes[i]] = counts[i];
        return new(byOutcome);
    }

    public int this[Outcome o] => ByOutcome.GetValueOrDefault(o);
    public int Total => ByOutcome.Values.Sum();
}
