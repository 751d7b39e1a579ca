using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>Everything a report shows: the checklist (its rule model, params with their origin), what was read (inputs
/// with SHA-256), the results, the score, the judgments and waivers applied, and the C.1 report information.</summary>
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

    /// <summary>The waivers given (an expired one is in the list and excused nothing; the rows say which were waived).</summary>
    public IReadOnlyList<Judgments.Waiver> Waivers { get; init; } = [];

    /// <summary>The C.1 report information (report number, object, purpose, dates, place, assessors, signer).</summary>
    public Scorecard.ReportInfo Info { get; init; } = Scorecard.ReportInfo.Empty;

    /// <summary>Times and hosts across the bundle's documents that cannot both be true.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Automatic rows decided on declared facts alone, per outcome: the vendor's word, shown apart.</summary>
    public OutcomeCounts DeclaredOnly => OutcomeCounts.Of(Results.Where(r => r.Automated && r.Provenance.DeclaredOnly));

    /// <summary>The evaluation's clock when the request gave one (<c>--as-of</c>): the C.1 dates fall back on it.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Chart series from the fact documents (baseline, 001 measurements).</summary>
    public ReportFigures Figures { get; init; } = ReportFigures.None;

    public static string CurrentEngineVersion =>
        typeof(AuditReport).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
