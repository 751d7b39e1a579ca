using Iq.Engine.Probes;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;

namespace Iq.Engine.Audit;

/// <summary>What an audit gives: the report (everything a renderer needs), or, when the input could not be used, none;
/// the diagnostics in either case (warnings beside a report, errors instead of one), as data for the caller to print.</summary>
public sealed record AuditResult
{
    /// <summary>The checklist, results, score, inputs with SHA-256, judgments, waivers and report information; null when
    /// an error stopped the audit.</summary>
    public AuditReport? Report { get; init; }

    /// <summary>Errors and warnings, sorted within each stage, stages in order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The checklist as compiled (or as given), to reuse for further audits; null when it did not compile.</summary>
    public CompiledChecklist? Checklist { get; init; }

    /// <summary>The probe, when one was asked for and ran: where its bundle was written and how long it took.</summary>
    public ProbedBundle? Probe { get; init; }

    /// <summary>The facts as read (null when the audit stopped before reading them), for callers that file audits by
    /// what the bundle says (a fleet: the plan's site and product).</summary>
    public Iq.Rules.Runtime.FactValues? Facts { get; init; }

    /// <summary>Each fact document's header (host, collected_at).</summary>
    public IReadOnlyList<Iq.Engine.Facts.FactDocumentHeader> Documents { get; init; } = [];

    /// <summary>The stages that ran, in order, each with its time.</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];

    public bool Succeeded => Report is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}

/// <summary>A probe written as a bundle.</summary>
public sealed record ProbedBundle(string Directory, ProbeReport Report);

/// <summary>How long a stage took.</summary>
public sealed record StageTime(string Stage, TimeSpan Elapsed);
