using Iq.Rules.Messages;
using System.Text.Json.Nodes;
using Iq.Engine.Evidence.Integrity;

namespace Iq.Engine.Evidence.Manifests;

/// <summary>SPDX 2.1–2.3, JSON and tag-value. The described package (documentDescribes, else the first) is the
/// installation package; the other packages are components; <c>files[]</c> with checksums are the files, each joined to
/// the package that CONTAINS it. A package whose packageFileName is a file under the root is hashed as one.</summary>
static class Spdx
{
    public static readonly string[] Versions = ["SPDX-2.1", "SPDX-2.2", "SPDX-2.3"];

    sealed record Package(string Id, string Name, string? Version, string? FileName, List<(string Alg, string Value, string Where)> Checksums, string? Purl, string Where);
    sealed record SpdxFile(string Id, string Name, List<(string Alg, string Value, string Where)> Checksums);

    public static ManifestDocument ReadJson(JsonSource src, JsonObject o)
    {
        var version = src.Str(o["spdxVersion"], "$.spdxVersion");
        if (!Versions.Contains(version)) throw src.Fail("$.spdxVersion", Msg.SpdxJsonUnsupported.With(version));
        var packages = src.Arr(o["packages"], "$.packages").Select((n, i) =>
        {
            var at = $"$.packages[{i}]";
            var p = src.Obj(n, at);
            return new Package(src.Str(p?["SPDXID"], at + ".SPDXID"), src.Str(p?["name"], at + ".name"), src.Str(p?["versionInfo"], at + ".versionInfo", false),
                src.Str(p?["packageFileName"], at + ".packageFileName", false),
                src.Arr(p?["checksums"], at + ".checksums").Select((n, j) => src.Obj(n, $"{at}.checksums[{j}]")).Select((c, j) => (src.Str(c?["algorithm"], $"{at}.checksums[{j}].algorithm"),
                    src.Str(c?["checksumValue"], $"{at}.checksums[{j}].checksumValue"), $"{at}.checksums[{j}]")).ToList(),
                src.Arr(p?["externalRefs"], at + ".externalRefs").Where(r => JsonSource.Opt((r as JsonObject)?["referenceType"]) == "purl")
                    .Select(r => JsonSource.Opt((r as JsonObject)?["referenceLocator"])).FirstOrDefault(), at);
        }).ToList();
        var files = src.Arr(o["files"], "$.files").Select((n, i) =>
        {
            var at = $"$.files[{i}]";
            var f = src.Obj(n, at);
            return new SpdxFile(src.Str(f?["SPDXID"], at + ".SPDXID"), src.Str(f?["fileName"], at + ".fileName"),
                src.Arr(f?["checksums"], at + ".checksums").Select((n, j) => src.Obj(n, $"{at}.checksums[{j}]")).Select((c, j) => (src.Str(c?["algorithm"], $"{at}.checksums[{j}].algorithm"),
                    src.Str(c?["checksumValue"], $"{at}.checksums[{j}].checksumValue"), $"{at}.checksums[{j}]")).ToList());
        }).ToList();
        var ids = new Identifiers((at, why) => src.Fail(at, why));
        if (o["SPDXID"] is not null) ids.Define(src.Str(o["SPDXID"], "$.SPDXID"), "$.SPDXID");
        for (var i = 0; i < packages.Count; i++) ids.Define(packages[i].Id, $"$.packages[{i}].SPDXID");
        for (var i = 0; i < files.Count; i++) ids.Define(files[i].Id, $"$.files[{i}].SPDXID");
        var snippets = src.Arr(o["snippets"], "$.snippets");
        for (var i = 0; i < snippets.Count; i++)
            ids.Define(src.Str(src.Obj(snippets[i], $"$.snippets[{i}]")?["SPDXID"], $"$.snippets[{i}].SPDXID"), $"$.snippets[{i}].SPDXID");
        var relationships = src.Arr(o["relationships"], "$.relationships");
        for (var i = 0; i < relationships.Count; i++)
        {
            var r = src.Obj(relationships[i], $"$.relationships[{i}]");
            ids.Refer(src.Str(r?["spdxElementId"], $"$.relationships[{i}].spdxElementId"), $"$.relationships[{i}].spdxElementId", orNone: false);
            ids.Refer(src.Str(r?["relatedSpdxElement"], $"$.relationships[{i}].relatedSpdxElement"), $"$.relationships[{i}].relatedSpdxElement", orNone: true);
        }
        var described = src.Arr(o["documentDescribes"], "$.documentDescribes");
        for (var i = 0; i < described.Count; i++) ids.Refer(src.Str(described[i], $"$.documentDescribes[{i}]"), $"$.documentDescribes[{i}]", orNone: false);
        ids.CheckReferences();
        var contains = src.Arr(o["relationships"], "$.relationships")
            .Where(r => JsonSource.Opt((r as JsonObject)?["relationshipType"]) is "CONTAINS")
            .Select(r => (JsonSource.Opt((r as JsonObject)?["spdxElementId"]) ?? "", JsonSource.Opt((r as JsonObject)?["relatedSpdxElement"]) ?? "")).ToList();
        var describes = src.Arr(o["documentDescribes"], "$.documentDescribes").Select(JsonSource.Opt).FirstOrDefault(d => d is not null)
            ?? src.Arr(o["relationships"], "$.relationships").Where(r => JsonSource.Opt((r as JsonObject)?["relationshipType"]) == "DESCRIBES" && JsonSource.Opt((r as JsonObject)?["spdxElementId"]) == "SPDXRef-DOCUMENT")
                .Select(r => JsonSource.Opt((r as JsonObject)?["relatedSpdxElement"])).FirstOrDefault();
        return Build(version, packages, files, contains, describes, src.Str(o["name"], "$.name", required: false));
    }

