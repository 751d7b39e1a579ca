using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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

    public static JsonObject Read(string path, string? root, string? pattern)
    {
        if (!File.Exists(path)) throw new EvidenceInputException($"{path}: file not found");
        JsonNode? doc;
        try { doc = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: new JsonDocumentOptions { MaxDepth = 64 }); }
        catch (JsonException e) { throw new EvidenceInputException($"{path}:{(e.LineNumber ?? 0) + 1}: malformed JSON: {e.Message.Split(" LineNumber:")[0]}"); }
        if (doc is not JsonObject o) throw new EvidenceInputException($"{path}: expected a JSON object at $");

        string Str(JsonNode? n, string at, bool required = true) => n switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            null when !required => "",
            _ => throw new EvidenceInputException($"{path}: expected a string at {at}"),
        };
        JsonArray Arr(JsonNode? n, string at) => n as JsonArray ?? (n is null ? [] : throw new EvidenceInputException($"{path}: expected a list at {at}"));

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

        // On-disk comparison
        long missing = 0, changed = 0, extra = 0;
        var statuses = components.Select(c =>
        {
            if (root is null || c.Path is not { Length: > 0 } p || c.Sha256 is not { Length: > 0 } expected) return "ok";
            var file = System.IO.Path.Combine(root, p);
            if (!File.Exists(file)) { missing++; return "missing"; }
            using var stream = File.OpenRead(file);
            if (!Convert.ToHexStringLower(SHA256.HashData(stream)).Equals(expected, StringComparison.OrdinalIgnoreCase)) { changed++; return "changed"; }
            return "ok";
        }).ToList();
        if (root is not null)
        {
            if (!Directory.Exists(root)) throw new EvidenceInputException($"{root}: root folder not found");
            var listed = components.Where(c => c.Path is { Length: > 0 }).Select(c => c.Path!.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
            if (listed.Count > 0)
                extra = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Count(f => !listed.Contains(System.IO.Path.GetRelativePath(root, f).Replace('\\', '/')));
        }

        var schemeOk = pattern is null ? SemVer().IsMatch(version) : Regex.IsMatch(version, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
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

    /// <summary>Release notes: present, and headings on features, fixes and environment dependencies (in English or Chinese).</summary>
    static JsonObject ReleaseNotes(string file)
    {
        if (!File.Exists(file)) return new JsonObject { ["present"] = false, ["features"] = false, ["fixes"] = false, ["dependencies"] = false };
        var headings = File.ReadLines(file).Where(l => l.TrimStart().StartsWith('#')).Select(l => l.ToLowerInvariant()).ToList();
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
