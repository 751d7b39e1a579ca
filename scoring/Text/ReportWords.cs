using System.Globalization;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Text;

/// <summary>Typed values of the results in a report's language: outcomes, levels, reasons, missing evidence, the verdict's
/// basis and the formula. The English results file keeps its own words (<see cref="ReasonText"/>); reports use these.</summary>
public static class ReportWords
{
    public static string Outcome(this ReportTexts t, Outcome o) => t["outcome." + o.Name()];
    public static string Level(this ReportTexts t, Level l) => t["level." + l.ToString().ToLowerInvariant()];
    public static string Method(this ReportTexts t, bool automated) => t[automated ? "method.automatic" : "method.manual"];
    public static string Verdict(this ReportTexts t, Verdict v) => t["verdict." + v.ToString().ToLowerInvariant()];
    public static string Kind(this ReportTexts t, string kind) => t.Or("kind." + kind, kind);
    public static string Date(DateTimeOffset d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Number(double d) => Scorer.Format(d);

    public static string Origin(this ReportTexts t, string origin) =>
        t.Catalog_Has("origin." + origin) ? t["origin." + origin] : t.Format("origin.other", ("origin", origin));

    static bool Catalog_Has(this ReportTexts _, string key) => ReportTexts.Catalog.ContainsKey(key);

    public static string Formula(this ReportTexts t, string model) =>
        (ReportTexts.Catalog.ContainsKey("formula." + model) ? t["formula." + model] : t["formula.weighted"]) + t["formula.counted"];

    public static string Basis(this ReportTexts t, VerdictBasis b)
    {
        var levels = string.Join("/", b.Levels.Select(t.Level));
        var items = string.Join(", ", b.Items) + (b.Count > b.Items.Count ? ", " + t.Format("basis.more", ("count", b.Count - b.Items.Count)) : "");
        return b.Kind switch
        {
            VerdictBasisKind.Veto => t.Format("basis.veto", ("count", b.Count), ("levels", levels), ("items", items)),
            VerdictBasisKind.Pending => t.Format("basis.pending", ("count", b.Count), ("levels", levels), ("items", items)),
            VerdictBasisKind.NothingCounted => t["basis.nothing_counted"],
            VerdictBasisKind.Reaches => t.Format("basis.reaches", ("score", Number(b.Score ?? 0)), ("pass_at", Number(b.PassAt))),
            _ => t.Format("basis.below", ("score", Number(b.Score ?? 0)), ("pass_at", Number(b.PassAt))),
        };
    }

    public static string Missing(this ReportTexts t, Missing m) => m.Cause switch
    {
        Absence.NoDocument => t.Format("missing.no_document", ("path", m.Path), ("kind", t.Kind(m.Detail ?? ""))),
        Absence.Absent => t.Format("missing.absent", ("path", m.Path), ("detail", m.Detail)),
        Absence.ProbeError => t.Format("missing.probe_error", ("path", m.Path), ("detail", m.Detail)),
        Absence.ItemNotDecided => t.Format("missing.item_not_decided", ("item", m.Path),
            ("outcome", OutcomeNames.Parse(m.Detail ?? "") is { } o ? t.Outcome(o) : m.Detail)),
        Absence.NoResult or Absence.Undecidable => t.Format("missing.other", ("detail", m.Detail ?? m.Path)),
        _ => t.Format("missing.value", ("path", m.Path)),
    };

    static string Facts(ReportTexts t, IReadOnlyList<Missing> facts) =>
        string.Join(t.IsChinese ? "；" : ", ", facts.Select(t.Missing).Distinct());

    /// <summary>Why a row came out as it did, in the report's language, values inserted as the results hold them.</summary>
    public static string Reason(this ReportTexts t, Reason reason) => reason switch
    {
        Passed => t["reason.passed"],
        Failed f => (f.First is { } e
                        ? t.Format("reason.failed", ("expression", e.Expression), ("actual", e.Actual), ("expected", e.Expected))
                        : t["reason.failed_plain"])
                    + (f.AlsoMissing.Count == 0 ? "" : t.Format("reason.also_missing", ("facts", Facts(t, f.AlsoMissing)))),
        PartialCredit p => t.Format("reason.partial", ("score", Ops.Format(p.Score))),
        MissingEvidence m => m.Clause is null
            ? t.Format("reason.missing", ("facts", Facts(t, m.Facts)))
            : t.Format("reason.missing_in", ("facts", Facts(t, m.Facts)), ("clause", m.Clause)),
        NotApplicable { Because: { } because } => t.Format("reason.not_applicable_because", ("because", because)),
        NotApplicable n => t.Format("reason.not_applicable", ("condition", n.Condition)),
        DeclaredNotApplicable d => t.Format("reason.declared_not_applicable", ("fact", d.Fact), ("because", d.Because)),
        EmptyForeach { Because: { } fine } e => t.Format("reason.empty_foreach_fine", ("list", e.List), ("because", fine)),
        EmptyForeach e => t.Format("reason.empty_foreach", ("list", e.List)),
        Disabled d => t.Format("reason.disabled", ("because", d.Because)),
        ManualRequired m => t.Format("reason.manual_required", ("guidance", m.Guidance)),
        InformationalOnly => t["reason.informational"],
        TypeMismatch x => t.Format("reason.type_mismatch", ("expected", x.Expected), ("got", x.Got)),
        EvaluationError x => t.Format("reason.evaluation_error", ("detail", x.Detail)),
        Attested a => (a.Date is { } d
                          ? t.Format("reason.attested_on", ("assessor", a.Assessor), ("date", Date(d)), ("status", t.Outcome(a.Status)), ("justification", a.Justification))
                          : t.Format("reason.attested", ("assessor", a.Assessor), ("status", t.Outcome(a.Status)), ("justification", a.Justification)))
                      + (a.EvidenceReference.Length > 0 ? t.Format("reason.attested_evidence", ("evidence", a.EvidenceReference)) : ""),
        ProvenanceNotMet p => t.Format("reason.provenance_not_met",
            ("required", string.Join(t["provenance.or"], p.Required.Accepted.Select(t.Provenance))),
            ("facts", string.Join(t.IsChinese ? "；" : "; ", p.Facts.Select(f => t.Fact(f)).Distinct())),
            ("was", t.Outcome(p.Was)), ("was_reason", t.Reason(p.WasReason))),
        Waived w => t.Format("reason.waived", ("justification", w.Justification), ("approver", w.ApprovedBy), ("expires", Date(w.Expires)),
            ("was", t.Outcome(w.Was)), ("was_reason", t.Reason(w.WasReason))),
        _ => reason.GetType().Name,
    };

    public static string Provenance(this ReportTexts t, Provenance p) => t["provenance." + p.Name()];

    /// <summary>One fact a row read, its provenance and document, and why the document's word was set aside.</summary>
    public static string Fact(this ReportTexts t, FactProvenance f) => f.Why is null
        ? t.Format("reason.provenance_fact", ("path", f.Path), ("provenance", t.Provenance(f.Provenance)), ("document", f.Document))
        : t.Format("reason.provenance_fact_why", ("path", f.Path), ("provenance", t.Provenance(f.Provenance)), ("document", f.Document), ("why", f.Why));

    /// <summary>A row's provenance as a report shows it: its kinds, strongest first ("declared only" for an automatic row
    /// resting on the vendor's word alone), then each document whose seal set its word aside.</summary>
    public static string RowProvenance(this ReportTexts t, ItemResult r)
    {
        var text = r.Automated && r.Provenance.DeclaredOnly ? t["provenance.declared_only"]
            : string.Join(t.IsChinese ? "、" : ", ", r.Provenance.Kinds.Select(t.Provenance));
        foreach (var note in r.Provenance.Notes) text += "\n" + t.Seal(note);
        return text;
    }

    public static string Seal(this ReportTexts t, ProvenanceNote n) => t.Format(n.Seal switch
    {
        SealState.Missing => "seal.missing",
        SealState.Broken => "seal.broken",
        SealState.Malformed => "seal.malformed",
        SealState.Untrusted => "seal.untrusted",
        _ => "seal.other",
    }, ("document", n.Document), ("detail", n.Detail));

    public static string DeclaredOnly(this ReportTexts t, OutcomeCounts c) => t.Format("provenance.declared_only_counts",
        ("total", c.Total), ("pass", c[Rules.Runtime.Outcome.Pass]), ("fail", c[Rules.Runtime.Outcome.Fail]), ("error", c[Rules.Runtime.Outcome.Error]));

    public static string Finding(this ReportTexts t, Finding f) => t.Format("finding." + f.Name,
        ("first", f.First), ("second", f.Second), ("document", f.Documents[0]), ("other", f.Documents[1]));

    /// <summary>A row's score as a report shows it: the number for a counted row, "not counted" for the others (a waived,
    /// not-applicable or unjudged row is excluded from the score, never a silent 0).</summary>
    public static string RowScore(this ReportTexts t, ItemResult r) =>
        Reports.ResultsDocument.Counted(r.Outcome) ? r.Score.ToString("0.00", CultureInfo.InvariantCulture) : t["score.not_counted"];
}
