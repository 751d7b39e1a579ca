using Iq.Rules.Messages;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Iq.Engine.Evidence.Integrity;
using Iq.Rules.Io;

namespace Iq.Engine.Evidence;

/// <summary>6.2.2 f) 完整性: a data set imported during the installation (database initialisation, a test set, a PACS
/// export), checked after import against the manifest it came with: a checksum list (sha256sum, with or without --tag)
/// or any manifest iq manifest reads (CycloneDX, SPDX, the project's own). The files are hashed and compared by the same
/// <see cref="IntegrityCheck"/> as installation manifests; nothing verified (no strong hash, every file missing) leaves
/// files_verified absent with the reason, so that integrity is an error, never a pass.</summary>
public static class DataImportReader
{
    /// <summary>One data set's facts: the manifest (its path and SHA-256, so a report names what it trusted), the root,
    /// and the counts and names of verified, missing, changed, rejected, weak and extra files.</summary>
    public static JsonObject Read(string manifest, string? root, string? algorithm, IReadOnlyList<string>? ignore = null)
    {
        // Read as every input is: a FIFO or a device is refused unopened, never read to block or without end.
        if (InputFiles.Refusal(manifest, InputKind.Manifest) is { Code: Rules.Diagnostics.Codes.FileNotFound }) throw new EvidenceInputException(Msg.EvFileNotFound.With(manifest));
        var bytes = InputFiles.ReadAllBytes(manifest, InputKind.Manifest);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            var line = 1 + bytes.AsSpan(0, Math.Max(0, e.Index)).Count((byte)'\n');
            throw new EvidenceInputException(Msg.ImportNotUtf8.With(manifest, line));
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.Trim().Length == 0) throw new EvidenceInputException(Msg.ImportEmpty.With(manifest));
        string format;
        IReadOnlyList<FileDigest> digests;
        var posix = ChecksumList.Looks(text);
        if (posix) (format, digests) = ChecksumList.Read(manifest, text, algorithm);
        else
        {
            var doc = ManifestReader.Parse(bytes, manifest);
            (format, digests) = (doc.Format, doc.Files);
        }
        // sha256sum -c runs where the list is: its folder is the root unless one is given; the list itself is not extra.
        var rootDir = root ?? Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        // A root given is hashed as a whole, as manifest --root's is: data_imports.json written into it would be an extra file
        // the next check lists.
        if (root is not null) InputLedger.NoteFolder(root);
        var ignored = new List<string>(ignore ?? []);
        var self = Path.GetRelativePath(Path.GetFullPath(rootDir), Path.GetFullPath(manifest)).Replace('\\', '/');
        if (!self.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(self)) ignored.Add(self);
        var report = IntegrityCheck.Verify(rootDir, digests, ignored, posix);

        static JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode)n).ToArray());
        return new JsonObject
        {
            ["manifest"] = manifest,
            ["manifest_sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ["format"] = format,
            ["root"] = rootDir,
            ["files_listed"] = (long)digests.Select(d => IntegrityCheck.Normalize(d.Path, posix)).Distinct().Count(),
            ["files_verified"] = report.NothingVerified is { } why ? Iq.Engine.Probes.Fact.Absent(why) : (long)report.Count(FileState.Verified),
            ["files_missing"] = (long)report.Count(FileState.Missing),
            ["files_changed"] = (long)report.Count(FileState.Changed),
            ["files_extra"] = (long)report.Extra.Count,
            ["missing_files"] = Names(report.In(FileState.Missing)),
            ["changed_files"] = Names(report.In(FileState.Changed)),
            ["rejected_files"] = Names(report.In(FileState.Rejected)),
            ["weak_files"] = Names(report.In(FileState.WeakOnly)),
            ["unverifiable_files"] = Names(report.In(FileState.Unverifiable)),
            ["extra_files"] = Names(report.Extra.Take(IntegrityCheck.MaxExtraListed)),
        };
    }
}
