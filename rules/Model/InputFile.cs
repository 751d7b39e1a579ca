namespace Iq.Rules.Model;

/// <summary>A file an audit read, with its hash, for the traceability of results.</summary>
public sealed record InputFile(string Path, string Kind, string Sha256);
