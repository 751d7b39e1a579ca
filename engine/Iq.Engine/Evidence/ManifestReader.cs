using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Rules.Io;

namespace Iq.Engine.Evidence;

/// <summary>A version manifest to a <c>manifest</c> fact document (IQ 5.5.1, 6.6.1): the project's own format, a CycloneDX
/// 1.4–1.6 JSON SBOM, or SPDX 2.3 JSON. With a root folder every listed file is hashed on disk and compared (missing,
/// changed, and files present but not listed). The version is checked against SemVer or a given pattern; the release
/// notes, when the manifest names them, for sections on features, fixes and environment dependencies.
/// A wrong type is an error naming the JSON path.</summary>
public static partial class ManifestReader
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex SemVer();

    sealed record Component(string Name, string? Version, string? Tag, string? Sha256, string? Path);

    public static JsonObject Read(string path, string? root, string? pattern, CancellationToken cancel = default)
    {
        if (InputFiles.Refusal(path, InputKind.Manifest) is { Code: Rules.Diagnostics.Codes.FileNotFound }) throw new EvidenceInputException($"{path}: file not found");
        if (root is not null && InputFiles.FolderRefusal(root) is { } notFolder && notFolder.Code != Rules.Diagnostics.Codes.FileNotFound) throw notFolder;
        Regex? scheme = null;
        if (pattern is not null)
        {
            try { scheme = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
            catch (ArgumentException e) { throw new EvidenceInputException($"--pattern: invalid pattern: {e.Message}"); }
        }
        return FromBytes(InputFiles.ReadAllBytes(path, InputKind.Manifest), path, root, scheme, cancel);
    }

    /// <summary>The manifest in <paramref name="bytes"/>, read from <paramref name="path"/> (which names it in errors and anchors
    /// its release notes).</summary>
    public static JsonObject FromBytes(byte[] bytes, string path, string? root, Regex? scheme, CancellationToken cancel = default)
    {
        if (JsonInput.NotUtf8(bytes, path) is { } notText) throw new EvidenceInputException($"{notText.Span}: {notText.Message}");
        JsonNode? doc;
        try { doc = JsonNode.Parse(bytes, documentOptions: JsonInput.Options); }
        catch (JsonException e) { throw new EvidenceInputException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: malformed JSON: {e.Message.Split(" LineNumber:")[0].Split(" Path:")[0]}"); }
        if (doc is not JsonObject o) throw new EvidenceInputException($"{path}: expected a JSON object at $");

        string Where(string at)
        {
            // "$.components[].alg" names no one element: locate its list instead.
            var (line, column) = JsonPositions.Find(bytes, at.Contains("[]", StringComparison.Ordinal) ? at[..at.IndexOf("[]", StringComparison.Ordinal)] : at);
            return $"{path}:{line}:{column}";
        }
        string Str(JsonNode? n, string at, bool required = true) => n switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            null when !required => "",
            _ => throw new EvidenceInputException($"{Where(at)}: expected a string at {at}"),
        };
        JsonArray Arr(JsonNode? n, string at) => n as JsonArray ?? (n is null ? [] : throw new EvidenceInputException($"{Where(at)}: expected a list at {at}"));

        string kind, id, version;
        var components = new List<Component>();
        var documents = new List<(string Name, string Version)>();
        string? notes = null;
        if (o["bomFormat"] is not null)
        {
            kind = "cyclonedx";
            if (Str(o["bomFormat"], "$.bomFormat") != "CycloneDX") throw new EvidenceInputException($"{path}: $.bomFormat is not CycloneDX");
            var spec = Str(o["specVersion"], "$.specVersion");
            if (spec is not ("1.4" or "1.5" or "1.6")) throw new EvidenceInputException($"{path}: CycloneDX {spec} is not supported (1.4–1.6) at $.specVersion");
            var main = o["metadata"]?["component"];
            id = Str(main?["name"], "$.metadata.component.name");
            version = Str(main?["version"], "$.metadata.component.version");
            var list = Arr(o["components"], "$.components");
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                var hashes = Arr(c?["hashes"], $"$.components[{i}].hashes");
                var sha = hashes.FirstOrDefault(h => Str(h?["alg"], $"$.components[{i}].hashes[].alg") == "SHA-256")?["content"];
                components.Add(new Component(Str(c?["name"], $"$.components[{i}].name"), Str(c?["version"], $"$.components[{i}].version", false),
                    null, sha is null ? null : Str(sha, $"$.components[{i}].hashes[].content"), null));
            }
        }
        else if (o["spdxVersion"] is not null)
        {
            kind = "spdx";
            if (Str(o["spdxVersion"], "$.spdxVersion") != "SPDX-2.3") throw new EvidenceInputException($"{path}: only SPDX-2.3 is supported at $.spdxVersion");
            var packages = Arr(o["packages"], "$.packages");
            if (packages.Count == 0) throw new EvidenceInputException($"{path}: no packages at $.packages");
            id = Str(packages[0]?["name"], "$.packages[0].name");
            version = Str(packages[0]?["versionInfo"], "$.packages[0].versionInfo", false);
            for (var i = 1; i < packages.Count; i++)
                components.Add(new Component(Str(packages[i]?["name"], $"$.packages[{i}].name"), Str(packages[i]?["versionInfo"], $"$.packages[{i}].versionInfo", false), null, null, null));
            var files = Arr(o["files"], "$.files");
            for (var i = 0; i < files.Count; i++)
            {
                var sha = Arr(files[i]?["checksums"], $"$.files[{i}].checksums").FirstOrDefault(h => Str(h?["algorithm"], $"$.files[{i}].checksums[].algorithm") == "SHA256")?["checksumValue"];
                var name = Str(files[i]?["fileName"], $"$.files[{i}].fileName");
                components.Add(new Component(name, null, null, sha is null ? null : Str(sha, $"$.files[{i}].checksums[].checksumValue"), name.TrimStart('.', '/')));
            }
        }
        else
        {
            kind = "iq";
            id = Str(o["package"]?["id"], "$.package.id");
            version = Str(o["package"]?["version"], "$.package.version");
            var list = Arr(o["components"], "$.components");
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                components.Add(new Component(Str(c?["name"], $"$.components[{i}].name"), Str(c?["version"], $"$.components[{i}].version", false),
                    Str(c?["tag"], $"$.components[{i}].tag", false), Str(c?["sha256"], $"$.components[{i}].sha256", false), Str(c?["path"], $"$.components[{i}].path", false)));
            }
            var docs = Arr(o["documents"], "$.documents");
            for (var i = 0; i < docs.Count; i++)
                documents.Add((Str(docs[i]?["name"], $"$.documents[{i}].name"), Str(docs[i]?["version"], $"$.documents[{i}].version")));
            notes = o["release_notes"] is null ? null : Str(o["release_notes"], "$.release_notes");
        }

        // On-disk comparison: every listed path stays inside --root (no "..", no absolute path, no link leading out), and
        // only regular files are hashed (a FIFO would block, /dev/zero would never end).
        long missing = 0, changed = 0, extra = 0;
        if (root is not null && !Directory.Exists(root)) throw new EvidenceInputException($"{root}: root folder not found");
        var statuses = components.Select((c, i) =>
        {
            if (root is null || c.Path is not { Length: > 0 } p || c.Sha256 is not { Length: > 0 } expected) return "ok";
            var normal = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetFullPath(root), p));
            var rel = System.IO.Path.GetRelativePath(System.IO.Path.GetFullPath(root), normal);
            if (System.IO.Path.IsPathRooted(p) || rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(rel))
                throw new InputFileException(path, Rules.Diagnostics.Codes.NotRegularFile, $"{kind switch { "iq" => "$.components", "spdx" => "$.files", _ => "$.components" }}[{i}].path '{p}' leads out of --root");
            var file = System.IO.Path.Combine(root, p);
            var facts = FileFacts.Of(file);
            if (facts.Kind == FileKind.Missing && FileFacts.Of(file, followLinks: false).Kind != FileKind.Link) { missing++; return "missing"; }
            if (!InputFiles.IsWithin(file, root)) throw new InputFileException(file, Rules.Diagnostics.Codes.NotRegularFile, "Not inside --root: a link to a file outside it");
            using var stream = InputFiles.OpenRead(file, InputKind.Log, 1 << 16, FileOptions.SequentialScan);
            cancel.ThrowIfCancellationRequested();
            if (!Convert.ToHexStringLower(SHA256.HashData(stream)).Equals(expected, StringComparison.OrdinalIgnoreCase)) { changed++; return "changed"; }
            return "ok";
        }).ToList();
        if (root is not null)
        {
            var listed = components.Where(c => c.Path is { Length: > 0 }).Select(c => c.Path!.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
            if (listed.Count > 0)
                extra = TreeWalker.Entries(root, cancel).Count(e => !listed.Contains(e.Relative));
        }

        bool schemeOk;
        try { schemeOk = scheme is null ? SemVer().IsMatch(version) : scheme.IsMatch(version); }
        catch (RegexMatchTimeoutException)
        {
            throw new EvidenceInputException($"--pattern: matching the version '{(version.Length > 40 ? version[..40] + "…" : version)}' took longer than 1 s (the pattern backtracks badly)");
        }
        var facts = new JsonObject
        {
            ["package"] = new JsonObject { ["id"] = id, ["version"] = version },
            ["version_scheme_ok"] = schemeOk,
            ["components"] = new JsonArray(components.Select((c, i) =>
            {
                var node = new JsonObject { ["name"] = c.Name, ["status"] = statuses[i] };
                if (c.Version is { Length: > 0 }) node["version"] = c.Version;
                if (c.Tag is { Length: > 0 }) node["tag"] = c.Tag;
                if (c.Sha256 is { Length: > 0 }) node["sha256"] = c.Sha256;
                if (c.Path is { Length: > 0 }) node["path"] = c.Path;
                return (JsonNode)node;
            }).ToArray()),
            ["documents"] = new JsonArray(documents.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["version"] = d.Version }).ToArray()),
            ["files_missing"] = missing,
            ["files_changed"] = changed,
            ["files_extra"] = extra,
            ["format"] = kind,
        };
        if (notes is not null) facts["release_notes"] = ReleaseNotes(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, notes));
        return facts;
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
