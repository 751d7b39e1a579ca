using Iq.Rules.Io;
using System.Security.Cryptography;
using System.Text.Json;
using Iq.Engine.Facts;
using Iq.Rules.Model;

namespace Iq.Engine.Trust;

/// <summary>One file <c>iq verify</c> looked at: what it is (a fact document of a kind and provenance, a results file, a
/// snapshot, another file, or a seal whose file is gone) and what its seal says.</summary>
public sealed record VerifiedFile(string Path, string What, SealCheck Seal)
{
    /// <summary>A seal missing where one is needed, broken, unreadable or untrusted; or a seal without its file; or a report
    /// whose seal holds but which was rendered from results nothing showed were iq's (no seal beside them): the seal vouches
    /// for the rendering, not for the rows.</summary>
    public bool Failed => !Seal.Holds || SourceUnvouched;

    /// <summary>An intact seal of a report rendered from a results file that was not shown to be iq's.</summary>
    public bool SourceUnvouched => Seal.State == SealState.Intact && Seal.Seal?.From is { Vouched: false };

    /// <summary>For a fact document, its kind and the provenances its header gives, strongest last, so that the console can
    /// word them in its language (<see cref="What"/> says them in English); null for any other file.</summary>
    public (string Kind, IReadOnlyList<Provenance> Provenances)? Document { get; init; }
}

/// <summary><c>iq verify</c>: every file under a folder (or the files given) checked against its seal. A fact document that
/// claims more than declared facts, a results file, a snapshot or an audit archive needs one; any other file is listed as
/// sealed or not.</summary>
public static class SealVerifier
{
    const int MaxDepth = 16;
    const int MaxFiles = 100_000;

