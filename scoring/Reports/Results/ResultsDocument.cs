using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>Everything a report shows, as the results JSON (schema <see cref="SchemaId"/>) carries it: the audit writes
/// this document, reads its own bytes back and renders every report from what it read, and <c>iq report</c> renders from
/// the same bytes; so a report re-rendered from a results file is byte-identical to the audit's by construction.
/// Plain data: no compiled checklist, no facts — only what the results file holds.</summary>
public sealed record ResultsDocument
{
    public const string SchemaId = "iq.results/2";

    public required string EngineVersion { get; init; }

    /// <summary>When the audit ran; only with <c>--timestamp</c> (the same inputs give the same bytes otherwise).</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>The evaluation's clock when one was given (<c>--as-of</c>); the C.1 dates fall back on it, never on the
    /// wall clock.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The language the audit's reports were written in; <c>iq report</c> uses it unless told otherwise.</summary>
    public string Language { get; init; } = "zh";

    public required ChecklistSummary Checklist { get; init; }
    public IReadOnlyList<InputFile> Inputs { get; init; } = [];
    public IReadOnlyList<ParameterValue> Parameters { get; init; } = [];
    public required ScoringSummary Scoring { get; init; }
    public required Verdict Verdict { get; init; }
    public required VerdictBasis Basis { get; init; }
    public string VerdictReason => Basis.English();
    public double? Score => Root.Score;

    /// <summary>The section tree with scores and counts; the root stands for the whole checklist.</summary>
    public required SectionScore Root { get; init; }

    public IReadOnlyList<ItemResult> Items { get; init; } = [];

    /// <summary>The input files each item read, by item id (the rule model says which fact roots it reads).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sources { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<Attestation> Attestations { get; init; } = [];
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];
    public ReportInfo Info { get; init; } = ReportInfo.Empty;
    public ReportFigures Figures { get; init; } = ReportFigures.None;

    /// <summary>Times and hosts across the bundle's documents that cannot both be true.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Automatic rows decided on declared facts alone, per outcome: the vendor's word, counted apart.</summary>
    public OutcomeCounts DeclaredOnly => OutcomeCounts.Of(Items.Where(r => r.Automated && r.Provenance.DeclaredOnly));

    /// <summary>Counted rows enter the score (pass, fail, error); the others are shown but excluded.</summary>
    public static bool Counted(Outcome o) => o is Outcome.Pass or Outcome.Fail or Outcome.Error;

    /// <summary>The top-level section each row belongs to (null: an item at the checklist's root).</summary>
    public string? TopSectionOf(ItemResult row)
    {
        foreach (var top in Root.Sections)
            if (top.Id == row.SectionId || Contains(top, row.SectionId)) return top.Id;
        return null;

        static bool Contains(SectionScore s, string id) => s.Sections.Any(c => c.Id == id || Contains(c, id));
    }

    /// <summary>The document for an audit's report: what the report holds, the sources each item read, and the language.</summary>
    public static ResultsDocument From(AuditReport report, string language = "zh")
    {
        var c = report.Checklist;
        var files = report.Inputs.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Select(i => Path.GetFileName(i.Path)).ToList());
        var sources = c.Items.ToDictionary(i => i.Id,
            i => (IReadOnlyList<string>)i.Reads.SelectMany(r => files.TryGetValue(r.Kind, out var f) ? f : [r.Name]).Distinct().ToList(),
            StringComparer.Ordinal);
        return new ResultsDocument
        {
            EngineVersion = report.EngineVersion,
            EvaluatedAt = report.EvaluatedAt,
            AsOf = report.AsOf,
            Language = language,
            Checklist = new ChecklistSummary(c.Id, c.Title, c.Version, c.Sources) { Base = c.Base },
            Inputs = report.Inputs,
            Parameters = c.Params.Select(p => new ParameterValue(p.Name, p.Type.Name, ValueFormatter.Plain(p.Value, p.Type), p.Origin)).ToList(),
            Scoring = new ScoringSummary(report.Score.Model, c.Scoring.PassAt, c.Scoring.Veto, report.Score.Formula),
            Verdict = report.Score.Verdict,
            Basis = report.Score.Basis,
            Root = report.Score.Root,
            Items = report.Results,
            Sources = sources,
            Attestations = report.Attestations,
            Waivers = report.Waivers,
            Info = report.Info,
            Figures = report.Figures,
            Findings = report.Findings,
        };
    }
}

