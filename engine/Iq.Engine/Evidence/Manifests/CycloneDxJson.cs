using Iq.Rules.Messages;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Evidence.Integrity;

namespace Iq.Engine.Evidence.Manifests;

/// <summary>CycloneDX 1.4–1.7 JSON. Components nest (<c>components[].components[]</c>) and are read at every depth;
/// file paths come from <c>type: file</c> components (the name is the path) and <c>evidence.occurrences[].location</c>.
/// Read from a <see cref="JsonDocument"/> (the bytes and a compact index of them), not a tree of nodes: an SBOM of
/// 200,000 components is read in a small multiple of its size.</summary>
static class CycloneDxJson
{
    public static readonly string[] Versions = ["1.4", "1.5", "1.6", "1.7"];

    public static ManifestDocument Read(JsonSource src, JsonElement o)
    {
        if (src.Str(JsonSource.Get(o, "bomFormat"), "$.bomFormat") != "CycloneDX") throw src.Fail("$.bomFormat", Msg.CdxNotCycloneDx.Text);
        var spec = src.Str(JsonSource.Get(o, "specVersion"), "$.specVersion");
        if (!Versions.Contains(spec)) throw src.Fail("$.specVersion", Msg.CdxUnsupported.With(spec));
        var main = src.Obj(JsonSource.Get(src.Obj(JsonSource.Get(o, "metadata"), "$.metadata"), "component"), "$.metadata.component");
        var id = src.Str(JsonSource.Get(main, "name"), "$.metadata.component.name");
        var version = src.Str(JsonSource.Get(main, "version"), "$.metadata.component.version", required: false);
        var components = new List<ManifestComponent>();
        var files = new List<FileDigest>();
        var topFiles = new List<string>();
        if (JsonSource.Get(main, "components") is { } nested)
            Walk(src, nested, "$.metadata.component.components", components, files, topFiles);
        Walk(src, JsonSource.Get(o, "components"), "$.components", components, files, topFiles);
        CheckRefs(src, o);
        if (topFiles.Count > 0) components.Insert(0, new ManifestComponent(id, version, null, null, topFiles, false, "$.metadata.component"));
        return new ManifestDocument("cyclonedx", spec, id, version ?? "", components, files, [], null);
    }

    /// <summary>Components at one level; returns the file paths found at this level and below (for the parent).</summary>
    static void Walk(JsonSource src, JsonElement? node, string at, List<ManifestComponent> components, List<FileDigest> files, List<string> parentFiles)
    {
        var i = -1;
        foreach (var c in src.Arr(node, at))
        {
            var here = $"{at}[{++i}]";
            if (c.ValueKind != JsonValueKind.Object) throw src.Fail(here, Msg.JsonExpectedObject.Text);
            var type = src.Str(JsonSource.Get(c, "type"), here + ".type");
            var name = src.Str(JsonSource.Get(c, "name"), here + ".name");
            var hashes = new List<(string Alg, string Content, string Where)>();
            var j = -1;
            foreach (var h in src.Arr(JsonSource.Get(c, "hashes"), here + ".hashes"))
            {
                var hat = $"{here}.hashes[{++j}]";
                var ho = src.Obj(h, hat);
                hashes.Add((src.Str(JsonSource.Get(ho, "alg"), hat + ".alg"), src.Str(JsonSource.Get(ho, "content"), hat + ".content"), hat));
            }
            var occurrences = new List<string>();
            j = -1;
            foreach (var x in src.Arr(JsonSource.Get(src.Obj(JsonSource.Get(c, "evidence"), here + ".evidence"), "occurrences"), here + ".evidence.occurrences"))
            {
                var xat = $"{here}.evidence.occurrences[{++j}]";
                occurrences.Add(src.Str(JsonSource.Get(src.Obj(x, xat), "location"), xat + ".location"));
            }
            var paths = type == "file" ? (occurrences.Count > 0 ? occurrences : [name]) : occurrences;
            foreach (var p in paths)
                foreach (var h in hashes) files.Add(new FileDigest(p, h.Alg, h.Content, h.Where));
            var own = hashes.Count > 0 ? paths : [];
            var below = new List<string>();
            if (type == "file")
            {
                parentFiles.AddRange(own);
                Walk(src, JsonSource.Get(c, "components"), here + ".components", components, files, parentFiles);
                continue;
            }
            var index = components.Count;
            components.Add(null!);
            Walk(src, JsonSource.Get(c, "components"), here + ".components", components, files, below);
            components[index] = new ManifestComponent(name, src.Str(JsonSource.Get(c, "version"), here + ".version", required: false), null,
                Purl.Source(src.Str(JsonSource.Get(c, "purl"), here + ".purl", required: false)), [.. own, .. below], hashes.Count > 0 && own.Count == 0, here);
        }
    }