    /// <param name="refused">The files of its folders that the bundle reader refuses (<see cref="BundleFileNames.List"/>: a
    /// document named in another case, a document or a seal that is a symbolic link): the run is refused for them (exit 2),
    /// as the audit of that folder is, rather than the lab's check passing over a file the audit would read.</param>
    public static IReadOnlyList<VerifiedFile> Verify(string path, IReadOnlyList<TrustedKey> trusted, List<Rules.Diagnostics.Diagnostic> refused)
    {
        var files = new List<string>();
        if (Directory.Exists(path)) Collect(path, 0, files, refused);
        else files.Add(path);
        var result = new List<VerifiedFile>();
        foreach (var file in files)
        {
            if (file.EndsWith(Seals.Extension, StringComparison.Ordinal))
            {
                var target = file[..^Seals.Extension.Length];
                if (!File.Exists(target))
                    result.Add(new VerifiedFile(target, "(file gone)", new SealCheck(SealState.Broken, $"{System.IO.Path.GetFileName(file)} seals a file that is not there", null)));
                continue;
            }
            // Read as every input is: a FIFO or a device in the folder is refused unopened, never read to block or without end.
            string sha;
            (string What, bool Needed, (string, IReadOnlyList<Provenance>)? Document) described;
            try
            {
                if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && Reports.AuditArchive.IsArchive(file))
                {
                    result.Add(new VerifiedFile(file, "audit archive", Archive(file, InputFiles.ReadAllBytes(file, InputKind.Archive), trusted)));
                    continue;
                }
                if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    var bytes = InputFiles.ReadAllBytes(file, InputKind.Results);
                    sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                    described = Describe(file, bytes);
                    // A results file that contradicts its own rows is refused as iq report refuses it (ResultsConsistency):
                    // a seal made over an edited file holds, and would vouch for a verdict the rows do not give.
                    if (described.What == "results" && Contradicts(file, bytes) is { } contradiction)
                    {
                        refused.AddRange(contradiction);
                        continue;
                    }
                }
                else
                {
                    using var stream = InputFiles.OpenRead(file, InputKind.Model, 1 << 16);
                    sha = Convert.ToHexStringLower(SHA256.HashData(stream));
                    described = ("file", false, null);
                }
            }
            catch (InputFileException e)
            {
                result.Add(new VerifiedFile(file, "(not read)", new SealCheck(SealState.Malformed, e.Reason, null)));
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Add(new VerifiedFile(file, "(unreadable)", new SealCheck(SealState.Malformed, $"cannot read it: {e.Message}", null)));
                continue;
            }
            result.Add(new VerifiedFile(file, described.What, Seals.Check(file, sha, described.Needed, trusted)) { Document = described.Document });
        }
        return result;
    }

    /// <summary>An audit archive: its own seal beside it (<c>iq seal audit.zip</c>) checked against its bytes, and, where the
    /// seal holds, its files against its manifest. The manifest alone is unsealed (results edited in the zip with their hash
    /// recomputed in it agree with it), so an archive needs its seal as the results file in it does: without one nothing
    /// vouches for it, and it is <c>missing</c> (exit 1), never a pass (docs/trust.md).</summary>
    static SealCheck Archive(string file, byte[] bytes, IReadOnlyList<TrustedKey> trusted)
    {
        var check = Seals.Check(file, Convert.ToHexStringLower(SHA256.HashData(bytes)), needed: true, trusted);
        if (check.State == SealState.Missing)
            return check with { Detail = $"not sealed (no {System.IO.Path.GetFileName(Seals.PathOf(file))} beside it): its manifest is unsealed, so nothing shows the archive is the one iq wrote" };
        if (check.State != SealState.Intact) return check;
        var diagnostics = new Rules.Diagnostics.DiagnosticBag();
        var files = Reports.AuditArchive.Verify(bytes, file, diagnostics);
        if (files is null || diagnostics.HasErrors)
            return new SealCheck(SealState.Broken, $"{check.Detail}, but its files do not agree with its manifest: "
                + string.Join("; ", diagnostics.Items.Where(d => d.Severity == Rules.Diagnostics.Severity.Error).Select(d => d.Message)), check.Seal);
        return check with { Detail = $"{check.Detail}; its {files.Count} files agree with its manifest" };
    }

    /// <summary>A folder's files, then its subfolders'. Its fact documents are those the bundle reader reads
    /// (<see cref="BundleFileNames.List"/>, hidden ones included), so that what a lab verifies is what an audit of the folder
    /// reads; other files are listed unless hidden or links.</summary>
    static void Collect(string dir, int depth, List<string> files, List<Rules.Diagnostics.Diagnostic> refused)
    {
        if (depth > MaxDepth || files.Count > MaxFiles) return;
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var here = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", options))
            if (!System.IO.Path.GetFileName(f).StartsWith('.')) here.Add(f);
        try
        {
            var listing = BundleFileNames.List(dir);
            here.UnionWith(listing.Documents);
            refused.AddRange(listing.Refused.Select(f => BundleFileNames.Refusal(dir, f)));
        }
        // A folder that cannot be listed gives nothing here, as the enumeration above ignores it.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        files.AddRange(here);
        foreach (var d in Directory.EnumerateDirectories(dir, "*", options).Order(StringComparer.Ordinal)) Collect(d, depth + 1, files, refused);
    }

    /// <summary>The refusal of a results file of this engine's schema that iq report would refuse (its rows contradict it, a
    /// member of the wrong type); null when it reads. A results file of another schema is listed with its seal, as before.</summary>
    static IReadOnlyList<Rules.Diagnostics.Diagnostic>? Contradicts(string file, byte[] bytes)
    {
        using (var doc = JsonInput.Parse(bytes, file, out _))
            if (doc?.RootElement.TryGetProperty("schema", out var s) != true || s.ValueKind != JsonValueKind.String
                || s.GetString() != Iq.Scoring.Reports.ResultsDocument.SchemaId) return null;
        var diagnostics = new Rules.Diagnostics.DiagnosticBag();
        return Iq.Scoring.Reports.ResultsJson.ReadSet(bytes, file, diagnostics) is null ? diagnostics.Items.ToList() : null;
    }

    /// <summary>What a file is, and whether it needs a seal: fact documents claiming more than declared facts, results and
    /// snapshots are iq's measurements; anything else is listed without judgment.</summary>
    static (string What, bool Needed, (string, IReadOnlyList<Provenance>)? Document) Describe(string file, byte[] bytes)
    {
        if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return ("file", false, null);
        // Malformed (a member named twice among them): said with its place, and it needs a seal like any document iq wrote.
        using var doc = JsonInput.Parse(bytes, file, out var problem);
        if (doc is null) return ($"JSON, malformed at line {problem!.Span.Line}, column {problem.Span.Column}: {problem.Message}", true, null);
        {
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object) return ("JSON", false, null);
            if (r.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String && r.TryGetProperty("facts", out _)
                && FactSchema.Default.Roots.FirstOrDefault(x => x.Kind == k.GetString()) is { } root)
            {
                var header = DocumentHeader.Read(r, root, (_, _) => { });
                var kinds = header.Overrides.Select(o => o.Provenance).Prepend(header.Provenance).Distinct().Order().ToList();
                return ($"{root.Kind} ({string.Join(", ", kinds.Select(p => p.Name()))})", header.ClaimsMoreThanDeclared, (root.Kind, kinds));
            }
            if (r.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String)
            {
                var schema = s.GetString()!;
                if (schema.StartsWith("iq.results/", StringComparison.Ordinal)) return ("results", true, null);
                if (schema.StartsWith("iq.snapshot/", StringComparison.Ordinal)) return ("snapshot", true, null);
            }
            return ("JSON", false, null);
        }
    }
}
