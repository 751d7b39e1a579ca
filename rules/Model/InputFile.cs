namespace Iq.Rules.Model;

/// <summary>A file an audit read, with its hash, for the traceability of results.</summary>
public sealed record InputFile(string Path, string Kind, string Sha256)
{
    /// <summary>For a fact document, what its seal showed when the audit read it (intact, missing, broken …); null for files
    /// that are not fact documents (judgments, waivers).</summary>
    public InputSeal? Seal { get; init; }
}

/// <summary>A fact document's seal as the audit found it: its state and, in words, by whom and when or what is wrong.</summary>
public sealed record InputSeal(SealState State, string Detail)
{
    /// <summary>The check's finding as data, for reports to word in their language (null in results written before it).</summary>
    public SealReason? Reason { get; init; }
}
