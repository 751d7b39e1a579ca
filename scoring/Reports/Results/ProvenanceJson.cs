using System.Text.Json;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Scoring.Reports;

/// <summary>Provenance in the results file: a row's (<c>{"kinds", "declared_only", "facts", "seals"}</c>), the facts a
/// <c>requires</c> found wanting, and the findings across documents; read back strictly, each complaint naming its JSON
/// path.</summary>
public static class ProvenanceJson
{
    /// <summary>What a compact writer has written once per results file and copies when it comes again (the bytes are what
    /// writing it again would give, as nothing is indented): each document's seal note, the same object for every row of that
    /// document, and each row provenance, the same object for every row of a <c>foreach</c> item. The first time a value is
    /// written in place; only a value that comes a second time is kept as bytes.</summary>
    public sealed class CompactCache
    {
        internal readonly Dictionary<ProvenanceNote, byte[]?> Notes = new(ReferenceEqualityComparer.Instance);
        internal readonly Dictionary<RowProvenance, byte[]?> Automatic = new(ReferenceEqualityComparer.Instance);
        internal readonly Dictionary<RowProvenance, byte[]?> Manual = new(ReferenceEqualityComparer.Instance);
        // One buffer each: a row's notes are written while the row is.
        readonly System.Buffers.ArrayBufferWriter<byte> _rowBuffer = new(2048), _noteBuffer = new(512);

