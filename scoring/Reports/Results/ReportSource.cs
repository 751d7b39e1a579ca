namespace Iq.Scoring.Reports;

/// <summary>What a report was rendered from and what shows it is the file iq wrote: the results' file name and SHA-256,
/// and how they were checked. Shown in every report's header (scorecard C.1, HTML, console), so that a report re-rendered
/// from an unsealed results file does not look like one rendered from a sealed one (docs/trust.md). Only what the same
/// bytes and the same seal always give is shown (no host, no time): the audit's own reports and <c>iq report</c>'s from
/// the sealed file it wrote are the same bytes.</summary>
/// <param name="File">The results file's name (no folder: the report must not depend on where it was re-rendered).</param>
/// <param name="Archive">The archive the results were read from, by name, for <see cref="ReportSourceCheck.Archive"/>.</param>
/// <param name="KeyId">The seal's signing key id, when the seal is signed.</param>
/// <param name="SignatureChecked">The signature was verified with a key the recipient named (<c>iq report --trust-key</c>);
/// otherwise a signed seal's header says its signature was not checked.</param>
public sealed record ReportSource(ReportSourceCheck Check, string? File, string Sha256, string? Archive = null, string? KeyId = null,
    bool SignatureChecked = false)
{
    /// <summary>A results file whose seal beside it holds.</summary>
    public static ReportSource Sealed(string path, string sha256, string? keyId) => new(ReportSourceCheck.Sealed, Name(path), sha256, KeyId: keyId);

    /// <summary>A results file with no seal beside it: used, and said so.</summary>
    public static ReportSource Unsealed(string path, string sha256) => new(ReportSourceCheck.NoSeal, Name(path), sha256);

    /// <summary>The results inside an audit archive, their hash matching the archive's (unsealed) manifest.</summary>
    public static ReportSource InArchive(string archive, string sha256) => new(ReportSourceCheck.Archive, "results.json", sha256, Name(archive));

    /// <summary>The results inside an audit archive whose own seal beside it (<c>audit.zip.seal</c>, <c>iq seal audit.zip</c>)
    /// holds: the archive is the one that was sealed, so its results are vouched for as a sealed results file's are.</summary>
    public static ReportSource InSealedArchive(string archive, string sha256, string? keyId) =>
        new(ReportSourceCheck.SealedArchive, "results.json", sha256, Name(archive), keyId);

    /// <summary>Results the audit rendered from without writing them to a sealed file (no --json, or standard output).</summary>
    public static ReportSource NotWritten(string sha256) => new(ReportSourceCheck.NotWritten, null, sha256);

    /// <summary>The seal file's name beside <see cref="File"/>.</summary>
    public string? SealName => Check == ReportSourceCheck.SealedArchive ? Archive + ".seal" : File is null ? null : File + ".seal";

    /// <summary>Said after the seal when the results' scoring could not be checked against the checklist they name (it
    /// was neither bundled nor given): their pass mark, veto and levels rest on the file alone (fresh eyes 8, F-C1).</summary>
    public Rules.Messages.MessageText? ScoringNotChecked { get; init; }

    /// <summary>The source in words (rules/Messages, the one declaration the console, scorecard and HTML render).</summary>
    public Rules.Messages.ILocalized Text() =>
        ScoringNotChecked is { } note ? Rules.Messages.Localized.Groups([Seal(), note]) : Seal();

    Rules.Messages.MessageText Seal() => Check switch
    {
        ReportSourceCheck.Sealed when KeyId is { } key && SignatureChecked => Rules.Messages.Msg.SourceSealedTrusted.With(File, Sha256, SealName, key),
        ReportSourceCheck.Sealed when KeyId is { } key => Rules.Messages.Msg.SourceSealedSigned.With(File, Sha256, SealName, key),
        ReportSourceCheck.Sealed => Rules.Messages.Msg.SourceSealed.With(File, Sha256, SealName),
        ReportSourceCheck.NoSeal => Rules.Messages.Msg.SourceNoSeal.With(File, Sha256, SealName),
        ReportSourceCheck.Archive => Rules.Messages.Msg.SourceArchive.With(File, Archive, Sha256),
        ReportSourceCheck.SealedArchive when KeyId is { } key && SignatureChecked => Rules.Messages.Msg.SourceSealedArchiveTrusted.With(File, Archive, Sha256, SealName, key),
        ReportSourceCheck.SealedArchive when KeyId is { } key => Rules.Messages.Msg.SourceSealedArchiveSigned.With(File, Archive, Sha256, SealName, key),
        ReportSourceCheck.SealedArchive => Rules.Messages.Msg.SourceSealedArchive.With(File, Archive, Sha256, SealName),
        _ => Rules.Messages.Msg.SourceNotWritten.With(Sha256),
    };

    /// <summary>"Rendered from: …", the console's line.</summary>
    public Rules.Messages.MessageText Line() => Rules.Messages.Msg.SourceLine.With(Rules.Messages.Msg.SourceLabel.Text, Text());

    /// <summary>The source holds only when a seal shows the results are the ones iq wrote. An archive's manifest does not:
    /// it is unsealed, so results edited inside the zip with the manifest's hash recomputed match it as well.</summary>
    public bool Verified => Check is ReportSourceCheck.Sealed or ReportSourceCheck.SealedArchive;

    static string Name(string path) => path == "-" ? "-" : Path.GetFileName(path);
}

/// <summary>How a report's results were shown to be the ones iq wrote.</summary>
public enum ReportSourceCheck
{
    /// <summary>The seal beside the results file holds: its SHA-256 is the file's.</summary>
    Sealed,
    /// <summary>No seal beside the results file: nothing shows it is the file iq wrote.</summary>
    NoSeal,
    /// <summary>Read from an audit archive, whose manifest gives every file's SHA-256; the manifest is not sealed, so it
    /// shows the files agree with it, not that iq wrote them.</summary>
    Archive,
    /// <summary>Read from an audit archive whose seal beside it holds (its SHA-256 is the archive's), the results' hash
    /// matching the manifest inside it.</summary>
    SealedArchive,
    /// <summary>Rendered by the audit from results it did not write to a file it sealed.</summary>
    NotWritten,
}