    /// <summary>The BOM's identifiers. CycloneDX 1.4–1.7, on every bom-ref: "An optional identifier which can be used to
    /// reference the component elsewhere in the BOM. Every bom-ref MUST be unique within the BOM." A dependency's
    /// <c>ref</c>, <c>dependsOn[]</c> and <c>provides[]</c> are refLinkType: "Descriptor for an element identified by the
    /// attribute 'bom-ref' in the same BOM document." A bom-ref given twice (two components under one identifier) or a
    /// dependency on an element that is not there is a BOM that contradicts itself: refused, naming both places.</summary>
    static void CheckRefs(JsonSource src, JsonElement o)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(o, "$");
        var i = -1;
        foreach (var d in src.Arr(JsonSource.Get(o, "dependencies"), "$.dependencies"))
        {
            var at = $"$.dependencies[{++i}]";
            var dep = src.Obj(d, at);
            Known(src.Str(JsonSource.Get(dep, "ref"), at + ".ref"), at + ".ref");
            foreach (var member in (ReadOnlySpan<string>)["dependsOn", "provides"])
            {
                var j = -1;
                foreach (var r in src.Arr(JsonSource.Get(dep, member), $"{at}.{member}"))
                {
                    var rat = $"{at}.{member}[{++j}]";
                    Known(src.Str(r, rat), rat);
                }
            }
        }

        void Known(string r, string at)
        {
            if (!refs.ContainsKey(r)) throw src.Fail(at, Msg.CdxRefUnknown.With(r));
        }

        // Every object of the BOM, at any depth (metadata, components, services, vulnerabilities …): the schema's rule is the
        // whole BOM's. Nesting is bounded by the parser (256 levels).
        void Collect(JsonElement e, string at)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                var k = 0;
                foreach (var x in e.EnumerateArray())
                {
                    if (x.ValueKind is JsonValueKind.Object or JsonValueKind.Array) Collect(x, $"{at}[{k}]");
                    k++;
                }
                return;
            }
            foreach (var p in e.EnumerateObject())
            {
                if (p.NameEquals("bom-ref"))
                {
                    var here = at + ".bom-ref";
                    var r = src.Str(p.Value, here);
                    if (!refs.TryAdd(r, here)) throw src.Fail(here, Msg.CdxBomRefTwice.With(r, refs[r]));
                }
                else if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) Collect(p.Value, $"{at}.{p.Name}");
            }
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

    // The same over a JsonDocument's elements (CycloneDX, read without a tree of nodes). A member that is JSON null is
    // absent, as it is for a JsonNode.

    /// <summary>The member <paramref name="name"/> of an object, or nothing (absent, JSON null, or not an object).</summary>
    public static JsonElement? Get(JsonElement? o, string name) =>
        o is { ValueKind: JsonValueKind.Object } x && x.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public string Str(JsonElement? n, string at, bool required = true) => n switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString()!,
        null or { ValueKind: JsonValueKind.Null } when !required => null!,
        null or { ValueKind: JsonValueKind.Null } => throw Fail(at.Contains('.') ? at[..at.LastIndexOf('.')] : at, Msg.JsonMissingMember.With(at[(at.LastIndexOf('.') + 1)..])),
        _ => throw Fail(at, Msg.JsonExpectedString.Text),
    };

    public JsonElement? Obj(JsonElement? n, string at) => n switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Object } v => v,
        _ => throw Fail(at, Msg.JsonExpectedObject.Text),
    };

    public IEnumerable<JsonElement> Arr(JsonElement? n, string at) => n switch
    {
        null or { ValueKind: JsonValueKind.Null } => [],
        { ValueKind: JsonValueKind.Array } v => v.EnumerateArray(),
        _ => throw Fail(at, Msg.JsonExpectedList.Text),
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

    public static JsonObject Parse(string file, byte[] bytes, out JsonSource src) =>
        JsonObject.Create(ParseDocument(file, bytes, out src).RootElement)!;

    /// <summary>The document as a <see cref="JsonDocument"/>, its root an object, with the checks and messages of every
    /// JSON reader of iq (UTF-8, well formed, no member named twice).</summary>
    public static JsonDocument ParseDocument(string file, byte[] bytes, out JsonSource src)
    {
        src = new JsonSource(file, bytes);
        try { _ = Strict.GetCharCount(bytes); }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new EvidenceInputException(Msg.CdxNotUtf8.With(file, (e.BytesUnknown?.FirstOrDefault() ?? 0).ToString("X2", System.Globalization.CultureInfo.InvariantCulture), e.Index));
        }
        // A byte-order mark is dropped as by every JSON reader of iq: positions count from after it.
        bytes = Iq.Rules.Io.JsonInput.Text(bytes, file, out _)!;
        src = new JsonSource(file, bytes);
        JsonDocument doc;
        // Nested components go deep, so 256 levels; a member named twice is refused, as in every JSON iq reads.
        try { doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e)
        {
            var d = Iq.Rules.Io.JsonInput.Malformed(e, file, bytes);
            throw new EvidenceInputException(Msg.CdxMalformedJson.With(d.Span, d.Text.Values[0]));
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw src.Fail("$", Msg.JsonExpectedJsonObject.Text);
        }
        return doc;
    }
}