        /// <summary>Writes <paramref name="value"/> with <paramref name="write"/>, or copies its bytes when it was written before.</summary>
        internal void Write<T>(Utf8JsonWriter w, Dictionary<T, byte[]?> known, T value, bool row, Action<Utf8JsonWriter, T> write) where T : class
        {
            if (!known.TryGetValue(value, out var raw))
            {
                known[value] = null;
                write(w, value);
                return;
            }
            if (raw is null)
            {
                var buffer = row ? _rowBuffer : _noteBuffer;
                buffer.ResetWrittenCount();
                using (var one = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = w.Options.Encoder }))
                    write(one, value);
                known[value] = raw = buffer.WrittenSpan.ToArray();
            }
            w.WriteRawValue(raw, skipInputValidation: true);
        }
    }

    /// <summary>A row's provenance (<c>"provenance": {…}</c>). <paramref name="compact"/>, for a compact writer only: what
    /// was written before is copied (<see cref="CompactCache"/>).</summary>
    public static void WriteRow(Utf8JsonWriter w, RowProvenance p, bool automated, CompactCache? compact = null)
    {
        w.WritePropertyName("provenance");
        if (compact is null || w.Options.Indented) WriteRowValue(w, p, automated, null);
        else compact.Write(w, automated ? compact.Automatic : compact.Manual, p, row: true, (one, v) => WriteRowValue(one, v, automated, compact));
    }

    static void WriteRowValue(Utf8JsonWriter w, RowProvenance p, bool automated, CompactCache? compact)
    {
        w.WriteStartObject();
        w.WriteStartArray(ResultsJson.N.Kinds);
        foreach (var k in p.Kinds) w.WriteStringValue(k.Name());
        w.WriteEndArray();
        w.WriteBoolean(ResultsJson.N.DeclaredOnly, automated && p.DeclaredOnly);
        WriteFacts(w, "facts", p.Facts);
        w.WriteStartArray(ResultsJson.N.Seals);
        foreach (var n in p.Notes)
        {
            if (compact is not null) compact.Write(w, compact.Notes, n, row: false, WriteNote);
            else WriteNote(w, n);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteNote(Utf8JsonWriter w, ProvenanceNote n)
    {
        w.WriteStartObject();
        w.WriteString(ResultsJson.N.Document, n.Document);
        w.WriteString(ResultsJson.N.State, LowerNames<SealState>.Of(n.Seal));
        w.WriteString(ResultsJson.N.Detail, n.Detail);
        if (n.Reason is { } reason) WriteSealReason(w, reason);
        w.WriteEndObject();
    }

    /// <summary>A seal check's finding as data (<c>"reason"</c>): its cause and every value, null where it has none.</summary>
    public static void WriteSealReason(Utf8JsonWriter w, SealReason r)
    {
        w.WriteStartObject("reason");
        w.WriteString("cause", CauseName(r.Cause));
        // Straight from the one member table, without building a list for every seal of every row.
        foreach (var (name, value) in SealMembers) Write(w, name, value(r));
        w.WriteEndObject();

        static void Write(Utf8JsonWriter w, string name, string? value)
        {
            if (value is null) w.WriteNull(name);
            else w.WriteString(name, value);
        }
    }

    /// <summary>The values of a seal's reason, by their names in the results file and in the report catalog's
    /// <c>seal.cause.*</c> messages.</summary>
    public static IReadOnlyList<(string Name, string? Value)> SealValues(SealReason r) =>
        System.Array.ConvertAll(SealMembers, m => (m.Name, m.Value(r)));

    /// <summary>A seal reason's members, in their order in the results file: declared once for the writer and reports.</summary>
    static readonly (string Name, Func<SealReason, string?> Value)[] SealMembers =
    [
        ("tool", r => r.Tool), ("host", r => r.Host), ("sealed_at", r => r.SealedAt), ("key_id", r => r.KeyId), ("key", r => r.Key),
        ("sha256", r => r.Sha256), ("sealed_sha256", r => r.SealedSha256), ("problem", r => r.Problem),
    ];

    public static string CauseName(SealCause c) => CauseNames.TryGetValue(c, out var name) ? name : SnakeCase(c);

    static readonly Dictionary<SealCause, string> CauseNames = Enum.GetValues<SealCause>().ToDictionary(c => c, SnakeCase);

    static string SnakeCase(SealCause c) =>
        string.Concat(c.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>The <c>"reason"</c> member of a seal, when present (results written before it lack it).</summary>
    public static SealReason? ReadSealReason(JsonElement seal, string path, Func<string, ILocalized, Exception> bad)
    {
        if (seal.ValueKind != JsonValueKind.Object || !seal.TryGetProperty("reason", out var e) || e.ValueKind == JsonValueKind.Null) return null;
        path += ".reason";
        var name = Str(Member(e, "cause", path, bad), $"{path}.cause", bad);
        var cause = Enum.GetValues<SealCause>().Cast<SealCause?>().FirstOrDefault(c => CauseName(c!.Value) == name)
                    ?? throw bad($"{path}.cause", Msg.UnknownValue.With(name, Localized.OrList(Enum.GetValues<SealCause>().Select(CauseName))));
        string? Value(string member)
        {
            var v = Member(e, member, path, bad);
            return v.ValueKind == JsonValueKind.Null ? null : Str(v, $"{path}.{member}", bad);
        }
        return new SealReason(cause)
        {
            Tool = Value("tool"), Host = Value("host"), SealedAt = Value("sealed_at"), KeyId = Value("key_id"), Key = Value("key"),
            Sha256 = Value("sha256"), SealedSha256 = Value("sealed_sha256"), Problem = Value("problem"),
        };
    }

    public static void WriteFacts(Utf8JsonWriter w, string name, IReadOnlyList<FactProvenance> facts)
    {
        w.WriteStartArray(name);
        foreach (var f in facts)
        {
            w.WriteStartObject();
            w.WriteString(ResultsJson.N.Path, f.Path);
            w.WriteString(ResultsJson.N.Provenance, f.Provenance.Name());
            w.WriteString(ResultsJson.N.Document, f.Document);
            if (f.Why is not null) w.WriteString(ResultsJson.N.Why, f.Why);
            else w.WriteNull(ResultsJson.N.Why);
            // Written only where true: a fact the row compares, as every fact was before guards were told apart.
            if (f.Guard) w.WriteBoolean("guard", true);
            if (f.Sources.Count > 0)
            {
                w.WriteStartArray("sources");
                foreach (var s in f.Sources)
                {
                    w.WriteStartObject();
                    w.WriteString(ResultsJson.N.Path, s.Path);
                    w.WriteString("sha256", s.Sha256);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteFindings(Utf8JsonWriter w, IReadOnlyList<Finding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings) WriteFinding(w, f);
        w.WriteEndArray();
    }

    /// <summary>One finding: in the results' list of findings, and in the reason of a row it contradicts.</summary>
    public static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("kind", f.Name);
        w.WriteStartArray("documents");
        foreach (var d in f.Documents) w.WriteStringValue(d);
        w.WriteEndArray();
        w.WriteString("first", f.First);
        w.WriteString("second", f.Second);
        w.WriteString("message", f.Describe());
        w.WriteEndObject();
    }

    // ---- reading ----

    public static RowProvenance ReadRow(JsonElement e, string path, bool automated, Func<string, ILocalized, Exception> bad)
    {
        var facts = ReadFacts(Member(e, "facts", path, bad), $"{path}.facts", bad);
        var notes = Array(Member(e, "seals", path, bad), $"{path}.seals", bad).Select(x =>
        {
            var state = Member(x.E, "state", x.Path, bad);
            var name = Str(state, $"{x.Path}.state", bad);
            var seal = Enum.GetValues<SealState>().Cast<SealState?>().FirstOrDefault(s => s!.Value.ToString().ToLowerInvariant() == name)
                       ?? throw bad($"{x.Path}.state", Msg.UnknownValue.With(name, Localized.OrList(Enum.GetNames<SealState>().Select(n => n.ToLowerInvariant()))));
            return new ProvenanceNote(Str(Member(x.E, "document", x.Path, bad), $"{x.Path}.document", bad), seal,
                Str(Member(x.E, "detail", x.Path, bad), $"{x.Path}.detail", bad)) { Reason = ReadSealReason(x.E, x.Path, bad) };
        }).ToList();
        var row = RowProvenance.Of(facts, notes);
        // The kinds are derived from the facts; a file whose kinds say otherwise was edited.
        var kinds = Array(Member(e, "kinds", path, bad), $"{path}.kinds", bad).Select(k => Kind(k.E, k.Path, bad)).ToList();
        if (!kinds.SequenceEqual(row.Kinds)) throw bad($"{path}.kinds", Msg.ExpectedProvenances.With($"[{string.Join(", ", row.Kinds.Select(k => k.Name()))}]"));
        var declaredOnly = Member(e, "declared_only", path, bad);
        if (declaredOnly.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw bad($"{path}.declared_only", Msg.ExpectedA.With(Msg.TrueOrFalse.Text));
        // Derived like the kinds: the summaries count declared-only rows, so a flag that disagrees would miscount them.
        if (declaredOnly.GetBoolean() != (automated && row.DeclaredOnly))
            throw bad($"{path}.declared_only", Msg.ExpectedDeclaredOnly.With(automated && row.DeclaredOnly ? "true" : "false"));
        return row;
    }

    public static IReadOnlyList<FactProvenance> ReadFacts(JsonElement e, string path, Func<string, ILocalized, Exception> bad) =>
        Array(e, path, bad).Select(x => new FactProvenance(
            Str(Member(x.E, "path", x.Path, bad), $"{x.Path}.path", bad),
            Kind(Member(x.E, "provenance", x.Path, bad), $"{x.Path}.provenance", bad),
            Str(Member(x.E, "document", x.Path, bad), $"{x.Path}.document", bad),
            Member(x.E, "why", x.Path, bad) is { ValueKind: JsonValueKind.Null } ? null : Str(Member(x.E, "why", x.Path, bad), $"{x.Path}.why", bad))
        {
            // Absent when the document named no artefact for the fact (and in results written before it could).
            Guard = x.E.TryGetProperty("guard", out var guard) && Bool(guard, $"{x.Path}.guard", bad),
            Sources = x.E.TryGetProperty("sources", out var sources)
                ? Array(sources, $"{x.Path}.sources", bad).Select(s => ReadSource(s.E, s.Path, bad)).ToList()
                : [],
        }).ToList();

    static FactSource ReadSource(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        var sha = Str(Member(e, "sha256", path, bad), $"{path}.sha256", bad);
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)) throw bad($"{path}.sha256", Msg.HeaderSourceSha.Text);
        return new FactSource(Str(Member(e, "path", path, bad), $"{path}.path", bad), sha);
    }

    public static IReadOnlyList<Finding> ReadFindings(JsonElement e, string path, Func<string, ILocalized, Exception> bad) =>
        Array(e, path, bad).Select(x => ReadFinding(x.E, x.Path, bad)).ToList();

    public static Finding ReadFinding(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        var name = Str(Member(e, "kind", path, bad), $"{path}.kind", bad);
        var kind = Enum.GetValues<FindingKind>().Cast<FindingKind?>().FirstOrDefault(k => new Finding(k!.Value, ["", ""], "", "").Name == name)
                   ?? throw bad($"{path}.kind", Msg.UnknownFinding.With(name));
        var documents = Array(Member(e, "documents", path, bad), $"{path}.documents", bad).Select(d => Str(d.E, d.Path, bad)).ToList();
        if (documents.Count != 2) throw bad($"{path}.documents", Msg.ExpectedTwoDocuments.Text);
        return new Finding(kind, documents, Str(Member(e, "first", path, bad), $"{path}.first", bad),
            Str(Member(e, "second", path, bad), $"{path}.second", bad));
    }

    public static Provenance Kind(JsonElement e, string path, Func<string, ILocalized, Exception> bad) =>
        ProvenanceNames.Parse(Str(e, path, bad)) ?? throw bad(path, Msg.UnknownValue.With(e.ToString(), Localized.OrList(ProvenanceNames.All)));

    static JsonElement Member(JsonElement e, string name, string path, Func<string, ILocalized, Exception> bad)
    {
        if (e.ValueKind != JsonValueKind.Object) throw bad(path, Msg.ExpectedA.With(Msg.AnObject.Text));
        return e.TryGetProperty(name, out var v) ? v : throw bad($"{path}.{name}", Msg.MissingMember.With(name));
    }

    static bool Bool(JsonElement e, string path, Func<string, ILocalized, Exception> bad) =>
        e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw bad(path, Msg.ExpectedA.With(Msg.TrueOrFalse.Text));

    static string Str(JsonElement e, string path, Func<string, ILocalized, Exception> bad) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw bad(path, Msg.ExpectedA.With(Msg.AString.Text));

    static IEnumerable<(JsonElement E, string Path)> Array(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        if (e.ValueKind != JsonValueKind.Array) throw bad(path, Msg.ExpectedA.With(Msg.AnArray.Text));
        return e.EnumerateArray().Select((x, i) => (x, $"{path}[{i}]")).ToList();
    }
}
