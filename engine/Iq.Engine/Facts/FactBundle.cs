using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Diagnostics;
using Iq.Rules.Runtime;
using Iq.Rules.Syntax;
using Iq.Rules.Versions;

namespace Iq.Engine.Facts;

/// <summary>The facts of an audit, read from one or more bundle folders.</summary>
public sealed record FactBundle(FactValues Values, IReadOnlyList<InputFile> Inputs, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Diagnostics.All(d => d.Severity != Severity.Error);

    /// <summary>Each document read: where it is, its hash and what its header says (provenance, time, host, sources).</summary>
    public IReadOnlyList<FactDocumentInfo> Documents { get; init; } = [];
}

/// <summary>A fact document as read: its path as shown (<see cref="Display"/>) and on disk, its kind and root, the SHA-256
/// of the bytes read, and its header.</summary>
public sealed record FactDocumentInfo(string Display, string File, string Kind, string Root, string Sha256, DocumentHeader Header);

/// <summary>Reads a fact bundle: every <c>*.json</c> in the folders, each a document
/// <c>{ "kind", "schema": 1, "collected_at", "host", "tool", "facts": { … } }</c>, validated against the
/// schema. A malformed document is an error naming the file and the JSON path; no document is half read.
/// A value may be <c>null</c>, or <c>{"$absent": "why"}</c> / <c>{"$error": "why"}</c> as probes write it:
/// the fact is then missing, with the reason, and items reading it end as <c>error</c>.</summary>
public static class FactBundleReader
{
    public const int SchemaVersion = 1;
    public const long MaxDocumentBytes = 256L * 1024 * 1024;
    const int MaxDepth = 64;

    public static FactBundle Load(IEnumerable<string> directories, IFactSchema schema)
    {
        var diagnostics = new DiagnosticBag();
        var roots = new Dictionary<string, object?>(StringComparer.Ordinal);
        var inputs = new List<InputFile>();
        var seenKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var documents = new List<FactDocumentInfo>();
        foreach (var dir in directories)
        {
            if (!Directory.Exists(dir))
            {
                diagnostics.Error(Codes.BundleNotFound, File.Exists(dir) ? $"Not a folder: {dir}" : $"Fact bundle folder not found: {dir}", SourceSpan.None(dir));
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                var display = Path.Combine(dir, Path.GetFileName(file)).Replace('\\', '/');
                var doc = ReadDocument(file, display, schema, diagnostics);
                if (doc is null) continue;
                if (seenKinds.TryGetValue(doc.Value.Kind, out var other))
                {
                    diagnostics.Error(Codes.DuplicateDocument, $"Second '{doc.Value.Kind}' document in the bundle (the first is {other})", SourceSpan.None(display));
                    continue;
                }
                seenKinds[doc.Value.Kind] = display;
                roots[doc.Value.Root] = doc.Value.Value;
                inputs.Add(new InputFile(display, doc.Value.Kind, doc.Value.Sha256));
                documents.Add(new FactDocumentInfo(display, file, doc.Value.Kind, doc.Value.Root, doc.Value.Sha256, doc.Value.Header));
            }
        }
        SoftwareNames.Attach(roots);
        return new FactBundle(new FactValues(roots), inputs, Diagnostic.Sort(diagnostics.Items)) { Documents = documents };
    }

