using Iq.Engine.Probes;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;
using Iq.Scoring.Scoring;

namespace Iq.Engine.Audit;

/// <summary>What an audit gives: the report (everything a renderer needs), one per checklist, or, when the input could not
/// be used, none; the diagnostics in either case (warnings beside a report, errors instead of one), as data for the caller
/// to print.</summary>
public sealed record AuditResult
{
    /// <summary>One per checklist of the request, in its order: the checklist, results, score and verdict, inputs with
    /// SHA-256, judgments, waivers and report information. Empty when an error stopped the audit.</summary>
    public IReadOnlyList<AuditReport> Reports { get; init; } = [];

    /// <summary>The report of a one-checklist audit (of the first checklist, when there are several); null when an error
    /// stopped the audit.</summary>
    public AuditReport? Report => Reports.Count > 0 ? Reports[0] : null;

    /// <summary>The worst verdict of the reports (fail, then incomplete, then pass), which the exit code follows; null
    /// when an error stopped the audit.</summary>
    public Verdict? Verdict => Reports.Count > 0 ? Verdicts.Worst(Reports.Select(r => r.Score.Verdict)) : null;

    /// <summary>Errors and warnings, sorted within each stage, stages in order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The checklists as compiled (or as given), in the request's order, to reuse for further audits; empty when
    /// one did not compile.</summary>
    public IReadOnlyList<CompiledChecklist> Checklists { get; init; } = [];

    /// <summary>The (first) checklist as compiled; null when it did not compile.</summary>
    public CompiledChecklist? Checklist => Checklists.Count > 0 ? Checklists[0] : null;

    /// <summary>The probe, when one was asked for and ran: where its bundle was written and how long it took.</summary>
    public ProbedBundle? Probe { get; init; }

    /// <summary>The facts as read (null when the audit stopped before reading them), for callers that file audits by
    /// what the bundle says (a fleet: the plan's site and product).</summary>
    public Iq.Rules.Runtime.FactValues? Facts { get; init; }

    /// <summary>Each fact document as read, with its header (host, collected_at).</summary>
    public IReadOnlyList<Iq.Engine.Facts.FactDocumentInfo> Documents { get; init; } = [];

    /// <summary>The stages that ran, in order, each with its time.</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];

    public bool Succeeded => Reports.Count > 0;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}

/// <summary>A probe written as a bundle.</summary>
public sealed record ProbedBundle(string Directory, ProbeReport Report);

/// <summary>How long a stage took.</summary>
public sealed record StageTime(string Stage, TimeSpan Elapsed);
