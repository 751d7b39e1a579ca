using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>Everything a report shows: the checklist, what was read, the results and the score.</summary>
public sealed record AuditReport(
    ChecklistModel Checklist,
    IReadOnlyList<InputFile> Inputs,
    IReadOnlyList<ItemResult> Results,
    AuditScore Score,
    string EngineVersion,
    DateTimeOffset? EvaluatedAt)
{
    /// <summary>The manual judgments applied, for the scorecard's manual-review sheet.</summary>
    public IReadOnlyList<Judgments.Attestation> Attestations { get; init; } = [];

    public static string CurrentEngineVersion =>
        typeof(AuditReport).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