    public static ManifestDocument ReadTagValue(string file, string text)
    {
        string? version = null, describes = null;
        var packages = new List<Package>();
        var files = new List<SpdxFile>();
        var contains = new List<(string, string)>();
        object? current = null; // the package or file the next fields belong to
        var ids = new Identifiers((at, why) => new EvidenceInputException(Msg.SpdxLineAt.With(file, at[5..], why)));
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new EvidenceInputException(Msg.SpdxNotTagValue.With(file, n + 1, Cut(line)));
            var tag = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.StartsWith("<text>", StringComparison.Ordinal))
            {
                // A value may span lines up to </text>.
                var start = n;
                while (!value.Contains("</text>", StringComparison.Ordinal))
                {
                    if (++n >= lines.Length) throw new EvidenceInputException(Msg.SpdxTextUnclosed.With(file, start + 1, tag));
                    value += "\n" + lines[n];
                }
                value = value[6..value.IndexOf("</text>", StringComparison.Ordinal)];
            }
            var where = $"line {n + 1}";
            switch (tag)
            {
                case "SPDXVersion": version = value; break;
                case "PackageName": packages.Add(new Package("", value, null, null, [], null, where)); current = packages[^1]; break;
                case "FileName": files.Add(new SpdxFile("", value, [])); current = files[^1]; break;
                case "SPDXID" when current is Package p: ids.Define(value, where); packages[^1] = p with { Id = value }; current = packages[^1]; break;
                case "SPDXID" when current is SpdxFile f: ids.Define(value, where); files[^1] = f with { Id = value }; current = files[^1]; break;
                case "SPDXID" or "SnippetSPDXID": ids.Define(value, where); break; // the document's (before any section), a snippet's
                case "PackageVersion" when current is Package p: packages[^1] = p with { Version = value }; current = packages[^1]; break;
                case "PackageFileName" when current is Package p: packages[^1] = p with { FileName = value }; current = packages[^1]; break;
                case "ExternalRef" when current is Package p && value.Split(' ', 3) is [_, "purl", var purl]:
                    packages[^1] = p with { Purl = purl }; current = packages[^1]; break;
                case "PackageChecksum" or "FileChecksum":
                {
                    var c = value.IndexOf(':');
                    if (c <= 0) throw new EvidenceInputException(Msg.SpdxBadChecksum.With(file, n + 1, Cut(value)));
                    var sum = (value[..c].Trim(), value[(c + 1)..].Trim(), where);
                    if (tag == "PackageChecksum" && current is Package pc) pc.Checksums.Add(sum);
                    else if (tag == "FileChecksum" && current is SpdxFile fc) fc.Checksums.Add(sum);
                    else throw new EvidenceInputException(Msg.SpdxOutsideSection.With(file, n + 1, tag, tag == "FileChecksum" ? "FileName" : "PackageName"));
                    break;
                }
                case "Relationship":
                {
                    var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length != 3) throw new EvidenceInputException(Msg.SpdxBadRelationship.With(file, n + 1, Cut(value)));
                    ids.Refer(parts[0], where, orNone: false);
                    ids.Refer(parts[2], where, orNone: true);
                    if (parts[1] == "CONTAINS") contains.Add((parts[0], parts[2]));
                    if (parts[1] == "DESCRIBES" && parts[0] == "SPDXRef-DOCUMENT") describes ??= parts[2];
                    break;
                }
            }
        }
        if (version is null) throw new EvidenceInputException(Msg.SpdxNoVersion.With(file));
        if (!Versions.Contains(version)) throw new EvidenceInputException(Msg.SpdxUnsupported.With(file, version));
        ids.CheckReferences();
        return Build(version, packages, files, contains, describes, DocumentName(text) ?? Path.GetFileNameWithoutExtension(file));
    }

    /// <summary>The document's SPDX identifiers. SPDX 2.3 on every SPDXID (document, package, file, snippet): "Uniquely
    /// identify any element in an SPDX document which may be referenced by other elements." A relationship's
    /// <c>spdxElementId</c> and <c>relatedSpdxElement</c> (and <c>documentDescribes</c>) name such an element, one of another
    /// document (<c>DocumentRef-…:SPDXRef-…</c>), or, as the related element only, NONE or NOASSERTION. An identifier
    /// given twice, or a reference to an element that is not there, leaves which package a file belongs to a guess:
    /// refused, naming both places (references are checked once the whole document is read; they may come first).</summary>
    sealed class Identifiers(Func<string, MessageText, Exception> fail)
    {
        readonly Dictionary<string, string> defined = new(StringComparer.Ordinal);
        readonly List<(string Id, string Where)> referred = [];

        public void Define(string id, string where)
        {
            if (!defined.TryAdd(id, where)) throw fail(where, Msg.SpdxIdTwice.With(id, defined[id]));
        }

        public void Refer(string id, string where, bool orNone)
        {
            if (orNone && id is "NONE" or "NOASSERTION") return;
            if (id.StartsWith("DocumentRef-", StringComparison.Ordinal) && id.Contains(':')) return;
            referred.Add((id, where));
        }

        public void CheckReferences()
        {
            foreach (var (id, where) in referred)
                if (!defined.ContainsKey(id)) throw fail(where, Msg.SpdxIdUnknown.With(id));
        }
    }

    static string? DocumentName(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("DocumentName:", StringComparison.Ordinal))?[13..].Trim();

    static string Cut(string s) => s.Length <= 60 ? s : s[..60] + "…";

    static ManifestDocument Build(string version, List<Package> packages, List<SpdxFile> files, List<(string From, string To)> contains,
        string? describes, string? documentName = null)
    {
        var main = packages.FirstOrDefault(p => p.Id == describes) ?? packages.FirstOrDefault();
        var digests = new List<FileDigest>();
        foreach (var f in files)
            foreach (var c in f.Checksums) digests.Add(new FileDigest(f.Name, c.Alg, c.Value, c.Where));
        var fileById = files.Where(f => f.Id.Length > 0 && f.Checksums.Count > 0).GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var owned = new HashSet<string>();
        var components = new List<ManifestComponent>();
        foreach (var p in packages.Where(p => p != main))
        {
            var paths = contains.Where(r => r.From == p.Id && fileById.ContainsKey(r.To)).Select(r => fileById[r.To]).ToList();
            owned.UnionWith(paths);
            // A package file name that is a file (an archive, an installer) is hashed as one; a folder cannot be.
            var hashedAsFile = p.FileName is { Length: > 0 } fn && p.Checksums.Count > 0 && Path.HasExtension(fn);
            if (hashedAsFile)
            {
                foreach (var c in p.Checksums) digests.Add(new FileDigest(p.FileName!, c.Alg, c.Value, c.Where));
                paths.Add(p.FileName!);
            }
            components.Add(new ManifestComponent(p.Name, p.Version, null, Purl.Source(p.Purl), paths, p.Checksums.Count > 0 && !hashedAsFile, p.Where));
        }
        var top = fileById.Values.Where(f => !owned.Contains(f)).ToList();
        if (top.Count > 0 && main is not null) components.Insert(0, new ManifestComponent(main.Name, main.Version, null, Purl.Source(main.Purl), top, false, main.Where));
        return new ManifestDocument("spdx", version, main?.Name ?? documentName ?? "", main?.Version ?? "", components, digests, [], null);
    }
}
