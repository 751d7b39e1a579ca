using Iq.Rules.Compilation;

namespace Iq.Engine.Audit;

/// <summary>What to audit and how: the checklist (or several, over the same facts), the fact bundles (and whether to
/// probe this machine first), the clock, and the judgments, waivers and report information to put beside the results.
/// Plain data: the CLI maps its options to one, a fleet makes thousands with one compiled checklist.</summary>
public sealed record AuditRequest
{
    /// <summary>The checklists, in order: the facts are read once and each checklist is evaluated, judged and scored on its
    /// own (its own score and verdict), as a device is audited against IQ (000) and its pre-trained model (001) at once.</summary>
    public IReadOnlyList<AuditChecklist> Checklists { get; init; } = [];

    /// <summary>The one checklist of a one-checklist audit (the first, when there are several).</summary>
    public AuditChecklist Checklist
    {
        get => Checklists.Count > 0 ? Checklists[0] : throw new InvalidOperationException("the request names no checklist");
        init => Checklists = [value];
    }

    /// <summary>Fact bundle folders, read in this order (after the probe's, when there is one).</summary>
    public IReadOnlyList<string> FactBundles { get; init; } = [];

    /// <summary>A folder of <see cref="FactBundles"/> whose documents the caller has read already (a fleet reads each bundle
    /// once, to hash it for its key): its documents are taken from here, not read from disk again. Null: none.</summary>
    public Facts.BundleDocuments? ReadAhead { get; init; }

    /// <summary>Probe this machine into a bundle folder of its own first; null: no probe.</summary>
    public ProbeRequest? Probe { get; init; }

    /// <summary>The evaluation's clock (<c>days_since</c>, waiver expiry); null: now.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Record the evaluation time in the results (off by default, so that the same inputs give the same bytes).</summary>
    public bool RecordTime { get; init; }

    /// <summary>A scoring model over the checklist's own (<see cref="Rules.Model.ScoringSpec.Models"/>); null: the checklist's.</summary>
    public string? ScoringModel { get; init; }

    /// <summary>Manual judgments: YAML, CSV or a filled manual-review workbook (besides any attestations document in the
    /// bundles). With several checklists, each judgment goes to the checklist that has its item.</summary>
    public IReadOnlyList<string> AttestationFiles { get; init; } = [];

    /// <summary>Waivers: YAML or CSV; with several checklists, each goes to the checklist that has its item.</summary>
    public IReadOnlyList<string> WaiverFiles { get; init; } = [];

    /// <summary>A JSON file with the C.1 report information; null: none.</summary>
    public string? ReportInfoFile { get; init; }

    /// <summary>C.1 fields by name (<see cref="Scoring.Reports.Scorecard.ReportInfo.Fields"/>), over the file's.</summary>
    public IReadOnlyDictionary<string, string> ReportFields { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the audit's own files go (the probe's bundle) when the caller writes its reports all or none with
    /// them; null: the probe's bundle is written at once.</summary>
    public Rules.Io.Outputs? Outputs { get; init; }

    /// <summary>Stops the audit between stages and inside long ones (an interrupted run throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken Cancel { get; init; }

    /// <summary>The encoding of attestation and waiver files (CSV, YAML) without a byte-order mark (<c>--encoding</c>); null:
    /// UTF-8.</summary>
    public System.Text.Encoding? InputEncoding { get; init; }

    /// <summary>Public keys the lab trusts (<c>--trust-key</c>): when given, a document's seal must be signed by one of them
    /// for its facts to count as more than declared.</summary>
    public IReadOnlyList<Trust.TrustedKey> TrustKeys { get; init; } = [];

    /// <summary>Record, per row, the facts its rule matched (<c>iq explain</c>, which shows an audit's rows through this
    /// pipeline so that it cannot tell a different outcome from <c>iq audit</c>).</summary>
    public bool TraceMatches { get; init; }

    /// <summary>The lab's key, to sign the seals of what the audit writes (the probe's bundle); null: seals unsigned.</summary>
    public Trust.SigningKey? SigningKey { get; init; }
}

/// <summary>The checklist of an audit: a file to compile (with its <c>extends</c> chain), or one compiled already,
/// which audits can share (a compiled checklist is immutable and safe across threads).</summary>
public sealed record AuditChecklist
{
    AuditChecklist(string? path, CompileOptions options, CompiledChecklist? compiled) =>
        (Path, Options, Compiled) = (path, options, compiled);

    public string? Path { get; }
    public CompileOptions Options { get; }
    public CompiledChecklist? Compiled { get; }

    public static AuditChecklist File(string path, CompileOptions? options = null) => new(path, options ?? new CompileOptions(), null);

    public static AuditChecklist Of(CompiledChecklist compiled) => new(null, new CompileOptions(), compiled);
}

/// <summary>Probe this machine (or, for a captured fixture, the file tree under <see cref="Root"/>) and write the facts
/// as a bundle into <see cref="Directory"/>, so the results name and hash them.</summary>
public sealed record ProbeRequest(string Directory, string? Root = null);
