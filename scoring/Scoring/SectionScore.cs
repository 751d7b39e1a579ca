namespace Iq.Scoring.Scoring;

/// <summary>A section's score (0–100, or null when nothing in it counts), its weight, and its counts.</summary>
public sealed record SectionScore(string Id, string Title, double Weight, double? Score, OutcomeCounts Counts, IReadOnlyList<SectionScore> Sections)
{
    /// <summary>The flat models' raw score and maximum (Σ weights of passed and of counted items); null otherwise.</summary>
    public double? Raw { get; init; }
    public double? Max { get; init; }
}
