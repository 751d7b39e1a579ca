using Iq.Rules.Messages;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Engine.Evidence.Integrity;
using Iq.Engine.Evidence.Manifests;
using Iq.Rules.Io;

namespace Iq.Engine.Evidence;

/// <summary>A version manifest to a <c>manifest</c> fact document (IQ 5.5.1, 6.2.2 f, 6.6.1): the project's own format,
/// CycloneDX 1.4–1.7 (JSON or XML), or SPDX 2.1–2.3 (JSON or tag-value). With a root folder, every file the manifest
/// gives a hash for is hashed and compared (<see cref="IntegrityCheck"/>): missing, changed, rejected (leaving the root)
/// and extra files are listed by name. Without a root, or when the manifest gives no file hash, the file facts are
/// absent with the reason, so that integrity is an error, never a pass. The version is checked against SemVer or a
/// given pattern; the release notes, when the manifest names them, for sections on features, fixes and dependencies.
/// Bad input is an error naming the file and the JSON path, XML line or tag-value line.</summary>
public static partial class ManifestReader
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex SemVer();

    public static long MaxBytes => InputLimits.For(InputKind.Manifest);

    /// <summary>Reads a manifest in any supported format: a regular file, bounded (docs/limits.md).</summary>
    public static ManifestDocument Parse(string path)
    {
        if (InputFiles.Refusal(path, InputKind.Manifest) is { Code: Rules.Diagnostics.Codes.FileNotFound }) throw new EvidenceInputException(Msg.EvFileNotFound.With(path));
        return Parse(InputFiles.ReadAllBytes(path, InputKind.Manifest), path);
    }

    /// <summary>The manifest in <paramref name="bytes"/>; <paramref name="path"/> names it in errors and anchors its release notes.</summary>
    public static ManifestDocument Parse(byte[] bytes, string path)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        var first = bytes.AsSpan(start).TrimStart(" \t\r\n"u8);
        if (first.Length > 0 && first[0] == '<') return CycloneDxXml.Read(path, bytes);
        if (first.Length > 0 && first[0] != '{' && first[0] != '[')
        {
            string text;
            try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start); }
            catch (DecoderFallbackException) { throw new EvidenceInputException(Msg.ManifestNotUtf8.With(path)); }
            if (text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } l0 && l0.StartsWith("SPDXVersion:", StringComparison.Ordinal))
                return Spdx.ReadTagValue(path, text);
            throw new EvidenceInputException(Msg.ManifestUnknownFormat.With(path));
        }
        var doc = JsonSource.ParseDocument(path, bytes, out var src);
        if (JsonSource.Get(doc.RootElement, "bomFormat") is not null)
            using (doc) return CycloneDxJson.Read(src, doc.RootElement);
        // SPDX and iq's own format are read as nodes over the document (which therefore stays undisposed).
        var o = JsonObject.Create(doc.RootElement)!;
        if (o["spdxVersion"] is not null) return Spdx.ReadJson(src, o);
        return ReadIq(src, o, path);
    }

    /// <summary>The project's own format: <c>{ "package": {id, version}, "components": [{name, version, tag, sha256, path}],
    /// "documents": [{name, version}], "release_notes": "FILE" }</c>.</summary>
    static ManifestDocument ReadIq(JsonSource src, JsonObject o, string path)
    {
        var id = src.Str(src.Obj(o["package"], "$.package")?["id"], "$.package.id");
        var version = src.Str(src.Obj(o["package"], "$.package")?["version"], "$.package.version");
        var components = new List<ManifestComponent>();
        var files = new List<FileDigest>();
        var list = src.Arr(o["components"], "$.components");
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"$.components[{i}]";
            var c = src.Obj(list[i], at);
            var file = src.Str(c?["path"], at + ".path", false);
            var sha = src.Str(c?["sha256"], at + ".sha256", false);
            if (file is { Length: > 0 } && sha is { Length: > 0 }) files.Add(new FileDigest(file, "SHA-256", sha, at + ".sha256"));
            components.Add(new ManifestComponent(src.Str(c?["name"], at + ".name"), src.Str(c?["version"], at + ".version", false),
                src.Str(c?["tag"], at + ".tag", false), null, file is { Length: > 0 } && sha is { Length: > 0 } ? [file] : [], false, at));
        }
        var docs = src.Arr(o["documents"], "$.documents").Select((n, i) => src.Obj(n, $"$.documents[{i}]")).Select((d, i) =>
            (src.Str(d?["name"], $"$.documents[{i}].name"), src.Str(d?["version"], $"$.documents[{i}].version"))).ToList();
        var notes = o["release_notes"] is null ? null : src.Str(o["release_notes"], "$.release_notes");
        return new ManifestDocument("iq", "1", id, version, components, files, docs,
            notes is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, notes));
    }

    /// <summary>How a manifest document's facts were obtained: an SBOM (CycloneDX, SPDX) is another tool's output (imported),
    /// iq's own format is the vendor's list (declared); the files hashed under <paramref name="root"/> are measured. The
    /// manifest itself, and the release notes it names, are the sources.</summary>
    public static Facts.DocumentOrigin Origin(ManifestDocument doc, string path, string? root)
    {
        var sources = new List<Facts.SourceArtefact> { Facts.FactDocuments.Source(path) };
        if (doc.ReleaseNotes is { } notes && InputFiles.Refusal(notes, InputKind.Text) is null) sources.Add(Facts.FactDocuments.Source(notes));
        var measured = root is null ? [] : MeasuredOnDisk.Select(f => new Iq.Rules.Model.ProvenanceOverride(f, Iq.Rules.Model.Provenance.Measured)).ToList();
        return new Facts.DocumentOrigin
        {
            Provenance = doc.Format == "iq" ? Iq.Rules.Model.Provenance.Declared : Iq.Rules.Model.Provenance.Imported,
            Overrides = measured,
            Sources = sources,
        };
    }

    /// <summary>The facts iq measures itself when it hashes the files under --root.</summary>
    static readonly string[] MeasuredOnDisk =
    [
        "manifest.files_verified", "manifest.files_missing", "manifest.files_changed", "manifest.files_extra", "manifest.missing_files",
        "manifest.changed_files", "manifest.rejected_files", "manifest.weak_files", "manifest.extra_files", "manifest.components[].status",
    ];

    public static JsonObject Read(string path, string? root, string? pattern, IReadOnlyList<string>? ignore = null, CancellationToken cancel = default) =>
        Read(path, root, pattern, ignore, out _, cancel);

    public static JsonObject Read(string path, string? root, string? pattern, IReadOnlyList<string>? ignore, out ManifestDocument parsed,
        CancellationToken cancel = default)
    {
        Regex? scheme = null;
        if (pattern is not null)
        {
            try { scheme = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
            catch (ArgumentException e) { throw new EvidenceInputException(Msg.PatternInvalid.With(LibraryError.Regex(e))); }
        }
        if (root is not null && InputFiles.FolderRefusal(root) is { Code: not Rules.Diagnostics.Codes.FileNotFound } notFolder) throw notFolder;
        // The root is hashed as a whole: manifest.json written into it would be an extra file the next check lists.
        if (root is not null) InputLedger.NoteFolder(root);
        var doc = parsed = Parse(path);
        cancel.ThrowIfCancellationRequested();
        var report = root is null ? null : IntegrityCheck.Verify(root, doc.Files, ignore, cancel: cancel);
        var byPath = report?.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        bool schemeOk;
        try { schemeOk = scheme is null ? SemVer().IsMatch(doc.PackageVersion) : scheme.IsMatch(doc.PackageVersion); }
        catch (RegexMatchTimeoutException)
        {
            var v = doc.PackageVersion;
            throw new EvidenceInputException(Msg.PatternTooSlow.With(v.Length > 40 ? v[..40] + "…" : v));
        }

        static JsonNode Absent(MessageText why) => Iq.Engine.Probes.Fact.Absent(why);
        var noRoot = Msg.ManifestNoRoot.Text;
        // One marker rendered once, copied per component (a node has one parent): not the message rendered 200,000 times.
        var noRootMarker = Absent(noRoot);
        JsonNode Status(ManifestComponent c)
        {
            if (byPath is null) return noRootMarker.DeepClone();
            var results = c.FilePaths.Select(p => byPath.GetValueOrDefault(IntegrityCheck.Normalize(p))).OfType<FileResult>().ToList();
            if (results.Count == 0)
                return Absent(c.HashedElsewhere ? Msg.ManifestHashOfPackage.Text : Msg.ManifestNoFileHash.Text);
            foreach (var state in new[] { FileState.Missing, FileState.Changed, FileState.Rejected })
                if (results.Any(r => r.State == state)) return state.ToString().ToLowerInvariant();
            if (results.All(r => r.State == FileState.Verified)) return "ok";
            var weak = results.FirstOrDefault(r => r.State != FileState.Verified)!;
            // WeakOnly or Unverifiable, each with its reason; the untranslated form only if a new state forgets one.
            return weak.Unverified is { } why ? Absent(why) : Iq.Engine.Probes.Fact.Absent($"{weak.Path}: {weak.Detail}");
        }
        string? ProblemPath(ManifestComponent c) => byPath is null ? null
            : c.FilePaths.Select(p => byPath.GetValueOrDefault(IntegrityCheck.Normalize(p))).OfType<FileResult>()
                .FirstOrDefault(r => r.State is FileState.Missing or FileState.Changed or FileState.Rejected)?.Path;

        // iq's format: a component's own hash, by its path (looked up, not searched: 200,000 components each searching every
        // file was quadratic). An iq component names one file at most.
        var shaOf = doc.Format != "iq" ? null
            : doc.Files.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Expected, StringComparer.Ordinal);
        var facts = new JsonObject
        {
            ["package"] = new JsonObject
            {
                ["id"] = doc.PackageId.Length > 0 ? doc.PackageId : Absent(Msg.ManifestNoPackage.Text),
                ["version"] = doc.PackageVersion.Length > 0 ? doc.PackageVersion : Absent(Msg.ManifestNoPackageVersion.Text),
            },
            ["version_scheme_ok"] = schemeOk,
            ["components"] = Compact(doc.Components.Select(c =>
            {
                var node = new JsonObject { ["name"] = c.Name, ["status"] = Status(c) };
                if (c.Version is { Length: > 0 }) node["version"] = c.Version;
                if (c.Source is not null) node["source"] = c.Source;
                if (c.Tag is { Length: > 0 }) node["tag"] = c.Tag;
                if (shaOf is not null && c.FilePaths.Select(p => shaOf.GetValueOrDefault(p)).FirstOrDefault(x => x is not null) is { } sha) node["sha256"] = sha;
                var shown = ProblemPath(c) ?? (c.FilePaths.Count == 1 ? c.FilePaths[0] : null);
                if (shown is not null) node["path"] = shown;
                return node;
            })),
            ["documents"] = new JsonArray(doc.Documents.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["version"] = d.Version }).ToArray()),
            ["format"] = doc.Format,
            ["format_version"] = doc.FormatVersion,
            ["files_listed"] = (long)doc.Files.Select(f => IntegrityCheck.Normalize(f.Path)).Distinct().Count(),
        };
        if (report is null)
        {
            foreach (var name in new[] { "files_verified", "files_missing", "files_changed", "files_extra", "missing_files", "changed_files",
                         "rejected_files", "weak_files", "extra_files" })
                facts[name] = Absent(noRoot);
        }
        else
        {
            static JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode)n).ToArray());
            facts["files_verified"] = report.NothingVerified is { } why ? Absent(why) : (long)report.Count(FileState.Verified);
            facts["files_missing"] = (long)report.Count(FileState.Missing);
            facts["files_changed"] = (long)report.Count(FileState.Changed);
            facts["files_extra"] = (long)report.Extra.Count;
            facts["missing_files"] = Names(report.In(FileState.Missing));
            facts["changed_files"] = Names(report.In(FileState.Changed));
            facts["rejected_files"] = Names(report.In(FileState.Rejected));
            facts["weak_files"] = Names(report.In(FileState.WeakOnly));
            facts["extra_files"] = Names(report.Extra.Take(IntegrityCheck.MaxExtraListed));
        }
        if (doc.ReleaseNotes is not null) facts["release_notes"] = ReleaseNotes(doc.ReleaseNotes);
        return facts;
    }

    /// <summary>A list of objects held as the JSON text of it (a JsonDocument over UTF-8), not as a tree of nodes: a node tree
    /// costs about a kilobyte per component, several times the SBOM it came from. Each object is made, written and let go;
    /// the array reads as any other (its nodes are made when first read) and is written back from the text as it is.</summary>
    static JsonArray Compact(IEnumerable<JsonObject> items)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
                   { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items) item.WriteTo(writer);
            writer.WriteEndArray();
        }
        // ParseValue: the element's own document, in arrays of its size (not rented ones rounded up to a power of two).
        var reader = new System.Text.Json.Utf8JsonReader(buffer.WrittenSpan);
        return JsonArray.Create(System.Text.Json.JsonElement.ParseValue(ref reader))!;
    }

    /// <summary>Release notes: present, and headings on features, fixes and environment dependencies (in English or Chinese).
    /// Read as a bounded regular file; one that is not there, or not a file, is "not present".</summary>
    static JsonObject ReleaseNotes(string file)
    {
        if (InputFiles.Refusal(file, InputKind.Text) is not null)
            return new JsonObject { ["present"] = false, ["features"] = false, ["fixes"] = false, ["dependencies"] = false };
        var headings = InputFiles.ReadAllText(file, InputKind.Text).Split('\n').Where(l => l.TrimStart().StartsWith('#')).Select(l => l.ToLowerInvariant()).ToList();
        bool Has(params string[] words) => headings.Any(h => words.Any(w => h.Contains(w, StringComparison.Ordinal)));
        return new JsonObject
        {
            ["present"] = true,
            ["features"] = Has("feature", "新功能", "新增", "功能"),
            ["fixes"] = Has("fix", "修复", "缺陷"),
            ["dependencies"] = Has("dependenc", "requirement", "依赖", "环境"),
        };
    }
}
