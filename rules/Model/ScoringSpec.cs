namespace Iq.Rules.Model;

/// <summary>How results become a score and a verdict: the model, the pass mark (0–100), and the level
/// whose failures veto a pass.</summary>
public sealed record ScoringSpec(string Model, double PassAt, Level? Veto)
{
    public static readonly IReadOnlyList<string> Models = ["weighted", "default", "flat", "flat-unweighted", "absolute"];
    public static readonly ScoringSpec Default = new("weighted", 80, Level.Shall);
}