    static (string Kind, string Root, object? Value, string Sha256, DocumentHeader Header)? ReadDocument(string file, string display, IFactSchema schema, DiagnosticBag diagnostics)
    {
        var info = new FileInfo(file);
        if (info.Length > MaxDocumentBytes)
        {
            diagnostics.Error(Codes.BadDocument, $"Fact document too large ({info.Length} bytes; the limit is {MaxDocumentBytes})", SourceSpan.None(display));
            return null;
        }
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(Codes.BadDocument, $"Cannot read the fact document: {e.Message}", SourceSpan.None(display));
            return null;
        }
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ');
            diagnostics.Error(Codes.MalformedJson, $"Malformed JSON: {message}", new SourceSpan(display, line, column));
            return null;
        }
        using (json)
        {
            var errors = new Errors(display, bytes, diagnostics);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return errors.At("$", "a fact document must be a JSON object");
            if (!root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
                return errors.At(root.TryGetProperty("kind", out _) ? "$.kind" : "$", "a fact document needs \"kind\": a string such as \"environment\"");
            var kind = kindElement.GetString()!;
            var factRoot = schema.Roots.FirstOrDefault(r => r.Kind == kind);
            if (factRoot is null)
            {
                var kinds = schema.Roots.Select(r => r.Kind).ToList();
                var hint = Text.Suggest(kind, kinds) is { } s ? $"; did you mean '{s}'?" : $"; expected {Text.OrList(kinds)}";
                return errors.At("$.kind", $"unknown kind '{kind}'{hint}");
            }
            if (!root.TryGetProperty("schema", out var schemaElement) || schemaElement.ValueKind != JsonValueKind.Number
                || !schemaElement.TryGetInt32(out var version))
                return errors.At(root.TryGetProperty("schema", out _) ? "$.schema" : "$", $"a fact document needs \"schema\": {SchemaVersion}");
            if (version != SchemaVersion)
                return errors.At("$.schema", $"schema {version} is not supported; this engine reads schema {SchemaVersion}");
            foreach (var p in root.EnumerateObject())
                if (!DocumentHeader.Members.Contains(p.Name))
                    errors.At("$." + p.Name, $"unknown member '{p.Name}'; facts go under \"facts\"", name: true);
            var header = DocumentHeader.Read(root, factRoot, (path, message) => errors.At(path, message));
            if (!root.TryGetProperty("facts", out var facts))
                return errors.At("$", "a fact document needs \"facts\"");
            // Only the plan may say a requirement does not apply; a measured document has no say in that.
            errors.DeclaresNotApplicable = kind == "plan";
            var value = Convert(facts, factRoot.Type, "$.facts", factRoot.Name, errors);
            if (errors.Count > 0) return null;
            return (kind, factRoot.Name, value, System.Convert.ToHexStringLower(SHA256.HashData(bytes)), header);
        }
    }

    /// <summary>Checks the facts of a document that was not JSON on disk (a YAML model description): the same
    /// conversion as for bundle files, with positions given by <paramref name="locate"/> (JSON path, whether the member
    /// name is meant → line and column in the original file). Null when anything was wrong.</summary>
    public static object? Validate(JsonElement facts, FactRoot root, string display, Func<string, bool, (int Line, int Column)> locate,
        DiagnosticBag diagnostics)
    {
        var errors = new Errors(display, [], diagnostics, locate);
        var value = Convert(facts, root.Type, "$", root.Name, errors);
        return errors.Count > 0 ? null : value;
    }

    sealed class Errors(string file, byte[] bytes, DiagnosticBag diagnostics, Func<string, bool, (int, int)>? locate = null)
    {
        public int Count { get; private set; }
        public bool DeclaresNotApplicable { get; set; }

        /// <summary>A document that is not a fact document of this schema (IQ4003).</summary>
        public (string, string, object?, string, DocumentHeader)? At(string jsonPath, string message, bool name = false) =>
            Report(Codes.BadDocument, jsonPath, message, name);

        /// <summary>A fact of the wrong type (IQ4002).</summary>
        public void WrongType(string jsonPath, string message) => Report(Codes.WrongFactType, jsonPath, message, name: false);

        (string, string, object?, string, DocumentHeader)? Report(string code, string jsonPath, string message, bool name)
        {
            Count++;
            var (line, column) = locate is null ? JsonLocator.Find(bytes, jsonPath, name) : locate(jsonPath, name);
            diagnostics.Error(code, $"{message} at {jsonPath}", new SourceSpan(file, line, column));
            return null;
        }
    }

    /// <summary>JSON to run-time values, guided by the schema type; wrong types are reported with their path.</summary>
    /// <summary>A <c>source</c> member beside a version names its scheme (dpkg, rpm, python, npm …; see
    /// <see cref="VersionSchemes"/>): such a version is kept as written and parsed in that scheme when compared, so that one
    /// odd package version makes the items reading it <c>error</c>, not the whole bundle unreadable.</summary>
    static object? Convert(JsonElement e, IqType type, string jsonPath, string factPath, Errors errors, VersionScheme? scheme = null)
    {
        if (e.ValueKind == JsonValueKind.Null) return new Missing(factPath);
        if (e.ValueKind == JsonValueKind.Object && (e.TryGetProperty("$absent", out var why) || e.TryGetProperty("$error", out why)))
            return new Missing(factPath, e.TryGetProperty("$absent", out _) ? Absence.Absent : Absence.ProbeError, why.ToString());
        // {"not_applicable": "reason"} in place of a plan's value: the plan says the requirement does not apply, and why.
        // Not where the schema's object has a not_applicable member of its own (the parts of a model description, 001):
        // there it is that member, read as any other.
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("not_applicable", out var na) && e.EnumerateObject().Count() == 1
            && !(type is ObjectType declared && declared.Member("not_applicable") is not null))
        {
            if (!errors.DeclaresNotApplicable) return Wrong("a value: only the plan may declare a fact not applicable");
            if (na.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(na.GetString()))
            {
                errors.At(jsonPath + ".not_applicable", "expected the reason, a non-empty string: not applicable, because …");
                return null;
            }
            return new Missing(factPath, Absence.NotApplicable, na.GetString()!.Trim());
        }

        switch (type)
        {
            case ObjectType o:
            {
                if (e.ValueKind != JsonValueKind.Object) return Wrong("an object");
                var result = new FactObject();
                var memberScheme = e.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                    ? VersionSchemes.ForSource(source.GetString()) : null;
                foreach (var p in e.EnumerateObject())
                {
                    var member = o.Member(p.Name);
                    if (member is null)
                    {
                        var hint = Text.DidYouMean(p.Name, o.Members.Select(m => m.Name));
                        errors.At($"{jsonPath}.{p.Name}", $"unknown member '{p.Name}' of {o.Name}{hint}", name: true);
                        continue;
                    }
                    result[p.Name] = Convert(p.Value, member.Type, $"{jsonPath}.{p.Name}", $"{factPath}.{p.Name}", errors, memberScheme);
                }
                return result;
            }
            case MapType map:
            {
                if (e.ValueKind != JsonValueKind.Object) return Wrong("an object (a map by name)");
                var result = new FactObject();
                foreach (var p in e.EnumerateObject())
                    result[p.Name] = Convert(p.Value, map.Value, $"{jsonPath}.{p.Name}", $"{factPath}[\"{p.Name}\"]", errors);
                return result;
            }
            case ListType list:
            {
                if (e.ValueKind != JsonValueKind.Array) return Wrong("a list");
                var items = new object?[e.GetArrayLength()];
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    items[i] = Convert(item, list.Element, $"{jsonPath}[{i}]", $"{factPath}[{i}]", errors);
                    i++;
                }
                return items;
            }
        }
        if (type == IqType.Any) return Any(e, factPath);
        if (type == IqType.Number)
            return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : Wrong("a number");
        if (type == IqType.String)
            return e.ValueKind == JsonValueKind.String ? e.GetString() : Wrong("a string");
        if (type == IqType.Bool)
            return e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : Wrong("true or false");
        if (type == IqType.Version)
        {
            var text = e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Number ? e.GetRawText() : null;
            if (scheme is not null && !string.IsNullOrWhiteSpace(text)) return new IqVersion(text, scheme);
            return IqVersion.TryParse(text, out var v) ? v : Wrong("a version such as \"24.0.7\"");
        }
        if (type == IqType.Date)
            return e.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var d) ? d : Wrong("a date such as \"2026-11-22\"");
        if (type == IqType.Size || type == IqType.Duration)
        {
            if (e.ValueKind == JsonValueKind.Number) return e.GetDouble();
            if (e.ValueKind == JsonValueKind.String && Units.Parse(e.GetString()!, type == IqType.Size ? Units.Sizes : Units.Durations) is { } v) return v;
            return Wrong(type == IqType.Size ? "a size: bytes, or a string such as \"40 GiB\"" : "a duration: milliseconds, or a string such as \"200 ms\"");
        }
        return Wrong(type.Name);

        object? Wrong(string expected)
        {
            errors.WrongType(jsonPath, $"expected {expected}, got {Describe(e)}");
            return null;
        }
    }

    static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Number => $"number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };

    static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    static object? Any(JsonElement e, string factPath) => e.ValueKind switch
    {
        JsonValueKind.Null => new Missing(factPath),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select((x, i) => Any(x, $"{factPath}[{i}]")).ToArray(),
        _ => new FactObject(e.EnumerateObject().ToDictionary(p => p.Name, p => Any(p.Value, $"{factPath}.{p.Name}"), StringComparer.Ordinal)),
    };
}
