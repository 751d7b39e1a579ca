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

    public static string Name(this Provenance p) => p.ToString().ToLowerInvariant();

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
public sealed record FactProvenance(string Path, Provenance Provenance, string Document, string? Why = null);

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
    /// <summary>Why the document's facts count as declared, without the document's name.</summary>
    public string Why() => Seal switch
    {
        SealState.Missing => $"not sealed ({Detail})",
        SealState.Broken => $"seal broken ({Detail})",
        SealState.Malformed => $"seal unreadable ({Detail})",
        _ => Detail,
    };

    public string Describe() => Seal switch
    {
        SealState.Missing => $"{Document}: not sealed ({Detail}); its facts count as declared",
        SealState.Broken => $"{Document}: seal broken ({Detail}); its facts count as declared",
        SealState.Malformed => $"{Document}: seal unreadable ({Detail}); its facts count as declared",
        SealState.Untrusted => $"{Document}: {Detail}; its facts count as declared",
        _ => $"{Document}: {Detail}",
    };
}

/// <summary>The provenance of the facts a result row rests on: the distinct provenances, strongest first, each fact read
/// with its own, and the notes of documents whose seal set their word aside. <see cref="DeclaredOnly"/>: an automatic
/// row decided on the vendor's word alone.</summary>
public sealed record RowProvenance(IReadOnlyList<Provenance> Kinds, IReadOnlyList<FactProvenance> Facts, IReadOnlyList<ProvenanceNote> Notes)
{
    public static readonly RowProvenance None = new([], [], []);

    public bool DeclaredOnly => Kinds.Count > 0 && Kinds.All(k => k == Provenance.Declared);

    public static RowProvenance Of(IEnumerable<FactProvenance> facts, IEnumerable<ProvenanceNote> notes)
    {
        var list = facts.ToList();
        return new RowProvenance(list.Select(f => f.Provenance).Distinct().Order().ToList(), list, notes.Distinct().ToList());
    }
}
