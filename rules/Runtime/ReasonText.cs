using System.Globalization;
using Iq.Rules.Model;

namespace Iq.Rules.Runtime;

/// <summary>Reasons in words (English), as the results' <c>message</c> and every report show them. One place, so a
/// translation is one more renderer of the same kinds.</summary>
public static class ReasonText
{
    public static string Render(Reason reason) => reason switch
    {
        Passed => "",
        Failed f => (f.First is { } e ? $"{e.Expression}: actual {e.Actual}, expected {e.Expected}" : "failed")
                    + (f.AlsoMissing.Count == 0 ? "" : "; also missing evidence: " + Facts(f.AlsoMissing)),
        PartialCredit p => $"partial: score {Ops.Format(p.Score)}",
        MissingEvidence m => "missing evidence: " + Facts(m.Facts) + (m.Clause is null ? "" : $" (in '{m.Clause}')"),
        NotApplicable n => n.Because is { } because ? $"not applicable: {because}" : $"not applicable: {n.Condition} is false",
        DeclaredNotApplicable d => $"not applicable: {d.Fact}: \"{d.Because}\" (declared in the document)",
        EmptyForeach { Because: { } fine } e => $"not applicable: {e.List} is empty: {fine}",
        EmptyForeach e => $"missing evidence: {e.List} is an empty list; the requirement needs at least one entry",
        Disabled d => $"disabled by tailoring: {d.Because}",
        ManualRequired m => "manual judgment required: " + m.Guidance,
        InformationalOnly => "informational",
        TypeMismatch t => $"type mismatch: {t.Expected}, got {t.Got}",
        EvaluationError e => e.Detail,
        Attested a => $"attested {a.Status.Name()} by {a.Assessor}"
                      + (a.Date is { } d ? " on " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
                      + $": {a.Justification}" + (a.EvidenceReference.Length > 0 ? $" (evidence: {a.EvidenceReference})" : ""),
        Waived w => $"waived by {w.ApprovedBy} until {w.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {w.Justification} "
                    + $"(was {w.Was.Name()}: {Render(w.WasReason)})",
        ProvenanceNotMet p => $"{p.Required.Describe()} evidence required: "
                              + string.Join("; ", p.Facts.GroupBy(f => (f.Document, f.Provenance, f.Why)).Select(g =>
                                  $"{string.Join(", ", g.Select(f => f.Path))} {(g.Count() == 1 ? "is" : "are")} {g.Key.Provenance.Name()} " +
                                  $"({g.Key.Document}{(g.Key.Why is null ? "" : ": " + g.Key.Why)})"))
                              + $" (was {p.Was.Name()}{(Render(p.WasReason) is { Length: > 0 } was ? ": " + was : "")})",
        _ => reason.GetType().Name,
    };

    static string Facts(IReadOnlyList<Missing> facts) => string.Join(", ", facts.Select(m => m.Describe()).Distinct());
}
