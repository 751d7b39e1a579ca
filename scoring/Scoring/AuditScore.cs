namespace Iq.Scoring.Scoring;

/// <summary>The overall result: score, verdict with its reason, and the formula in words.</summary>
public sealed record AuditScore(double? Score, Verdict Verdict, string Reason, string Formula, SectionScore Root)
{
    public string Model { get; init; } = "weighted";

    /// <summary>The verdict's basis as data; <see cref="Reason"/> is it in English.</summary>
    public VerdictBasis Basis { get; init; } = new(VerdictBasisKind.NothingCounted, [], [], null, 0);

    /// <summary>The verdict's basis as a message, to render in Chinese or English (<see cref="Reason"/> is the English).</summary>
    public Iq.Rules.Messages.ILocalized ReasonText => Basis.Text();
}