/// <summary>The checklist as the results name it: id, title, version, and every file of its <c>extends</c> chain with its hash.</summary>
public sealed record ChecklistSummary(string Id, string Title, string Version, IReadOnlyList<SourceFile> Sources)
{
    /// <summary>The IQ standard's checklist, or one tailored from it: its top-level sections are Annex C's C.2–C.6.</summary>
    public bool IsAnnexC => Id == "gbt-aimd-iq" || Sources.Any(s => Path.GetFileName(s.Path) == "gbt-aimd-iq.iq");

    /// <summary>What a tailoring extends; null for a checklist that extends nothing.</summary>
    public ChecklistBase? Base { get; init; }

    /// <summary>The checklist as every report's header names it (console, scorecard, HTML, JUnit): <c>gbt-aimd-iq 2025 — title</c>,
    /// and a tailoring by its own id with its base (<c>hospital-x (tailoring of gbt-aimd-iq 2025) — title</c>), its own version
    /// shown only where it declares one of its own.</summary>
    public string Name(Lang lang) => Base is not { } b ? $"{Id} {Version}"
        : Msg.ChecklistTailoringOf.With(b.Version == Version ? Id : $"{Id} {Version}", b.Id, b.Version).Render(lang);

    public string Heading(Lang lang) => $"{Name(lang)} — {Title}";
}

/// <summary>A param's final value as text, its type and where it came from.</summary>
public sealed record ParameterValue(string Name, string Type, string Value, string Origin);

/// <summary>The scoring model used, its pass mark and veto level, and its formula in English.</summary>
public sealed record ScoringSummary(string Model, double PassAt, Level? Veto, string Formula);

/// <summary>Series for the reports' charts, taken from the fact documents when the audit ran: the baseline's concurrency
/// levels (4.3.2, 6.4.2) and the pre-trained model's robustness and adversarial measurements (001 6.3.6, 6.3.8).</summary>
public sealed record ReportFigures(BaselineFigures? Baseline, ModelFigures? Model)
{
    public static readonly ReportFigures None = new(null, null);
}

/// <summary>The baseline per concurrency level, and the plan's latency limit when it gives one.</summary>
public sealed record BaselineFigures(IReadOnlyList<ConcurrencyPoint> Levels, double? LatencyLimitMs);

public sealed record ConcurrencyPoint(double Level, double? Throughput, double? MeanMs, double? P99Ms, double? Success, double? Errors);

/// <summary>The 001 measurements: accuracy per perturbation and level (with the clean accuracy), robust accuracy per ε, the
/// task metrics with their bootstrap confidence intervals and the vendor's claimed values (A.10; 4.5.2, 6.3.7), and the
/// training losses of a run under iq or the vendor's log (6.3.1).</summary>
public sealed record ModelFigures(double? CleanMetric, IReadOnlyList<PerturbationPoint> Perturbations, IReadOnlyList<EpsilonPoint> Adversarial)
{
    public IReadOnlyList<MetricPoint> Metrics { get; init; } = [];

    /// <summary>The intervals' confidence level (0.95), as the measurement recorded it.</summary>
    public double? Confidence { get; init; }

    public IReadOnlyList<double> Losses { get; init; } = [];
}

/// <summary>A task metric as measured, its confidence interval, and the value the description claims for it (null: none).</summary>
public sealed record MetricPoint(string Name, double? Value, double? CiLow, double? CiHigh, double? Claimed);

public sealed record PerturbationPoint(string Name, double Level, double? Metric);

public sealed record EpsilonPoint(string Attack, double Epsilon, double? RobustAccuracy, double? SuccessRate);
