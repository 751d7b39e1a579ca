namespace Iq.Rules.Model;

/// <summary>How a fact was obtained (DESIGN.md, Provenance), strongest first: <c>measured</c> by iq on the host (a probe,
/// a hash, a baseline or model run, a log analysis), <c>imported</c> from another tool's output (an SBOM generator, JUnit,
/// a scanner), <c>reviewed</c> by an assessor (an attestation), <c>declared</c> by the vendor (the plan, a description, a
/// claim, a number typed in). The order is the order reports list them in; it is not a ranking a requirement may use:
/// <c>requires</c> names the provenances it accepts.</summary>
public enum Provenance { Measured, Imported, Reviewed, Declared }

public static class ProvenanceNames
{
    public static readonly IReadOnlyList<string> All = Enum.GetValues<Provenance>().Select(Name).ToList();

    public static string Name(this Provenance p) => LowerNames<Provenance>.Of(p);

    public static Provenance? Parse(string? s) =>
        s is null ? null : Enum.GetValues<Provenance>().Cast<Provenance?>().FirstOrDefault(p => p!.Value.Name() == s);
}

/// <summary>One provenance a document gives to the facts at and below <see cref="Path"/>, a fact path as the checklist
/// writes it with list and map indices as <c>[]</c> (<c>rollback.duration</c>, <c>baseline.concurrency[].p99</c>).</summary>
public sealed record ProvenanceOverride(string Path, Provenance Provenance);

/// <summary><c>requires measured [or imported …] [PATH, …]</c>: the provenances an item accepts for the facts it names
/// (all the facts it reads when it names none). A row whose facts are of another provenance is <c>error</c>.</summary>
public sealed record ProvenanceRequirement(IReadOnlyList<Provenance> Accepted, IReadOnlyList<string> Paths)
{
    public string Describe() => string.Join(" or ", Accepted.Select(a => a.Name()));
}

/// <summary>A fact path an item reads, its provenance, the document it came from and why it has that provenance when the
/// document's own word was set aside (a seal missing or broken).</summary>
public sealed record FactProvenance(string Path, Provenance Provenance, string Document, string? Why = null)
{
    /// <summary>The <see cref="Why"/> of a fact whose provenance the document's <c>fact_provenance</c> sets apart from its own.</summary>
    public const string OverriddenInDocument = "fact_provenance in the document";

    /// <summary>The artefacts the document says the fact was taken from (its <c>sources</c> that name the fact): the vendor's
    /// training log a loss was read from, with the SHA-256 of the bytes read. Empty when the document names none.</summary>
    public IReadOnlyList<FactSource> Sources { get; init; } = [];

    /// <summary>The row only guards on this fact (a presence test, its <c>when</c>): it does not compare it, so the fact
    /// does not decide whether the row is declared only (which log iq read is measured; the losses in it are not).</summary>
    public bool Guard { get; init; }

    /// <summary>The sources as one key, for grouping facts that were taken from the same artefacts.</summary>
    public string SourcesKey => Sources.Count == 0 ? "" : string.Join("\n", Sources.Select(s => s.Path + " " + s.Sha256));
}

/// <summary>An artefact facts were taken from, by its path and the SHA-256 of its bytes as read.</summary>
public sealed record FactSource(string Path, string Sha256);

/// <summary>Why a document's word on provenance was set aside, or only noted: its seal.</summary>
public enum SealState
{
    /// <summary>Sealed, the hash matches, and (with trusted keys given) signed by one of them.</summary>
    Intact,
    /// <summary>No seal beside a document that claims facts iq measured or imported.</summary>
    Missing,
    /// <summary>The document's bytes are not the ones sealed: it was edited after iq wrote it.</summary>
    Broken,
    /// <summary>The seal itself cannot be read.</summary>
    Malformed,
    /// <summary>Trusted keys were given, and the seal is unsigned or signed by none of them, or its signature is bad.</summary>
    Untrusted,
    /// <summary>A declared document with no seal: nothing to check, nothing lost.</summary>
    NotNeeded,
}

/// <summary>A document whose seal set its provenance aside (or, for a declared document, whose seal is broken): shown on
/// every row resting on it.</summary>
public sealed record ProvenanceNote(string Document, SealState Seal, string Detail)
{
    /// <summary>The check's finding as data, for reports to word in their language (null in results written before it).</summary>
    public SealReason? Reason { get; init; }

    /// <summary>Why the document's facts count as declared, without the document's name.</summary>
    public string Why() => Seal switch
    {
        SealState.Missing => $"not sealed ({Detail})",
        SealState.Broken => $"seal broken ({Detail})",
        SealState.Malformed => $"seal unreadable ({Detail})",
        _ => Detail,
    };

