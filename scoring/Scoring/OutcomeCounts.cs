using Iq.Rules.Messages;
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

    /// <summary>Every outcome counted, in words: pass, fail and error always, any other outcome that has rows (waived,
    /// not applicable, informational …), so that the parts add up to <see cref="Total"/> in every report that prints them
    /// (console, scorecard summary, HTML), from this one place.</summary>
    public ILocalized Breakdown() => new Words(this);

    sealed record Words(OutcomeCounts Counts) : ILocalized
    {
        public string Render(Lang lang) => string.Join(lang == Lang.Zh ? "，" : ", ", Outcomes
            .Where(o => o is Outcome.Pass or Outcome.Fail or Outcome.Error || Counts[o] > 0)
            .Select(o => $"{Msg.OutcomeWord(o).Text.Render(lang)} {Counts[o]}"));
    }
}
