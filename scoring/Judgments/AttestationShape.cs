using Iq.Rules.Binding;

namespace Iq.Scoring.Judgments;

/// <summary>
/// What a judgment records, declared once: the attestations fact kind's schema (FactSchema, iq schema attestations)
/// and the YAML/CSV readers' fields and required fields are derived from it.
/// </summary>
public static class AttestationShape
{
    public static readonly ObjectType Item = new("attestation",
    [
        new("item", IqType.String, "item id (or a foreach row id)", Required: true),
        new("status", IqType.String, "pass, fail or notapplicable", Required: true),
        new("assessor", IqType.String, "who judged; required: a judgment is a signed record, refused without it", Required: true),
        new("date", IqType.Date, "when; required, as the assessor", Required: true),
        new("justification", IqType.String, "why; a notapplicable judgment needs a reason here, as a model description's not_applicable does (\"n/a\", \"无\" or blank is refused)"),
        new("evidence", IqType.String, "where the evidence is (document, record, photo)"),
    ]);

    public static readonly IReadOnlyList<string> Fields = [.. Item.Members.Select(m => m.Name)];

    public static readonly IReadOnlyList<string> RequiredFields = [.. Item.Members.Where(m => m.Required).Select(m => m.Name)];
}