    public string Describe() => Text().Render(Messages.Lang.En);

    /// <summary>The note as a catalog message, for Chinese or English; <paramref name="finding"/> words the check's finding
    /// in the output's language (from <see cref="Reason"/>) where the caller can, else the English detail stands.</summary>
    public Messages.MessageText Text(string? finding = null) => Seal switch
    {
        SealState.Missing => Messages.Msg.SealNoteMissing.With(Document, finding ?? Detail),
        SealState.Broken => Messages.Msg.SealNoteBroken.With(Document, finding ?? Detail),
        SealState.Malformed => Messages.Msg.SealNoteMalformed.With(Document, finding ?? Detail),
        SealState.Untrusted => Messages.Msg.SealNoteUntrusted.With(Document, finding ?? Detail),
        _ => Messages.Msg.SealNoteOther.With(Document, finding ?? Detail),
    };
}

/// <summary>What checking a seal found, as data: <see cref="SealCheck"/>'s English detail stays for the console and the
/// results file; reports word this in their own language (scoring/Text/report-messages.yaml, <c>seal.cause.*</c>).</summary>
public enum SealCause
{
    /// <summary>No seal beside a document that claims measured or imported facts.</summary>
    NoSeal,
    /// <summary>A declared document with no seal.</summary>
    NotNeeded,
    /// <summary>The seal cannot be read, or seals another file (<see cref="SealReason.Problem"/>).</summary>
    Unreadable,
    /// <summary>The document's SHA-256 is not the one sealed.</summary>
    Changed,
    /// <summary>The seal's signature does not verify with the trusted key of its key id.</summary>
    SignatureInvalid,
    /// <summary>Trusted keys were given and the seal is not signed.</summary>
    Unsigned,
    /// <summary>Trusted keys were given and the seal's key is none of them.</summary>
    KeyNotTrusted,
    /// <summary>Intact, not signed, no trusted keys given: the hash matches.</summary>
    HashOnly,
    /// <summary>Intact and signed, but no trusted key given to check the signature with.</summary>
    SignatureNotChecked,
    /// <summary>Intact and signed by a trusted key, the signature verified.</summary>
    SignatureVerified,
}

/// <summary>A seal check's finding with its values: who sealed (tool, host, time, from the seal), the signing key's id, the
/// trusted key file that verified it, the hashes that differ, or what is wrong with the seal.</summary>
public sealed record SealReason(SealCause Cause)
{
    public string? Tool { get; init; }
    public string? Host { get; init; }
    /// <summary>When sealed, as the seal writes it (ISO 8601, UTC).</summary>
    public string? SealedAt { get; init; }
    /// <summary>The signing key's id (SHA-256 of its SubjectPublicKeyInfo, hex), when the seal is signed.</summary>
    public string? KeyId { get; init; }
    /// <summary>The trusted key file the signature was checked with.</summary>
    public string? Key { get; init; }
    /// <summary>The document's SHA-256 as read, and the one its seal gives (for <see cref="SealCause.Changed"/>).</summary>
    public string? Sha256 { get; init; }
    public string? SealedSha256 { get; init; }
    /// <summary>What is wrong with an unreadable seal, or which file the seal is missing beside (as the checker said it).</summary>
    public string? Problem { get; init; }

    /// <summary>Sealed and its bytes unchanged: verified (by hash, and by signature when a trusted key was given).</summary>
    public bool Sealed => Cause is SealCause.HashOnly or SealCause.SignatureNotChecked or SealCause.SignatureVerified;
}

/// <summary>The provenance of the facts a result row rests on: the distinct provenances, strongest first, each fact read
/// with its own, and the notes of documents whose seal set their word aside. <see cref="DeclaredOnly"/>: an automatic
/// row decided on the vendor's word alone: every fact it compares is declared (its guards aside, <see cref="FactProvenance.Guard"/>).</summary>
public sealed record RowProvenance(IReadOnlyList<Provenance> Kinds, IReadOnlyList<FactProvenance> Facts, IReadOnlyList<ProvenanceNote> Notes)
{
    public static readonly RowProvenance None = new([], [], []);

    public bool DeclaredOnly => Facts.Any(f => !f.Guard) ? Facts.Where(f => !f.Guard).All(f => f.Provenance == Provenance.Declared)
        : Kinds.Count > 0 && Kinds.All(k => k == Provenance.Declared);

    public static RowProvenance Of(IEnumerable<FactProvenance> facts, IEnumerable<ProvenanceNote> notes)
    {
        var list = facts.ToList();
        return new RowProvenance(list.Select(f => f.Provenance).Distinct().Order().ToList(), list, notes.Distinct().ToList());
    }
}
