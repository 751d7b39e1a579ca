namespace Iq.Rules.Runtime;

/// <summary>Why a result row came out as it did, as data: a kind (the record type) and its arguments. Reports render
/// it to text at the edge (<see cref="ReasonText"/>); a translation renders the same kinds in another language.</summary>
public abstract record Reason
{
    public static readonly Reason None = new Passed();
}

/// <summary>Every condition held.</summary>
public sealed record Passed : Reason;

/// <summary>A condition did not hold: the first piece of evidence against it, and any facts also missing.</summary>
public sealed record Failed(Evidence? First, IReadOnlyList<Missing> AlsoMissing) : Reason;

/// <summary>A <c>score</c> below 1 on an item with no <c>expect</c>.</summary>
public sealed record PartialCredit(double Score) : Reason;

/// <summary>Facts the item needs are missing; <see cref="Clause"/> names the clause that read them when it is not
/// <c>expect</c> (<c>when</c>).</summary>
public sealed record MissingEvidence(IReadOnlyList<Missing> Facts, string? Clause = null) : Reason;

/// <summary>The item's <c>when</c> condition is false; <see cref="Because"/> is the checklist's reason
/// (<c>when … because "…"</c>), rendered for the row in English; <see cref="BecauseWords"/> the same with iq's words in its
/// holes (a value that is missing) as messages, to word in a report's language, null when it has none.</summary>
public sealed record NotApplicable(string Condition, string? Because = null) : Reason
{
    public Messages.MixedText? BecauseWords { get; init; }
}

/// <summary>A document says a fact the item rests on does not apply (the plan's <c>{"not_applicable": "why"}</c>).</summary>
public sealed record DeclaredNotApplicable(string Fact, string Because) : Reason;

/// <summary>A <see cref="DeclaredNotApplicable"/> on the vendor's word alone: the document that says the fact does not apply
/// (<see cref="Document"/>, at <see cref="JsonPath"/>) gives it as declared (the plan), and no assessor's judgment that the
/// audit takes confirms it. <see cref="Held"/>: a shall row, which a lab cannot sign as taken out of the score on the vendor's
/// word, stays to judge (<c>notchecked</c>); a should or may row stays not applicable, saying that nobody confirmed it.</summary>
public sealed record NotApplicableUnconfirmed(string Fact, string Because, string Document, string JsonPath, bool Held) : Reason;

/// <summary>A <c>foreach</c> item over an empty list: missing evidence (the requirement needs entries), unless the
/// checklist says why an empty list is fine (<see cref="Because"/>, from <c>empty notapplicable "…"</c>).</summary>
public sealed record EmptyForeach(string List, string? Because = null) : Reason;

/// <summary>Tailoring disabled the item, or its section.</summary>
public sealed record Disabled(string Because) : Reason;

/// <summary>A person judges the item; no one has yet.</summary>
public sealed record ManualRequired(string Guidance) : Reason;

/// <summary>A manual item judged in the bundle's attestations document, which the lab does not vouch for (<see cref="Why"/>:
/// the document not sealed, its seal broken or unreadable, or not signed by a trusted key): anyone can write that document
/// with any assessor's name, so the row stays to judge (<c>notchecked</c>), the judgment shown but not taken.</summary>
public sealed record JudgmentNotTaken(string Guidance, Attested Judgment, Model.ProvenanceNote Why) : Reason;

/// <summary>The item records values without a verdict.</summary>
public sealed record InformationalOnly : Reason;

/// <summary>A value of the wrong type where the checklist's types could not promise one (an <c>any</c> fact).</summary>
public sealed record TypeMismatch(string Expected, string Got) : Reason;

/// <summary>A condition could not be decided for another reason (a type an <c>any</c> fact did not meet, a regex
/// timeout, a script that failed); the detail is the evaluator's.</summary>
public sealed record EvaluationError(string Detail) : Reason;

/// <summary>An assessor's judgment of a manual item.</summary>
public sealed record Attested(Outcome Status, string Assessor, DateTimeOffset? Date, string Justification, string EvidenceReference) : Reason;

/// <summary>A waiver excused the row: who approved it, until when, why, and what the row was before.</summary>
public sealed record Waived(string ApprovedBy, DateTimeOffset Expires, string Justification, Outcome Was, Reason WasReason) : Reason;

/// <summary>The item requires facts of a provenance (<c>requires measured …</c>) and rests on others: the row is an error,
/// whatever its conditions gave (<see cref="Was"/>, <see cref="WasReason"/>).</summary>
public sealed record ProvenanceNotMet(Model.ProvenanceRequirement Required, IReadOnlyList<Model.FactProvenance> Facts, Outcome Was, Reason WasReason) : Reason;

/// <summary>The bundle's documents disagree about the evidence the row rests on (<see cref="Model.Finding"/>: tests or a
/// baseline finished before the installation ended, a document from another host): a row that passed on it is an error,
/// keeping what it was (<see cref="Was"/>, <see cref="WasReason"/>), since that evidence does not speak for the installed system.</summary>
public sealed record Contradicted(Model.Finding Finding, Outcome Was, Reason WasReason) : Reason;
