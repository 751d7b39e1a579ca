using System.Globalization;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Text;

/// <summary>Typed values of the results in a report's language: outcomes, levels, reasons, missing evidence, the verdict's
/// basis and the formula. The English results file keeps its own words (<see cref="ReasonText"/>); reports use these.</summary>
public static class ReportWords
{
    /// <summary>The report's language, for the texts that carry their own words in both (evidence, fact reasons).</summary>
    public static Iq.Rules.Messages.Lang Lang(this ReportTexts t) => t.IsChinese ? Iq.Rules.Messages.Lang.Zh : Iq.Rules.Messages.Lang.En;

    /// <summary>The outcome's word (rules/Messages, <see cref="Iq.Rules.Messages.Msg.OutcomeWord"/>): the console's and explain's too.</summary>
    public static string Outcome(this ReportTexts t, Outcome o) => Iq.Rules.Messages.Msg.OutcomeWord(o).Text.Render(t.Lang());
    public static string Level(this ReportTexts t, Level l) => t["level." + l.ToString().ToLowerInvariant()];
    public static string Method(this ReportTexts t, bool automated) => t[automated ? "method.automatic" : "method.manual"];
    public static string Verdict(this ReportTexts t, Verdict v) => t["verdict." + v.ToString().ToLowerInvariant()];
    public static string Kind(this ReportTexts t, string kind) => t.Or("kind." + kind, kind);
    public static string Date(DateTimeOffset d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Number(double d) => Scorer.Format(d);

    public static string Origin(this ReportTexts t, string origin) =>
        t.Catalog_Has("origin." + origin) ? t["origin." + origin] : t.Format("origin.other", ("origin", origin));

    static bool Catalog_Has(this ReportTexts _, string key) => ReportTexts.Catalog.ContainsKey(key);

    /// <summary>A scoring model by name: in Chinese its name and its id in parentheses, in English its id.</summary>
    public static string Model(this ReportTexts t, string model) => t.Or("model." + model, model);

    public static string Formula(this ReportTexts t, string model) =>
        (ReportTexts.Catalog.ContainsKey("formula." + model) ? t["formula." + model] : t["formula.weighted"]) + t["formula.counted"];

    /// <summary>The verdict's basis in the console's words (<see cref="VerdictBasis.Text"/>): one wording in every report.</summary>
    public static string Basis(this ReportTexts t, VerdictBasis b) => b.Text().Render(t.Lang());

    /// <summary>Why a row came out as it did, in the report's language: the results' message (<see cref="ReasonText"/>, the
    /// one declaration of a reason's words, rules/Messages), with why a document's word was set aside worded from the row's
    /// seal findings (<paramref name="notes"/>) where the results hold them.</summary>
    public static string Reason(this ReportTexts t, Reason reason, IReadOnlyList<ProvenanceNote>? notes = null) =>
        ReasonText.Of(reason, SealWhy(notes)).Render(t.Lang());

    public static string Provenance(this ReportTexts t, Provenance p) => Iq.Rules.Messages.Msg.ProvenanceWord(p).Text.Render(t.Lang());

    /// <summary>Facts of one provenance and document (and why, when its word was set aside) in one phrase: "env.cpu.cores,
    /// env.memory.total are measured (environment.json)".</summary>
    public static ILocalized Facts(IReadOnlyList<FactProvenance> facts, IReadOnlyList<ProvenanceNote>? notes = null) =>
        ReasonText.Facts(facts, SealWhy(notes));

    /// <summary>The facts a row rests on, a phrase per provenance, document and why ("env.cpu.logical_cores is measured
    /// (environment.json)"): the one grouping the console's --verbose "from:" lines, the HTML report's evidence and the
    /// scorecard's facts column all show.</summary>
    public static IReadOnlyList<ILocalized> FactLines(ItemResult r) =>
        r.Provenance.Facts.GroupBy(f => (f.Provenance, f.Document, f.Why, f.SourcesKey)).Select(g => Facts(g.ToList(), r.Provenance.Notes)).ToList();

    /// <summary><see cref="FactLines"/> in the report's language, one line each.</summary>
    public static string FactsRead(this ReportTexts t, ItemResult r) => string.Join("\n", FactLines(r).Select(l => l.Render(t.Lang())));

    /// <summary>Why a document's word was set aside, from the seal check's finding on it: null where the row's notes say
    /// nothing of it (the results' text then stands).</summary>
    static Func<FactProvenance, ILocalized?>? SealWhy(IReadOnlyList<ProvenanceNote>? notes) => notes is not { Count: > 0 } ? null : f =>
        notes.FirstOrDefault(n => n.Document == f.Document && n.Reason is not null && n.Why() == f.Why) is { Reason: { } reason } note
            ? new Worded(t => t.Format("seal.why." + StateName(note.Seal), ("detail", t.SealFinding(reason))))
            : null;

    /// <summary>Report words (report-messages.yaml) as text a reason renders in its language.</summary>
    sealed record Worded(Func<ReportTexts, string> Text) : ILocalized
    {
        public string Render(Iq.Rules.Messages.Lang lang) => Text(ReportTexts.For(lang.Name()));
    }

    /// <summary>A row's provenance as a report shows it: its kinds, strongest first ("declared only" for an automatic row
    /// resting on the vendor's word alone), then each document whose seal set its word aside.</summary>
    public static string RowProvenance(this ReportTexts t, ItemResult r)
    {
        var text = r.Automated && r.Provenance.DeclaredOnly ? t["provenance.declared_only"]
            : string.Join(t.IsChinese ? "、" : ", ", r.Provenance.Kinds.Select(t.Provenance));
        foreach (var note in r.Provenance.Notes) text += "\n" + t.Seal(note);
        return text;
    }

    /// <summary>A document whose seal set its word aside, and why, in the report's language (the English detail only for
    /// results written before seals carried their reason).</summary>
    public static string Seal(this ReportTexts t, ProvenanceNote n) => t.Format("seal." + StateName(n.Seal),
        ("document", n.Document), ("detail", n.Reason is { } reason ? t.SealFinding(reason) : n.Detail));

    static string StateName(SealState s) => s switch
    {
        SealState.Missing => "missing",
        SealState.Broken => "broken",
        SealState.Malformed => "malformed",
        SealState.Untrusted => "untrusted",
        _ => "other",
    };

    /// <summary>An input's seal status as the inputs tables show it: sealed and verified, sealed but changed, not sealed,
    /// unreadable, not trusted; "not a fact document" for judgment and waiver files.</summary>
    public static string SealStatus(this ReportTexts t, InputSeal? seal) => t["seal.status." + (seal?.Reason?.Cause switch
    {
        null when seal is null => "none",
        SealCause.SignatureVerified or SealCause.SignatureNotChecked or SealCause.HashOnly => "verified",
        SealCause.Changed or SealCause.SignatureInvalid => "changed",
        SealCause.NoSeal or SealCause.NotNeeded => "not_sealed",
        SealCause.Unsigned or SealCause.KeyNotTrusted => "untrusted",
        SealCause.Unreadable => "unreadable",
        _ => seal!.State switch
        {
            SealState.Intact => "verified",
            SealState.Broken => "changed",
            SealState.Missing or SealState.NotNeeded => "not_sealed",
            SealState.Untrusted => "untrusted",
            _ => "unreadable",
        },
    })];

    /// <summary>What the seal check found, with its values, in the report's language (<c>seal.cause.*</c>).</summary>
    public static string SealFinding(this ReportTexts t, SealReason r)
    {
        var key = "seal.cause." + Reports.ProvenanceJson.CauseName(r.Cause);
        // Hashes shortened as the console shows them (the SHA-256 column has the document's in full); placeholders are
        // letters and underscores, so the hashes go in as {hash} and {sealed_hash}.
        var values = Reports.ProvenanceJson.SealValues(r).Select(v => v.Name switch
            {
                "sha256" => (Name: "hash", Value: Short(v.Value)),
                "sealed_sha256" => (Name: "sealed_hash", Value: Short(v.Value)),
                _ => (Name: v.Name, Value: (object?)(v.Value ?? "—")),
            })
            .Append((Name: "by", Value: r.Tool is null ? "" : t.Format("seal.by", ("tool", r.Tool), ("host", r.Host), ("sealed_at", r.SealedAt))));
        var wanted = Message.Placeholders(t.Template(key));
        return t.Format(key, values.Where(v => wanted.Contains(v.Name)).ToArray());
    }

    static object? Short(string? hash) => hash is { Length: > 12 } ? hash[..12] + "…" : hash ?? "—";

    /// <summary>What the report was rendered from, in the report's language (Msg.Source*, declared once with the console's).</summary>
    public static string Source(this ReportTexts t, Reports.ReportSource s) => s.Text().Render(t.Lang());

    /// <summary>The label before it ("报告依据" / "Rendered from").</summary>
    public static string SourceLabel(this ReportTexts t) => Msg.SourceLabel.Text.Render(t.Lang());

    /// <summary>An input's seal in full for the inputs tables: what the check found, in the report's language.</summary>
    public static string SealDetail(this ReportTexts t, InputSeal? seal) =>
        seal is null ? "" : seal.Reason is { } r ? t.SealFinding(r) : seal.Detail;

    public static string DeclaredOnly(this ReportTexts t, OutcomeCounts c) => t.Format("provenance.declared_only_counts",
        ("total", c.Total), ("counts", c.Breakdown().Render(t.Lang())));

    /// <summary>After a part's expected side: that it did not decide the outcome (<see cref="Iq.Rules.Runtime.Evidence.Decides"/>).</summary>
    public static string NotDeciding(this ReportTexts t, Iq.Rules.Runtime.Evidence e) =>
        e.Decides ? "" : Iq.Rules.Messages.Msg.EvidenceNotDeciding.Text.Render(t.Lang());

    public static string Finding(this ReportTexts t, Finding f) => f.Text().Render(t.Lang());

    /// <summary>A row's score as a report shows it: the number for a counted row, "not counted" for the others (a waived,
    /// not-applicable or unjudged row is excluded from the score, never a silent 0).</summary>
    public static string RowScore(this ReportTexts t, ItemResult r) =>
        Reports.ResultsDocument.Counted(r.Outcome) ? r.Score.ToString("0.00", CultureInfo.InvariantCulture) : t["score.not_counted"];
}
