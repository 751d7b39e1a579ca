using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;

namespace Iq.Engine.Reports;

/// <summary>Record keeping: one zip of everything an audit rests on — the results, the reports written, the checklist with
/// its whole <c>extends</c> chain, every input (fact documents, judgments, waivers) — and <c>manifest.json</c> listing
/// each file with its SHA-256 and where it came from, with the tool version. Years later <c>iq report ARCHIVE</c>
/// re-renders the reports from it and <c>iq archive --verify</c> checks that nothing changed: every file against the
/// manifest, and every checklist and input against the hash the results recorded. A file whose content is no longer
/// what the results recorded is refused when archiving. Entries in a fixed order with fixed times.</summary>
public static class AuditArchive
{
    public const string Schema = "iq.archive/1";
    public const string ManifestName = "manifest.json";
    public const string ResultsName = "results.json";

    /// <summary>Limits on an archive being read: entries, bytes of any one entry, bytes in all.</summary>
    public const int MaxEntries = 100_000;
    public const long MaxEntryBytes = ResultsJson.MaxBytes;
    public const long MaxTotalBytes = 4L * 1024 * 1024 * 1024;

    static readonly DateTimeOffset ZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    sealed record Entry(string Name, string Role, string? Kind, string? Original, byte[] Bytes)
    {
        public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));
    }

    /// <summary>Archives an audit: the results bytes, the documents they name (each must still hash as recorded), and the
    /// report files (path, and bytes when already rendered; else read). Errors are diagnostics; nothing is written then.
    /// With <paramref name="outputs"/> the archive joins the run's other outputs (all or none) and the files those will
    /// write are archived as they will be; else it is written alone.</summary>
    public static void Write(string target, byte[] resultsBytes, ResultsSet doc, IEnumerable<(string Path, byte[]? Bytes)> reports,
        DiagnosticBag diagnostics, Outputs? outputs = null)
    {
        var entries = new List<Entry> { new(ResultsName, "results", null, null, resultsBytes) };
        var names = new HashSet<string>(StringComparer.Ordinal) { ResultsName, ManifestName };
        string Unique(string folder, string file)
        {
            var name = $"{folder}/{file}";
            for (var n = 2; !names.Add(name); n++) name = $"{folder}/{n}-{file}";
            return name;
        }
        void Add(string folder, string path, string role, string? kind, string? recordedSha, byte[]? given = null, InputKind read = InputKind.FactDocument)
        {
            var bytes = given ?? outputs?.Pending(path);
            if (bytes is null)
            {
                // Read as every input is: a regular file of bounded size (never a FIFO or a device).
                try { bytes = InputFiles.ReadAllBytes(path, read); }
                catch (InputFileException e)
                {
                    // The refusal's own code (missing, not a regular file, too large), in the catalog's words.
                    diagnostics.Error(Msg.CannotArchive.With(path, e.Text) with { CodeOf = e.ToDiagnostic().Text }, SourceSpan.None(path));
                    return;
                }
            }
            var entry = new Entry(Unique(folder, Path.GetFileName(path)), role, kind, path, bytes);
            if (recordedSha is not null && entry.Sha256 != recordedSha)
            {
                diagnostics.Error(Msg.ChangedSinceAudit.With(path, entry.Sha256, recordedSha), SourceSpan.None(path));
                return;
            }
            entries.Add(entry);
        }
        // Several checklists read the same inputs: each file once.
        foreach (var s in doc.Audits.SelectMany(d => d.Checklist.Sources).DistinctBy(s => (s.Path, s.Sha256)))
            Add("checklist", s.Path, "checklist", null, s.Sha256, read: InputKind.Checklist);
        foreach (var i in doc.Audits.SelectMany(d => d.Inputs).DistinctBy(i => (i.Path, i.Sha256))) Add("inputs", i.Path, "input", i.Kind, i.Sha256);
        foreach (var r in reports.Where(r => Path.GetFullPath(r.Path) != Path.GetFullPath(target)).DistinctBy(r => Path.GetFullPath(r.Path)))
            Add("reports", r.Path, "report", null, null, r.Bytes, InputKind.Results);
        if (diagnostics.HasErrors) return;
        entries.Add(new Entry(ManifestName, "manifest", null, null, Manifest(entries, doc)));
        void Zip(Stream stream)
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var e in entries.OrderBy(e => e.Name == ManifestName ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal))
            {
                var z = zip.CreateEntry(e.Name, CompressionLevel.Optimal);
                z.LastWriteTime = ZipTime;
                using var s = z.Open();
                s.Write(e.Bytes);
            }
        }
        if (outputs is null) AtomicFile.Write(target, Zip);
        else outputs.Add(target, Zip);
    }

    static byte[] Manifest(List<Entry> entries, ResultsSet doc)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("tool", $"iq {doc.First.EngineVersion}");
            w.WriteString("checklist", string.Join(" + ", doc.Audits.Select(d => $"{d.Checklist.Id} {d.Checklist.Version}")));
            w.WriteString("report_no", doc.First.Info.ReportNo);
            w.WriteString("verdict", doc.Verdict.ToString().ToLowerInvariant());
            w.WriteStartArray("files");
            foreach (var e in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("path", e.Name);
                w.WriteString("role", e.Role);
                if (e.Kind is not null) w.WriteString("kind", e.Kind);
                if (e.Original is not null) w.WriteString("original", e.Original);
                w.WriteNumber("bytes", e.Bytes.Length);
                w.WriteString("sha256", e.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    /// <summary>Whether a file is a zip (an archive) rather than a results JSON. Only a regular file is looked at: a FIFO
    /// or a device is left for the reader to refuse, never opened here.</summary>
    public static bool IsArchive(string path)
    {
        if (InputFiles.Refusal(path, InputKind.Archive) is not null) return false;
        try
        {
            using var f = InputFiles.OpenRead(path, InputKind.Archive);
            Span<byte> head = stackalloc byte[4];
            return f.Read(head) == 4 && IsArchive(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static bool IsArchive(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;

    /// <summary>The results file an archive holds, after checking the archive: null with diagnostics when it does not verify.</summary>
    public static byte[]? ReadResults(byte[] archive, string name, DiagnosticBag diagnostics)
    {
        var files = Verify(archive, name, diagnostics);
        return diagnostics.HasErrors ? null : files?.GetValueOrDefault(ResultsName);
    }

    /// <summary>Checks an archive file (a regular file of bounded size; see <see cref="Verify(byte[], string, DiagnosticBag)"/>).</summary>
    public static Dictionary<string, byte[]>? Verify(string archive, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try { bytes = InputFiles.ReadAllBytes(archive, InputKind.Archive); }
        catch (InputFileException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
        return Verify(bytes, archive, diagnostics);
    }

    /// <summary>Checks an archive: every manifest entry present with its hash, nothing unlisted, no entry named twice, and
    /// every checklist and input hashing as the results recorded. Returns the files, or null when unreadable. The work is
    /// bounded whatever the zip declares: entries counted, every entry and the whole cut off at their limits while
    /// inflating (a zip bomb stops there), an unsupported or corrupt entry reported, not thrown.</summary>
    public static Dictionary<string, byte[]>? Verify(byte[] archiveBytes, string archive, DiagnosticBag diagnostics)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var at = SourceSpan.None(archive);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archiveBytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                diagnostics.Error(Msg.ArchiveTooManyEntries.With(MaxEntries, zip.Entries.Count), at);
                return null;
            }
            long total = 0;
            foreach (var e in zip.Entries)
            {
                if (e.FullName.EndsWith('/')) continue;
                if (files.ContainsKey(e.FullName))
                {
                    diagnostics.Error(Msg.ArchiveEntryTwice.With(e.FullName), at);
                    return null;
                }
                if (e.Length > MaxEntryBytes || total + e.Length > MaxTotalBytes)
                {
                    diagnostics.Error(Msg.ArchiveEntryTooLarge.With(e.FullName, MaxEntryBytes, MaxTotalBytes), at);
                    return null;
                }
                using var s = e.Open();
                var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int n;
                // The declared length is not trusted: stop reading at the bound whatever the header says.
                while ((n = s.Read(chunk)) > 0)
                {
                    buffer.Write(chunk, 0, n);
                    if (buffer.Length > MaxEntryBytes || total + buffer.Length > MaxTotalBytes)
                    {
                        diagnostics.Error(Msg.ArchiveEntryExpands.With(e.FullName, MaxEntryBytes, MaxTotalBytes), at);
                        return null;
                    }
                }
                total += buffer.Length;
                files[e.FullName] = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // NotSupportedException: an entry compressed by a method .NET does not inflate (or encrypted).
            diagnostics.Error(Msg.NotAnArchive.With(LibraryError.Compressed(e, gzip: false)), at);
            return null;
        }
        if (!files.TryGetValue(ManifestName, out var manifestBytes))
        {
            diagnostics.Error(Msg.ArchiveLacks.With(ManifestName), at);
            return null;
        }
        var listed = new Dictionary<string, (string Sha, string Role)>(StringComparer.Ordinal);
        try
        {
            if (JsonInput.Text(manifestBytes, $"{archive}!{ManifestName}", out var notText) is not { } text)
            {
                diagnostics.Add(notText!);
                return null;
            }
            manifestBytes = text;
            using var manifest = JsonDocument.Parse(manifestBytes, JsonInput.Options);
            var root = manifest.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String || schema.GetString() != Schema
                || !root.TryGetProperty("files", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Error(Msg.NotAManifest.With(ManifestName, Schema), at);
                return null;
            }
            var i = 0;
            foreach (var f in list.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("path", out var p) || p.ValueKind != JsonValueKind.String
                    || !f.TryGetProperty("sha256", out var h) || h.ValueKind != JsonValueKind.String || !f.TryGetProperty("role", out var r) || r.ValueKind != JsonValueKind.String)
                {
                    diagnostics.Error(Msg.ManifestEntryShape.With(ManifestName, i), at);
                    return null;
                }
                listed[p.GetString()!] = (h.GetString()!, r.GetString()!);
                i++;
            }
        }
        catch (JsonException e)
        {
            diagnostics.Add(JsonInput.Malformed(e, $"{archive}!{ManifestName}", manifestBytes));
            return null;
        }
        foreach (var (path, (sha, _)) in listed)
        {
            if (!files.TryGetValue(path, out var bytes)) diagnostics.Error(Msg.ArchiveMissingFile.With(path), at);
            else if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha)
                diagnostics.Error(Msg.ArchiveHashDiffers.With(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), sha), at);
        }
        foreach (var path in files.Keys.Where(k => k != ManifestName && !listed.ContainsKey(k)))
            diagnostics.Error(Msg.ArchiveUnlisted.With(path), at);
        if (!files.TryGetValue(ResultsName, out var results))
        {
            diagnostics.Error(Msg.ArchiveLacks.With(ResultsName), at);
            return null;
        }
        var set = ResultsJson.ReadSet(results, $"{archive}!{ResultsName}", diagnostics);
        if (set is null) return null;
        var archivedHashes = listed.Where(l => l.Value.Role is "checklist" or "input").Select(l => l.Value.Sha).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, sha) in set.Audits.SelectMany(doc => doc.Checklist.Sources.Select(s => (s.Path, s.Sha256)).Concat(doc.Inputs.Select(i => (i.Path, i.Sha256)))))
            if (!archivedHashes.Contains(sha))
                diagnostics.Error(Msg.ArchiveNoRecordedFile.With(path, sha), at);
        return files;
    }
}
