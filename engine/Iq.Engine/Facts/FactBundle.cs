using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
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
public sealed record FactDocumentInfo(string Display, string File, string Kind, string Root, string Sha256, DocumentHeader Header)
{
    /// <summary>The seal of a document this run measured and writes with its other outputs (the probe's): checked in
    /// place of a seal on disk, which does not exist yet.</summary>
    public byte[]? PendingSeal { get; init; }
}

/// <summary>Reads a fact bundle: every document of the folders (<see cref="BundleFileNames"/>: each <c>*.json</c>; a
/// <c>*.JSON</c> is refused by name), each a document
/// <c>{ "kind", "schema": 1, "collected_at", "host", "tool", "facts": { … } }</c>, validated against the
/// schema. A malformed document is an error naming the file and the JSON path; no document is half read.
/// A value may be <c>null</c>, or <c>{"$absent": "why"}</c> / <c>{"$error": "why"}</c> as probes write it:
/// the fact is then missing, with the reason, and items reading it end as <c>error</c>.</summary>
public static class FactBundleReader
{
    public const int SchemaVersion = 1;
    public static long MaxDocumentBytes => InputLimits.For(InputKind.FactDocument);

    /// <summary>How far past now a document's <c>collected_at</c> may lie when the audit has no <c>--as-of</c>: a bundle
    /// collected on another host whose clock runs a little ahead of this one's, and audited at once, is not evidence from the
    /// future. Minutes cover a drifting clock (NTP keeps clocks within seconds); anything later is a wrong clock or a
    /// made-up time, and is refused. With <c>--as-of</c> the whole as-of day counts instead, and no tolerance is added.</summary>
    public static readonly TimeSpan ClockSkewTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The latest <c>collected_at</c> an audit accepts: before the end of its as-of day (in the offset
    /// <c>--as-of</c> was given in, UTC when none), else by now plus <see cref="ClockSkewTolerance"/>. A document collected
    /// later would have the audit state what the system was before its evidence existed.</summary>
    readonly record struct CollectionLimit(DateTimeOffset? AsOf, DateTimeOffset Now)
    {
        public DateTimeOffset Latest => AsOf is { } day ? new DateTimeOffset(day.Date, day.Offset).AddDays(1) : Now + ClockSkewTolerance;

        public MessageText? Refuses(DateTimeOffset collected) =>
            collected < Latest ? null
            : AsOf is { } day ? Msg.CollectedAfterAsOf.With(Stamp(collected), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : Msg.CollectedInFuture.With(Stamp(collected), Stamp(Now));

        static string Stamp(DateTimeOffset t) =>
            t.ToString(t.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <param name="documents">Documents held in memory (a probe not yet written), each with the path it will have and the
    /// bytes of the seal to be written beside it.</param>
    /// <param name="readAhead">A folder of <paramref name="directories"/> whose documents were read already (a fleet's bundle,
    /// read once to hash it): taken from there, with their hashes, instead of being read again.</param>
    /// <param name="asOf">The audit's <c>--as-of</c>, null when it has none (now): every document, of any kind, collected
    /// after its day (after now, beyond <see cref="ClockSkewTolerance"/>) is refused.</param>
    public static FactBundle Load(IEnumerable<string> directories, IFactSchema schema, IEnumerable<(string Display, byte[] Bytes, byte[]? Seal)>? documents = null,
        BundleDocuments? readAhead = null, DateTimeOffset? asOf = null)
    {
        var limit = new CollectionLimit(asOf, DateTimeOffset.UtcNow);
        var diagnostics = new DiagnosticBag();
        var roots = new Dictionary<string, object?>(StringComparer.Ordinal);
        var inputs = new List<InputFile>();
        var seenKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var read = new List<FactDocumentInfo>();
        foreach (var (display, bytes, seal) in documents ?? [])
            Add(display, display, ReadDocument(bytes, display, schema, diagnostics, limit), seal);
        foreach (var dir in directories)
        {
            if (readAhead is not null && dir == readAhead.Folder)
            {
                // Evidence must not be lost without a word: a document named .JSON is refused, not skipped.
                foreach (var file in readAhead.Refused) diagnostics.Add(BundleFileNames.Refusal(dir, file));
                foreach (var d in readAhead.Documents)
                {
                    var display = Path.Combine(dir, Path.GetFileName(d.File)).Replace('\\', '/');
                    Add(display, d.File, ReadDocument(d.Bytes.Memory, display, schema, diagnostics, limit, d.Sha256), null);
                }
                continue;
            }
            if (!Directory.Exists(dir))
            {
                diagnostics.Error((File.Exists(dir) ? Msg.NotAFolder : Msg.BundleNotFound).With(dir), SourceSpan.Whole(dir));
                continue;
            }
            // Read as a whole: no output of this run may land in it (it would be read as a fact document next time).
            InputLedger.NoteFolder(dir);
            var listing = BundleFileNames.List(dir);
            foreach (var file in listing.Refused) diagnostics.Add(BundleFileNames.Refusal(dir, file));
            foreach (var file in listing.Documents)
            {
                var display = Path.Combine(dir, Path.GetFileName(file)).Replace('\\', '/');
                // Read once into a pooled array, then validated, converted and hashed from it; given back when done (the
                // values read are copies: nothing keeps the array).
                PooledBytes bytes;
                try { bytes = InputFiles.ReadPooled(file, InputKind.FactDocument); }
                catch (InputFileException e)
                {
                    diagnostics.Error(e.Text, SourceSpan.None(display));
                    continue;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    diagnostics.Error(Msg.CannotReadDocument.With(LibraryError.Io(e)), SourceSpan.None(display));
                    continue;
                }
                using (bytes) Add(display, file, ReadDocument(bytes.Memory, display, schema, diagnostics, limit), null);
            }
        }
        SoftwareNames.Attach(roots);
        return new FactBundle(new FactValues(roots), inputs, Diagnostic.Sort(diagnostics.Items)) { Documents = read };

        void Add(string display, string file, (string Kind, string Root, object? Value, string Sha256, DocumentHeader Header)? doc, byte[]? seal)
        {
            if (doc is null) return;
            if (seenKinds.TryGetValue(doc.Value.Kind, out var other))
            {
                diagnostics.Error(Msg.DuplicateDocument.With(doc.Value.Kind, other), SourceSpan.None(display));
                return;
            }
            seenKinds[doc.Value.Kind] = display;
            roots[doc.Value.Root] = doc.Value.Value;
            inputs.Add(new InputFile(display, doc.Value.Kind, doc.Value.Sha256));
            read.Add(new FactDocumentInfo(display, file, doc.Value.Kind, doc.Value.Root, doc.Value.Sha256, doc.Value.Header) { PendingSeal = seal });
        }
    }

    /// <param name="sha256">The bytes' SHA-256 when it is known already (read ahead); else computed here.</param>
    static (string Kind, string Root, object? Value, string Sha256, DocumentHeader Header)? ReadDocument(ReadOnlyMemory<byte> bytes, string display, IFactSchema schema,
        DiagnosticBag diagnostics, CollectionLimit limit, string? sha256 = null)
    {
        // The file's hash is of all its bytes; the document and its positions are of the text after a byte-order mark.
        if (JsonInput.Text(bytes, display, out var notText) is not { } text)
        {
            diagnostics.Add(notText!);
            return null;
        }
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, JsonInput.Options);
        }
        catch (JsonException e)
        {
            diagnostics.Add(JsonInput.Malformed(e, display, text.ToArray()));
            return null;
        }
        using (json)
        {
            var errors = new Errors(display, text, diagnostics);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return errors.At("$", Msg.MustBeObject.Text);
            if (!root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
                return errors.At(root.TryGetProperty("kind", out _) ? "$.kind" : "$", Msg.NeedsKind.Text);
            var kind = kindElement.GetString()!;
            var factRoot = schema.Roots.FirstOrDefault(r => r.Kind == kind);
            if (factRoot is null)
            {
                var kinds = schema.Roots.Select(r => r.Kind).ToList();
                var hint = Text.Suggest(kind, kinds) is { } s ? Msg.DidYouMean.With(s) : Msg.Expected.With(Localized.OrList(kinds));
                return errors.At("$.kind", Msg.UnknownKind.With(kind, hint));
            }
            if (!root.TryGetProperty("schema", out var schemaElement) || schemaElement.ValueKind != JsonValueKind.Number
                || !schemaElement.TryGetInt32(out var version))
                return errors.At(root.TryGetProperty("schema", out _) ? "$.schema" : "$", Msg.NeedsSchema.With(SchemaVersion));
            if (version != SchemaVersion)
                return errors.At("$.schema", Msg.SchemaNotSupported.With(version, SchemaVersion));
            foreach (var p in root.EnumerateObject())
                if (!DocumentHeader.Members.Contains(p.Name))
                    errors.At("$." + p.Name, Msg.FactsGoUnderFacts.With(p.Name), name: true);
            var header = DocumentHeader.Read(root, factRoot, (path, message) => errors.At(path, message));
            if (header.CollectedAt is { } collected && limit.Refuses(collected) is { } late) errors.At("$.collected_at", late);
            if (!root.TryGetProperty("facts", out var facts))
                return errors.At("$", Msg.NeedsFacts.Text);
            // Only the plan may say a requirement does not apply; a measured document has no say in that.
            errors.DeclaresNotApplicable = kind == "plan";
            errors.PartsNotApplicable = kind == "model_description";
            var value = Convert(facts, factRoot.Type, Place.Root("$.facts", factRoot.Name), errors);
            if (errors.Count == 0 && kind == "model_description")
                foreach (var (jsonPath, problem) in ModelDescriptionRules.Problems(facts, "$.facts")) errors.At(jsonPath, problem);
            if (errors.Count > Errors.Shown)
                diagnostics.Error(Msg.MoreErrorsNotShown.With(errors.Count - Errors.Shown), SourceSpan.None(display));
            if (errors.Count > 0) return null;
            return (kind, factRoot.Name, value, sha256 ?? System.Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), header);
        }
    }

    /// <summary>Checks the facts of a document that was not JSON on disk (a YAML model description): the same
    /// conversion as for bundle files, with positions given by <paramref name="locate"/> (JSON path, whether the member
    /// name is meant → line and column in the original file). Null when anything was wrong.</summary>
    public static object? Validate(JsonElement facts, FactRoot root, string display, Func<string, bool, (int Line, int Column)> locate,
        DiagnosticBag diagnostics)
    {
        var errors = new Errors(display, ReadOnlyMemory<byte>.Empty, diagnostics, locate) { PartsNotApplicable = root.Kind == "model_description" };
        var value = Convert(facts, root.Type, Place.Root("$", root.Name), errors);
        if (errors.Count == 0 && root.Kind == "model_description")
            foreach (var (jsonPath, problem) in ModelDescriptionRules.Problems(facts, "$")) errors.At(jsonPath, problem);
        return errors.Count > 0 ? null : value;
    }

    sealed class Errors(string file, ReadOnlyMemory<byte> bytes, DiagnosticBag diagnostics, Func<string, bool, (int, int)>? locate = null)
    {
        /// <summary>Each error is located by reading the document again: past this many, they are counted, not shown
        /// (a list of ten million wrong values must not take ten million readings).</summary>
        public const int Shown = 50;

        byte[]? _copy;

        public int Count { get; private set; }
        public bool DeclaresNotApplicable { get; set; }

        /// <summary>A model description: its optional parts carry a not_applicable member of their own (docs/model.md), so a
        /// required one given {"not_applicable": …} is told it is required, not that only the plan may.</summary>
        public bool PartsNotApplicable { get; set; }

        /// <summary>A document that is not a fact document of this schema (IQ4003).</summary>
        public (string, string, object?, string, DocumentHeader)? At(string jsonPath, MessageText problem, bool name = false) =>
            Report(Msg.BadDocumentAt, jsonPath, problem, name);

        /// <summary>A fact of the wrong type (IQ4002).</summary>
        public void WrongType(string jsonPath, MessageText problem) => Report(Msg.WrongTypeAt, jsonPath, problem, name: false);

        (string, string, object?, string, DocumentHeader)? Report(Message message, string jsonPath, MessageText problem, bool name)
        {
            if (++Count > Shown) return null;
            // The document copied out of its (pooled) array only when there is an error to place.
            var (line, column) = locate is null ? JsonLocator.Find(_copy ??= bytes.ToArray(), jsonPath, name) : locate(jsonPath, name);
            diagnostics.Error(message.With(problem, jsonPath), new SourceSpan(file, line, column));
            return null;
        }
    }

    /// <summary>Where a value is in its document: its JSON path (<c>$.facts.gpus[0].name</c>, for messages) and its fact path
    /// (<c>environment.gpus[0].name</c>, for a missing fact), each built only when asked for. Most values need neither:
    /// built eagerly for every value, the two paths were a good part of what reading a bundle allocated.</summary>
    sealed class Place
    {
        readonly Place? _parent;
        readonly string? _name;
        readonly int _index;
        readonly bool _key;
        string? _json, _fact;

        public Place(Place? parent, string? name, int index, bool key, string? json = null, string? fact = null) =>
            (_parent, _name, _index, _key, _json, _fact) = (parent, name, index, key, json, fact);

        public static Place Root(string json, string fact) => new(null, null, 0, false, json, fact);

        /// <summary>An object's member.</summary>
        public Spot Member(string name) => new(this, name, 0, false);

        /// <summary>A map's entry: a member in JSON, <c>["name"]</c> in the fact path.</summary>
        public Spot Key(string name) => new(this, name, 0, true);

        public Spot Element(int index) => new(this, null, index, false);

        public string Json => _json ??= _name is null ? $"{_parent!.Json}[{_index}]" : $"{_parent!.Json}.{_name}";

        public string Fact => _fact ??= _name is null ? $"{_parent!.Fact}[{_index}]" : _key ? $"{_parent!.Fact}[\"{_name}\"]" : $"{_parent!.Fact}.{_name}";
    }

    /// <summary>A value's <see cref="Place"/> before it is made: its parent's and its own name or index. Most values are
    /// leaves that never need theirs (made per value, places were a good part of what reading a bundle allocated): a place
    /// is made when a path is asked for, or once for a value that holds others.</summary>
    readonly struct Spot(Place? made, Place? parent, string? name, int index, bool key)
    {
        public Spot(Place parent, string? name, int index, bool key) : this(null, parent, name, index, key) { }

        public static implicit operator Spot(Place place) => new(place, null, null, 0, false);

        public Place Place => made ?? new Place(parent, name, index, key);
        public string Json => Place.Json;
        public string Fact => Place.Fact;
    }

    /// <summary>The catalog message beside a <c>$absent</c>/<c>$error</c> text (<c>$code</c>, <c>$args</c>: an object whose
    /// members are strings, or for a reason quoting another reason, that reason as <c>{"$code", "$args"}</c>), rendered in the
    /// report's language. A <c>$code</c> or <c>$args</c> of the wrong JSON type is a malformed document (IQ4002 at its path, as
    /// any other wrong value). A code this iq does not know (a newer iq wrote it, or a hand) or arguments that are not the
    /// message's own leave the stored text, shown as the document's own words with the code it gave
    /// (<see cref="MsgCatalog.NotInCatalog"/>): nothing is guessed, nothing passes for iq's wording, and a document that only
    /// lost its translation is still read.</summary>
    static MessageText? ReasonOf(JsonElement e, string text, Spot at, Errors errors)
    {
        if (!e.TryGetProperty("$code", out var code) && !e.TryGetProperty("$args", out _)) return null;
        var (ok, reason) = Coded(e, at.Json, errors);
        if (!ok) return null;
        return reason ?? (code.ValueKind == JsonValueKind.String ? MsgCatalog.NotInCatalog(text, code.GetString()!) : null);

        // (false, _): refused (the error is reported); (true, null): well-formed but not a reason this iq can word.
        static (bool, MessageText?) Coded(JsonElement e, string jsonPath, Errors errors)
        {
            var hasCode = e.TryGetProperty("$code", out var code);
            var hasArgs = e.TryGetProperty("$args", out var args);
            if (hasCode && code.ValueKind != JsonValueKind.String)
            {
                errors.WrongType(jsonPath + ".$code", Msg.ExpectedGot.With(Msg.AString.Text, Describe(code)));
                return (false, null);
            }
            if (hasArgs && args.ValueKind != JsonValueKind.Object)
            {
                errors.WrongType(jsonPath + ".$args", Msg.ExpectedGot.With(Msg.AnObject.Text, Describe(args)));
                return (false, null);
            }
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            var known = true;
            if (hasArgs)
                foreach (var a in args.EnumerateObject())
                {
                    var at = jsonPath + ".$args." + a.Name;
                    if (a.Value.ValueKind == JsonValueKind.String) values[a.Name] = a.Value.GetString()!;
                    else if (a.Value.ValueKind == JsonValueKind.Object && a.Value.TryGetProperty("$code", out _))
                    {
                        // A quoted reason: read as the outer one; one this iq cannot word leaves the outer reason unworded too.
                        var (ok, inner) = Coded(a.Value, at, errors);
                        if (!ok) return (false, null);
                        if (inner is null) known = false;
                        else values[a.Name] = inner;
                    }
                    else
                    {
                        errors.WrongType(at, Msg.ExpectedGot.With(Msg.AString.Text, Describe(a.Value)));
                        return (false, null);
                    }
                }
            return (true, known && hasCode ? MsgCatalog.FactReason(code.GetString()!, values) : null);
        }
    }

    /// <summary>JSON to run-time values, guided by the schema type; wrong types are reported with their path.</summary>
    /// <summary>A <c>source</c> member beside a version names its scheme (dpkg, rpm, python, npm …; see
    /// <see cref="VersionSchemes"/>): such a version is kept as written and parsed in that scheme when compared, so that one
    /// odd package version makes the items reading it <c>error</c>, not the whole bundle unreadable.</summary>
    static object? Convert(JsonElement e, IqType type, Spot at, Errors errors, VersionScheme? scheme = null, FactMember? declaredAs = null)
    {
        if (e.ValueKind == JsonValueKind.Null) return new Missing(at.Fact);
        // The members that change how an object is read, found in one pass over its names (four lookups by name, each a
        // scan of the object, were a good part of reading every fact object).
        var marks = e.ValueKind == JsonValueKind.Object ? Marks.Of(e) : default;
        if (marks.Absent is not null || marks.Error is not null)
        {
            var why = marks.Absent ?? marks.Error!.Value;
            var marker = marks.Absent is not null ? "$absent" : "$error";
            // The reason is text: {"$error": 5} or {"$absent": []} is a malformed document, never read as the words "5".
            if (why.ValueKind != JsonValueKind.String)
            {
                errors.WrongType(at.Json + "." + marker, Msg.ExpectedGot.With(Msg.AString.Text, Describe(why)));
                return new Missing(at.Fact, Absence.ProbeError);
            }
            var text = why.GetString()!;
            return new Missing(at.Fact, marker == "$absent" ? Absence.Absent : Absence.ProbeError, text)
                { Text = ReasonOf(e, text, at, errors) };
        }
        // {"not_applicable": "reason"} in place of a plan's value: the plan says the requirement does not apply, and why.
        // Not where the schema's object has a not_applicable member of its own (the parts of a model description, 001):
        // there it is that member, read as any other.
        if (marks.NotApplicable is { } na && marks.Count == 1
            && !(type is ObjectType declared && declared.Member("not_applicable") is not null))
        {
            if (!errors.DeclaresNotApplicable && errors.PartsNotApplicable && declaredAs is not null)
            {
                // The schema describes a required claim by its clause (claims.robustness: "5.2.6").
                errors.WrongType(at.Json, Msg.ExpectedGot.With(Msg.AValueRequiredPart.With(declaredAs.Description), Describe(e)));
                return null;
            }
            if (!errors.DeclaresNotApplicable) return Wrong(Msg.AValueOnlyPlanNa);
            if (na.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(na.GetString()))
            {
                errors.At(at.Json + ".not_applicable", Msg.NaNeedsReason.Text);
                return null;
            }
            // The same rule as a judgment's or a model description's n/a: "n/a", "无", "不适用" say nothing, and a plan's n/a
            // takes shall rows (4.1.1 a hardware, 4.1.2 stages) out of the score.
            if (!NotApplicableReason.IsReason(na.GetString()!))
            {
                errors.At(at.Json + ".not_applicable", Msg.NotApplicableNoReason.With(na.GetString()!));
                return null;
            }
            return new Missing(at.Fact, Absence.NotApplicable, na.GetString()!.Trim());
        }

        switch (type)
        {
            case ObjectType o:
            {
                if (e.ValueKind != JsonValueKind.Object) return Wrong(Msg.AnObject);
                // Sized once: grown member by member, every fact object's table was copied two or three times.
                var result = new FactObject(new Dictionary<string, object?>(e.GetPropertyCount(), StringComparer.Ordinal));
                var memberScheme = marks.Source is { ValueKind: JsonValueKind.String } source
                    ? VersionSchemes.ForSource(source.GetString()) : null;
                var index = MemberIndex.Of(o);
                var here = at.Place;
                foreach (var p in e.EnumerateObject())
                {
                    var member = index.Find(p);
                    if (member is null)
                    {
                        var hint = Localized.DidYouMean(p.Name, o.Members.Select(m => m.Name));
                        errors.At($"{at.Json}.{p.Name}", Msg.UnknownMemberOf.With(p.Name, o.Name, hint), name: true);
                        continue;
                    }
                    // The schema's own string for the name: equal to the document's, and not allocated again per value.
                    result[member.Name] = Convert(p.Value, member.Type, here.Member(member.Name), errors, memberScheme, member);
                }
                return result;
            }
            case MapType map:
            {
                if (e.ValueKind != JsonValueKind.Object) return Wrong(Msg.AMap);
                var result = new FactObject(new Dictionary<string, object?>(e.GetPropertyCount(), StringComparer.Ordinal));
                var here = at.Place;
                foreach (var p in e.EnumerateObject())
                    result[p.Name] = Convert(p.Value, map.Value, here.Key(p.Name), errors);
                return result;
            }
            case ListType list:
            {
                if (e.ValueKind != JsonValueKind.Array) return Wrong(Msg.AList);
                var items = new object?[e.GetArrayLength()];
                var i = 0;
                var here = at.Place;
                foreach (var item in e.EnumerateArray())
                {
                    items[i] = Convert(item, list.Element, here.Element(i), errors);
                    i++;
                }
                return items;
            }
        }
        if (type == IqType.Any) return Any(e, at, errors);
        if (type == IqType.Number)
            return e.ValueKind == JsonValueKind.Number ? Number(e) : Wrong(Msg.ANumber);
        if (type == IqType.String)
            return e.ValueKind == JsonValueKind.String ? e.GetString() : Wrong(Msg.AString);
        if (type == IqType.Bool)
            return e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : Wrong(Msg.TrueOrFalse);
        if (type == IqType.Version)
        {
            var text = e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Number ? e.GetRawText() : null;
            if (scheme is not null && !string.IsNullOrWhiteSpace(text)) return new IqVersion(text, scheme);
            return IqVersion.TryParse(text, out var v) ? v : Wrong(Msg.AVersion);
        }
        if (type == IqType.Date)
            return e.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var d) ? d : Wrong(Msg.ADateSuchAs);
        if (type == IqType.Size || type == IqType.Duration)
        {
            if (e.ValueKind == JsonValueKind.Number)
            {
                if (Number(e) is not double n) return null;
                if (n < 0) return Wrong(type == IqType.Size ? Msg.ASizeNotNegative : Msg.ADurationNotNegative);
                return n;
            }
            if (e.ValueKind == JsonValueKind.String && Units.Parse(e.GetString()!, type == IqType.Size ? Units.Sizes : Units.Durations) is { } v) return v;
            return Wrong(type == IqType.Size ? Msg.ASize : Msg.ADuration);
        }
        return Wrong(null, type.Name);

        object? Wrong(Message? expected, string? type = null)
        {
            errors.WrongType(at.Json, Msg.ExpectedGot.With(expected?.Text ?? (object?)type, Describe(e)));
            return null;
        }

        // 1e400 is valid JSON but no double: an error, never infinity (an infinite memory would pass any requirement).
        object? Number(JsonElement n) => n.TryGetDouble(out var d) && double.IsFinite(d) ? d : Wrong(Msg.AFiniteNumber);
    }

    /// <summary>An object's members that are read specially: <c>$absent</c>, <c>$error</c>, <c>not_applicable</c> and
    /// <c>source</c> (each null when not there), and how many members it has.</summary>
    readonly record struct Marks(JsonElement? Absent, JsonElement? Error, JsonElement? NotApplicable, JsonElement? Source, int Count)
    {
        public static Marks Of(JsonElement e)
        {
            JsonElement? absent = null, error = null, na = null, source = null;
            var count = 0;
            foreach (var p in e.EnumerateObject())
            {
                count++;
                var raw = JsonMarshal.GetRawUtf8PropertyName(p);
                // A name written with escapes (\u0024absent) is compared unescaped, as a lookup by name does.
                var escaped = raw.IndexOf((byte)'\\') >= 0;
                if (escaped ? p.NameEquals("$absent") : raw.SequenceEqual("$absent"u8)) absent = p.Value;
                else if (escaped ? p.NameEquals("$error") : raw.SequenceEqual("$error"u8)) error = p.Value;
                else if (escaped ? p.NameEquals("not_applicable") : raw.SequenceEqual("not_applicable"u8)) na = p.Value;
                else if (escaped ? p.NameEquals("source") : raw.SequenceEqual("source"u8)) source = p.Value;
            }
            return new Marks(absent, error, na, source, count);
        }
    }

    /// <summary>A schema object's members found by a document's member name as written (UTF-8), without making a string of
    /// it: built once per schema type and kept while the type lives, not worked out per value.</summary>
    sealed class MemberIndex
    {
        static readonly ConditionalWeakTable<ObjectType, MemberIndex> Built = new();

        readonly (byte[] Name, FactMember Member)[] _members;
        readonly Dictionary<string, FactMember> _byName;

        MemberIndex(ObjectType type)
        {
            _members = [.. type.Members.Select(m => (System.Text.Encoding.UTF8.GetBytes(m.Name), m))];
            _byName = new Dictionary<string, FactMember>(StringComparer.Ordinal);
            // The first of a name, as ObjectType.Member finds it.
            foreach (var m in type.Members) _byName.TryAdd(m.Name, m);
        }

        public static MemberIndex Of(ObjectType type) => Built.GetValue(type, t => new MemberIndex(t));

        public FactMember? Find(JsonProperty p)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(p);
            if (raw.IndexOf((byte)'\\') >= 0) return _byName.GetValueOrDefault(p.Name);
            foreach (var (name, member) in _members)
                if (raw.SequenceEqual(name)) return member;
            return null;
        }
    }

    static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Number => $"number {Truncate(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };

    static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    static object? Any(JsonElement e, Spot at, Errors errors)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null: return new Missing(at.Fact);
            case JsonValueKind.Number:
                if (e.TryGetDouble(out var d) && double.IsFinite(d)) return d;
                errors.WrongType(at.Json, Msg.ExpectedGot.With(Msg.AFiniteNumber.Text, Describe(e)));
                return null;
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Array:
            {
                var here = at.Place;
                return e.EnumerateArray().Select((x, i) => Any(x, here.Element(i), errors)).ToArray();
            }
            default:
            {
                var here = at.Place;
                return new FactObject(e.EnumerateObject().ToDictionary(p => p.Name, p => Any(p.Value, here.Member(p.Name), errors),
                    StringComparer.Ordinal));
            }
        }
    }
}
