namespace Iq.Rules.Model;

/// <summary>How results become a score and a verdict: the model, the pass mark (0–100), and the level
/// whose failures veto a pass.</summary>
public sealed record ScoringSpec(string Model, double PassAt, Level? Veto)
{
    public static readonly IReadOnlyList<string> Models = ["weighted", "default", "flat", "flat-unweighted", "absolute"];
    public static readonly ScoringSpec Default = new("weighted", 80, Level.Shall);

    /// <summary>Set when a tailoring lowered its base's pass mark or removed or loosened its veto: what the base asked.</summary>
    public ScoringTailoring? Tailoring { get; init; }

    /// <summary>The levels whose failures veto a pass: the veto level and every stricter one.</summary>
    public static IReadOnlyList<Level> VetoLevels(Level? veto) => veto switch
    {
        Level.Shall => [Level.Shall],
        Level.Should => [Level.Shall, Level.Should],
        Level.May => [Level.Shall, Level.Should, Level.May],
        _ => [],
    };
}

/// <summary>A tailoring's scoring against its base's: the tailoring's id, the base's id and version, and the base's pass
/// mark and veto. <see cref="PassAtLowered"/> and <see cref="VetoLoosened"/> say what the tailoring gave up.</summary>
public sealed record ScoringTailoring(string Tailoring, string Base, string BaseVersion, double BasePassAt, Level? BaseVeto,
    double PassAt, Level? Veto)
{
    public bool PassAtLowered => PassAt < BasePassAt;
    public bool VetoLoosened => ScoringSpec.VetoLevels(Veto).Count < ScoringSpec.VetoLevels(BaseVeto).Count;
    /// <summary>The base's veto levels the tailoring no longer vetoes on.</summary>
    public IReadOnlyList<Level> DroppedLevels => ScoringSpec.VetoLevels(BaseVeto).Except(ScoringSpec.VetoLevels(Veto)).ToList();
}
