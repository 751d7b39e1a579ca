using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>The results of one audit: one <see cref="ResultsDocument"/> per checklist, in the request's order. One checklist
/// is the common case and its file is exactly that checklist's <c>iq.results/2</c> document; several checklists over one
/// bundle (IQ 000 and the pre-trained model 001) are written as <see cref="SchemaId"/>: the documents each checklist gives
/// alone, and the worst verdict, which the exit code follows. Every report renders from this.</summary>
public sealed record ResultsSet
{
    public const string SchemaId = "iq.results-set/1";

    public ResultsSet(IReadOnlyList<ResultsDocument> audits)
    {
        if (audits.Count == 0) throw new ArgumentException("a results set holds at least one checklist's results", nameof(audits));
        Audits = audits;
    }

    public IReadOnlyList<ResultsDocument> Audits { get; }

    public bool Several => Audits.Count > 1;

    public ResultsDocument First => Audits[0];

    /// <summary>The results file these were read from and how it was checked, for the reports' header; not part of the
    /// results (a file cannot say what its own seal says). Null for results not rendered through the CLI (a library call).</summary>
    public ReportSource? Source { get; init; }

    /// <summary>Fail when one failed, else incomplete when one is incomplete, else pass.</summary>
    public Verdict Verdict => Verdicts.Worst(Audits.Select(a => a.Verdict));

    /// <summary>"worst of 2 checklists: gbt-aimd-iq pass, gbt-aimd-ptm fail"; for one checklist, its own reason.</summary>
    public string VerdictReason => !Several ? First.VerdictReason
        : $"worst of {Audits.Count} checklists: " + string.Join(", ", Audits.Select(a => $"{a.Checklist.Id} {a.Verdict.ToString().ToLowerInvariant()}"));

    public static ResultsSet From(IReadOnlyList<AuditReport> reports, string language = "zh") =>
        new(reports.Select(r => ResultsDocument.From(r, language)).ToList());

    public static implicit operator ResultsSet(ResultsDocument doc) => new([doc]);
}
