using Iq.Rules.Messages;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Evidence.Integrity;

namespace Iq.Engine.Evidence.Manifests;

/// <summary>CycloneDX 1.4–1.7 JSON. Components nest (<c>components[].components[]</c>) and are read at every depth;
/// file paths come from <c>type: file</c> components (the name is the path) and <c>evidence.occurrences[].location</c>.</summary>
static class CycloneDxJson
{
    public static readonly string[] Versions = ["1.4", "1.5", "1.6", "1.7"];

    public static ManifestDocument Read(JsonSource src, JsonObject o)
    {
        if (src.Str(o["bomFormat"], "$.bomFormat") != "CycloneDX") throw src.Fail("$.bomFormat", Msg.CdxNotCycloneDx.Text);
        var spec = src.Str(o["specVersion"], "$.specVersion");
        if (!Versions.Contains(spec)) throw src.Fail("$.specVersion", Msg.CdxUnsupported.With(spec));
        var main = src.Obj(src.Obj(o["metadata"], "$.metadata")?["component"], "$.metadata.component");
        var id = src.Str(main?["name"], "$.metadata.component.name");
        var version = src.Str(main?["version"], "$.metadata.component.version", required: false);
        var components = new List<ManifestComponent>();
        var files = new List<FileDigest>();
        var topFiles = new List<string>();
        if (main is { } m && m["components"] is not null)
            Walk(src, m["components"], "$.metadata.component.components", components, files, topFiles);
        Walk(src, o["components"], "$.components", components, files, topFiles);
        if (topFiles.Count > 0) components.Insert(0, new ManifestComponent(id, version, null, null, topFiles, false, "$.metadata.component"));
        return new ManifestDocument("cyclonedx", spec, id, version ?? "", components, files, [], null);
    }

    /// <summary>Components at one level; returns the file paths found at this level and below (for the parent).</summary>
    static void Walk(JsonSource src, JsonNode? node, string at, List<ManifestComponent> components, List<FileDigest> files, List<string> parentFiles)
    {
        var list = src.Arr(node, at);
        for (var i = 0; i < list.Count; i++)
        {
            var here = $"{at}[{i}]";
            var c = list[i] as JsonObject ?? throw src.Fail(here, Msg.JsonExpectedObject.Text);
            var type = src.Str(c["type"], here + ".type");
            var name = src.Str(c["name"], here + ".name");
            var hashes = src.Arr(c["hashes"], here + ".hashes").Select((h, j) => (
                Alg: src.Str(src.Obj(h, $"{here}.hashes[{j}]")?["alg"], $"{here}.hashes[{j}].alg"), Content: src.Str(src.Obj(h, $"{here}.hashes[{j}]")?["content"], $"{here}.hashes[{j}].content"), Where: $"{here}.hashes[{j}]")).ToList();
            var occurrences = src.Arr(src.Obj(c["evidence"], here + ".evidence")?["occurrences"], here + ".evidence.occurrences")
                .Select((x, j) => src.Str(src.Obj(x, $"{here}.evidence.occurrences[{j}]")?["location"], $"{here}.evidence.occurrences[{j}].location")).ToList();
            var paths = type == "file" ? (occurrences.Count > 0 ? occurrences : [name]) : occurrences;
            foreach (var p in paths)
                foreach (var h in hashes) files.Add(new FileDigest(p, h.Alg, h.Content, h.Where));
            var own = hashes.Count > 0 ? paths : [];
            var below = new List<string>();
            if (type == "file")
            {
                parentFiles.AddRange(own);
                Walk(src, c["components"], here + ".components", components, files, parentFiles);
                continue;
            }
            var index = components.Count;
            components.Add(null!);
            Walk(src, c["components"], here + ".components", components, files, below);
            components[index] = new ManifestComponent(name, src.Str(c["version"], here + ".version", required: false), null,
                Purl.Source(src.Str(c["purl"], here + ".purl", required: false)), [.. own, .. below], hashes.Count > 0 && own.Count == 0, here);
        }
    }
}

/// <summary>A JSON document being read: typed access that fails with the file, line, column and JSON path.</summary>
sealed class JsonSource(string file, byte[] bytes)
{
    public EvidenceInputException Fail(string jsonPath, MessageText message)
    {
        var (line, column) = Facts.JsonLocator.Find(bytes, jsonPath);
        return new EvidenceInputException(Msg.JsonAtPath.With($"{file}:{line}:{column}", message, jsonPath));
    }

    public string Str(JsonNode? n, string at, bool required = true) => n switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        null when !required => null!,
        null => throw Fail(at.Contains('.') ? at[..at.LastIndexOf('.')] : at, Msg.JsonMissingMember.With(at[(at.LastIndexOf('.') + 1)..])),
        _ => throw Fail(at, Msg.JsonExpectedString.Text),
    };

    /// <summary>An object or nothing: any other JSON value where an object belongs is refused at its path (indexing it by
    /// member name would throw).</summary>
    public JsonObject? Obj(JsonNode? n, string at) => n as JsonObject ?? (n is null ? null : throw Fail(at, Msg.JsonExpectedObject.Text));

    public JsonArray Arr(JsonNode? n, string at) => n as JsonArray ?? (n is null ? [] : throw Fail(at, Msg.JsonExpectedList.Text));

    /// <summary>A count (a whole number from 0 to <see cref="long.MaxValue"/>) or nothing: a fraction, a negative or a
    /// number too large for a count is refused at its path, as is any other JSON value.</summary>
    public long? Count(JsonNode? n, string at) => n switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var c) && c >= 0 => c,
        _ => throw Fail(at, Msg.JsonExpectedCount.Text),
    };

    /// <summary>A finite number or nothing (JSON null too): any other JSON value is refused at its path.</summary>
    public double? Num(JsonNode? n, string at) => n switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d) => d,
        _ => throw Fail(at, Msg.JsonExpectedNumber.Text),
    };

    /// <summary>A string if there is one, else null: for members read only to match (relationship types).</summary>
    public static string? Opt(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static readonly System.Text.UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public static JsonObject Parse(string file, byte[] bytes, out JsonSource src)
    {
        src = new JsonSource(file, bytes);
        try { _ = Strict.GetCharCount(bytes); }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new EvidenceInputException(Msg.CdxNotUtf8.With(file, (e.BytesUnknown?.FirstOrDefault() ?? 0).ToString("X2", System.Globalization.CultureInfo.InvariantCulture), e.Index));
        }
        JsonNode? doc;
        // Nested components go deep, so 256 levels; a member named twice is refused, as in every JSON iq reads.
        try { doc = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e)
        {
            var d = Iq.Rules.Io.JsonInput.Malformed(e, file, bytes);
            throw new EvidenceInputException(Msg.CdxMalformedJson.With(d.Span, d.Message["Malformed JSON: ".Length..]));
        }
        return doc as JsonObject ?? throw src.Fail("$", Msg.JsonExpectedJsonObject.Text);
    }
}
