using System.Globalization;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Rules.Runtime;

/// <summary>Reasons in words, as the results' <c>message</c> and every report show them: one place, each kind a catalog
/// message (<see cref="Msg"/>), rendered in Chinese or English.</summary>
public static class ReasonText
{
    public static string Render(Reason reason, Lang lang = Lang.En) => Of(reason).Render(lang);

    /// <summary>The reason as a message with its arguments, to render in any language. <paramref name="why"/> words why a
    /// fact's provenance was set aside where the caller knows more than the results' English text (a report, from the
    /// row's seal findings); null, or null for a fact, keeps that text.</summary>
    public static ILocalized Of(Reason reason, Func<FactProvenance, ILocalized?>? why = null) => reason switch
    {
        Passed => Localized.Empty,
        Failed f => Localized.Concat(
            f.First is { } e ? Msg.ReasonEvidence.With(e.Expression, e.ActualText, e.ExpectedText) : Msg.ReasonFailed.Text,
            f.AlsoMissing.Count == 0 ? Localized.Empty : Msg.ReasonAlsoMissing.With(FactList(f.AlsoMissing))),
        PartialCredit p => Msg.ReasonPartial.With(Ops.Format(p.Score)),
        MissingEvidence m => m.Clause is null ? Msg.ReasonMissing.With(FactList(m.Facts)) : Msg.ReasonMissingIn.With(FactList(m.Facts), m.Clause),
        NotApplicable n => n.Because is { } because ? Msg.ReasonNotApplicableBecause.With(n.BecauseWords ?? (object)because) : Msg.ReasonNotApplicable.With(n.Condition),
        DeclaredNotApplicable d => Msg.ReasonDeclaredNotApplicable.With(d.Fact, d.Because),
        NotApplicableUnconfirmed u => (u.Held ? Msg.ReasonNotApplicableHeld : Msg.ReasonNotApplicableUnconfirmed).With(u.Fact, u.Because, u.Document, u.JsonPath),
        EmptyForeach { Because: { } fine } e => Msg.ReasonEmptyListFine.With(e.List, fine),
        EmptyForeach e => Msg.ReasonEmptyList.With(e.List),
        Disabled d => Msg.ReasonDisabled.With(d.Because),
        ManualRequired m => Msg.ReasonManual.With(m.Guidance),
        InformationalOnly => Msg.ReasonInformational.Text,
        JudgmentNotTaken j => Msg.ReasonJudgmentNotTaken.With(j.Why.Document, j.Judgment.Assessor, new OutcomeName(j.Judgment.Status), NotTaken(j.Why), j.Guidance),
        TypeMismatch t => Msg.ReasonTypeMismatch.With(t.Expected, t.Got),
        EvaluationError e => Localized.Verbatim(e.Detail),
        Attested a => Msg.ReasonAttested.With(new OutcomeName(a.Status), a.Assessor,
            a.Date is { } d ? Msg.ReasonAttestedOn.With(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : Localized.Empty,
            a.Justification, a.EvidenceReference.Length > 0 ? Msg.ReasonEvidenceRef.With(a.EvidenceReference) : Localized.Empty),
        Waived w => Msg.ReasonWaived.With(w.ApprovedBy, w.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Justification,
            new OutcomeName(w.Was), Of(w.WasReason, why)),
        ProvenanceNotMet p => Msg.ReasonProvenanceNotMet.With(new Alternatives([.. p.Required.Accepted]),
            Localized.Groups(p.Facts.GroupBy(f => (f.Document, f.Provenance, f.Why, f.SourcesKey)).Select(g => Facts([.. g], why))),
            Of(p.WasReason, why) is var was && was.Render(Lang.En).Length > 0 ? Msg.ReasonWasBecause.With(new OutcomeName(p.Was), was) : new OutcomeName(p.Was)),
        Contradicted c => Msg.ReasonContradicted.With(c.Finding.Text(),
            Of(c.WasReason, why) is var was && was.Render(Lang.En).Length > 0 ? Msg.ReasonWasBecause.With(new OutcomeName(c.Was), was) : new OutcomeName(c.Was)),
        _ => Localized.Verbatim(reason.GetType().Name),
    };

    /// <summary>Why a judgment's document is not vouched for, by its seal's state.</summary>
    static ILocalized NotTaken(ProvenanceNote why) => why.Seal switch
    {
        SealState.Broken => Msg.JudgmentDocumentBroken.With(why.Detail),
        SealState.Malformed => Msg.JudgmentDocumentUnreadable.With(why.Detail),
        SealState.Untrusted => Msg.JudgmentDocumentUntrusted.With(why.Detail),
        _ => Msg.JudgmentDocumentUnsealed.With(why.Detail),
    };

    /// <summary>Missing facts as a reason lists them, each once: ", " between them (Chinese "；", as the scorecard lists them).</summary>
    public static ILocalized FactList(IReadOnlyList<Missing> facts) => new MissingFacts(facts);

    /// <summary>Facts a row read from one document, of one provenance and one why (<c>a, b are declared (doc: why)</c>), as a
    /// provenance reason and a report's list of the row's facts word them; with the artefacts the document says they were
    /// taken from (<c>…, taken from train.log (SHA-256 …)</c>), as the first fact's <see cref="FactProvenance.Sources"/>
    /// (callers group by them).</summary>
    public static ILocalized Facts(IReadOnlyList<FactProvenance> facts, Func<FactProvenance, ILocalized?>? why = null)
    {
        var f = facts[0];
        ILocalized where = f.Why is null ? Localized.Verbatim(f.Document) : Msg.ReasonInDocument.With(f.Document, why?.Invoke(f) ?? Why(f.Why));
        if (f.Sources.Count > 0)
            where = Msg.ReasonTakenFrom.With(where, Localized.AndList(f.Sources.Select(s => (ILocalized)Msg.ReasonSourceFile.With(s.Path, s.Sha256))));
        return (facts.Count == 1 ? Msg.ReasonProvenanceFact : Msg.ReasonProvenanceFacts).With(Localized.Items(facts.Select(x => x.Path)), Msg.ProvenanceWord(f.Provenance).Text, where);
    }

    /// <summary>Why a document's word was set aside: its fact_provenance (worded in each language), or the seal's words.</summary>
    static ILocalized Why(string why) => why == FactProvenance.OverriddenInDocument ? Msg.WhyOverriddenInDocument.Text : Localized.Verbatim(why);

    /// <summary>An outcome in a reason: in English its name as results files write it (<c>was pass</c>), in Chinese the
    /// reports' outcome word (<see cref="Msg.OutcomeWord"/>).</summary>
    sealed record OutcomeName(Outcome Outcome) : ILocalized
    {
        public string Render(Lang lang) => lang == Lang.En ? Outcome.Name() : Msg.OutcomeWord(Outcome).Text.Render(lang);
    }

    sealed record MissingFacts(IReadOnlyList<Missing> Facts) : ILocalized
    {
        public string Render(Lang lang) => string.Join(lang == Lang.Zh ? "；" : ", ", Facts.Select(m => m.Describe(lang)).Distinct());
    }

    /// <summary>"measured or imported" (as <see cref="ProvenanceRequirement.Describe"/>), Chinese "实测或导入".</summary>
    sealed record Alternatives(IReadOnlyList<Provenance> Kinds) : ILocalized
    {
        public string Render(Lang lang) => string.Join(lang == Lang.Zh ? "或" : " or ", Kinds.Select(k => Msg.ProvenanceWord(k).Text.Render(lang)));
    }
}
