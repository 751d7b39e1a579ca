using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>The results file (schema <c>iq.results/2</c>, docs/results.md, docs/schema/results.schema.json): written from a
/// <see cref="ResultsDocument"/> and read back into one. Stable: the same document gives the same bytes, and
/// <c>Write(Read(Write(d)))</c> equals <c>Write(d)</c>, which the byte-identity of re-rendered reports rests on.</summary>
public static class ResultsJson
{
    /// <summary>Results files larger than this are refused (a results file of 10,000 items is about 15 MiB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    static string Date(DateTimeOffset d) => d.ToString("O", CultureInfo.InvariantCulture);
    static string Name<T>(T e) where T : struct, Enum => LowerNames<T>.Of(e);

    public static byte[] Bytes(ResultsDocument doc)
    {
        using var ms = new MemoryStream();
        Write(doc, ms);
        return ms.ToArray();
    }

    /// <summary>One checklist: its <c>iq.results/2</c> document; several: <c>iq.results-set/1</c>, their documents in turn.</summary>
    public static byte[] Bytes(ResultsSet set)
    {
        using var ms = new MemoryStream();
        Write(set, ms);
        return ms.ToArray();
    }

    static Utf8JsonWriter Writer(Stream stream) =>
        new(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void Write(ResultsSet set, Stream stream)
    {
        if (!set.Several)
        {
            Write(set.First, stream);
            return;
        }
        using var w = Writer(stream);
        w.WriteStartObject();
        w.WriteString("schema", ResultsSet.SchemaId);
        w.WriteStartObject("engine");
        w.WriteString("name", "iq");
        w.WriteString("version", set.First.EngineVersion);
        w.WriteEndObject();
        w.WriteString("verdict", Name(set.Verdict));
        w.WriteString("verdict_reason", set.VerdictReason);
        w.WriteStartArray("audits");
        foreach (var d in set.Audits) WriteDocument(w, d);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Write(ResultsDocument d, Stream stream)
    {
        using var w = Writer(stream);
        WriteDocument(w, d);
    }

    /// <summary>The same bytes into a buffer the caller reuses (a fleet writes one results file per bundle: without it each
    /// grows a fresh buffer of some hundred KB on the large-object heap).</summary>
    public static void Write(ResultsDocument d, System.Buffers.IBufferWriter<byte> buffer, bool indented = true)
    {
        using var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        WriteDocument(w, d);
    }

    /// <summary>The results file from its compact form (<see cref="Write(ResultsDocument, System.Buffers.IBufferWriter{byte}, bool)"/>
    /// with <c>indented: false</c>): the same bytes <see cref="Write(ResultsDocument, Stream)"/> gives for the document. The
    /// compact form differs only in whitespace; re-writing its tree through a writer with the same encoder, indented, gives
    /// back every string escaped as before (the same encoder on the same text) and every number as its text. A fleet
    /// stores the compact form (about half the bytes, written faster) and indents on export.</summary>
    public static byte[] Indent(ReadOnlyMemory<byte> compact)
    {
        using var doc = JsonDocument.Parse(compact, new JsonDocumentOptions { MaxDepth = 1000 });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(compact.Length * 2);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 1000 }))
            doc.RootElement.WriteTo(w);
        return buffer.WrittenSpan.ToArray();
    }

    static void WriteDocument(Utf8JsonWriter w, ResultsDocument d)
    {
        var c = d.Checklist;
        w.WriteStartObject();
        w.WriteString("schema", ResultsDocument.SchemaId);
        w.WriteStartObject("engine");
        w.WriteString("name", "iq");
        w.WriteString("version", d.EngineVersion);
        w.WriteEndObject();
        if (d.EvaluatedAt is { } at) w.WriteString("evaluated_at", Date(at));
        if (d.AsOf is { } asOf) w.WriteString("as_of", Date(asOf));
        else w.WriteNull("as_of");
        w.WriteString("language", d.Language);
        w.WriteStartObject("checklist");
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("version", c.Version);
        if (c.Base is { } tailored)
        {
            w.WriteStartObject("base");
            w.WriteString("id", tailored.Id);
            w.WriteString("version", tailored.Version);
            w.WriteEndObject();
        }
        w.WriteString("file", c.Sources[0].Path);
        w.WriteString("sha256", c.Sources[0].Sha256);
        w.WriteStartArray("sources");
        foreach (var s in c.Sources)
        {
            w.WriteStartObject();
            w.WriteString("path", s.Path);
            w.WriteString("sha256", s.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("report");
        foreach (var f in ReportInfo.Fields) w.WriteString(f, d.Info.Get(f));
        w.WriteStartObject("product");
        w.WriteString("name", d.Info.Product.Name);
        w.WriteString("model", d.Info.Product.Model);
        w.WriteString("version", d.Info.Product.Version);
        w.WriteString("manufacturer", d.Info.Product.Manufacturer);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("inputs");
        foreach (var i in d.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", i.Path);
            w.WriteString("kind", i.Kind);
            w.WriteString("sha256", i.Sha256);
            if (i.Seal is { } seal)
            {
                w.WriteStartObject("seal");
                w.WriteString("state", LowerNames<SealState>.Of(seal.State));
                w.WriteString("detail", seal.Detail);
                if (seal.Reason is { } reason) ProvenanceJson.WriteSealReason(w, reason);
                w.WriteEndObject();
            }
            else w.WriteNull("seal");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("parameters");
        foreach (var p in d.Parameters)
        {
            w.WriteStartObject(p.Name);
            w.WriteString("type", p.Type);
            w.WriteString("value", p.Value);
            w.WriteString("origin", p.Origin);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("scoring");
        w.WriteString("model", d.Scoring.Model);
        w.WriteNumber("pass_at", d.Scoring.PassAt);
        if (d.Scoring.Veto is { } veto) w.WriteString("veto", Name(veto));
        else w.WriteNull("veto");
        w.WriteString("formula", d.Scoring.Formula);
        w.WriteEndObject();
        w.WriteString("verdict", Name(d.Verdict));
        w.WriteString("verdict_reason", d.VerdictReason);
        w.WriteStartObject("verdict_basis");
        w.WriteString("kind", d.Basis.Kind switch
        {
            VerdictBasisKind.NothingCounted => "nothing_counted",
            var k => Name(k),
        });
        w.WriteStartArray("levels");
        foreach (var l in d.Basis.Levels) w.WriteStringValue(Name(l));
        w.WriteEndArray();
        w.WriteStartArray("items");
        foreach (var i in d.Basis.Items) w.WriteStringValue(i);
        w.WriteEndArray();
        w.WriteNumber("count", d.Basis.Count);
        w.WriteNumber("judgments_not_taken", d.Basis.JudgmentsNotTaken);
        w.WriteNumber("not_applicable_unconfirmed", d.Basis.UnconfirmedNotApplicable);
        WriteScore(w, "score", d.Basis.Score);
        w.WriteNumber("pass_at", d.Basis.PassAt);
        if (d.Basis.Tailoring is { } t)
        {
            w.WriteStartObject("tailoring");
            w.WriteString("tailoring", t.Tailoring);
            w.WriteString("base", t.Base);
            w.WriteString("base_version", t.BaseVersion);
            w.WriteNumber("base_pass_at", t.BasePassAt);
            if (t.BaseVeto is { } baseVeto) w.WriteString("base_veto", Name(baseVeto));
            else w.WriteNull("base_veto");
            w.WriteNumber("dropped_veto_failed", d.Basis.DroppedVetoFailed);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        WriteScore(w, "score", d.Root.Score);
        WriteCounts(w, d.Root.Counts);
        WriteCounts(w, d.DeclaredOnly, "declared_only");
        ProvenanceJson.WriteFindings(w, d.Findings);
        w.WriteStartObject("root");
        w.WriteString("id", d.Root.Id);
        w.WriteString("title", d.Root.Title);
        w.WriteNumber("weight", d.Root.Weight);
        WriteRawMax(w, d.Root);
        w.WriteEndObject();
        w.WriteStartArray("sections");
        foreach (var s in d.Root.Sections) WriteSection(w, s);
        w.WriteEndArray();
        w.WriteStartArray("items");
        var notes = w.Options.Indented ? null : new ProvenanceJson.CompactCache();
        foreach (var r in d.Items) WriteItem(w, r, d.Sources.GetValueOrDefault(r.ItemId) ?? [], notes);
        w.WriteEndArray();
        w.WriteStartArray("attestations");
        foreach (var a in d.Attestations)
        {
            w.WriteStartObject();
            w.WriteString("item", a.Item);
            w.WriteString("status", a.Status.Name());
            w.WriteString("assessor", a.Assessor);
            if (a.Date is { } date) w.WriteString("date", Date(date));
            else w.WriteNull("date");
            w.WriteString("justification", a.Justification);
            w.WriteString("evidence", a.Evidence);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("waivers");
        foreach (var v in d.Waivers)
        {
            w.WriteStartObject();
            w.WriteString("item", v.Item);
            w.WriteString("justification", v.Justification);
            w.WriteString("approved_by", v.ApprovedBy);
            w.WriteString("expires", Date(v.Expires));
            w.WriteString("source", v.Span.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteFigures(w, d.Figures);
        w.WriteEndObject();
    }

    static void WriteScore(Utf8JsonWriter w, string name, double? score)
    {
        if (score is { } s) w.WriteNumber(name, Math.Round(s, 4));
        else w.WriteNull(name);
    }

    static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    static void WriteRawMax(Utf8JsonWriter w, SectionScore s)
    {
        if (s.Raw is { } raw) w.WriteNumber("raw", Math.Round(raw, 4));
        if (s.Max is { } max) w.WriteNumber("max", Math.Round(max, 4));
    }

    static void WriteCounts(Utf8JsonWriter w, OutcomeCounts counts, string name = "counts")
    {
        w.WriteStartObject(name);
        foreach (var o in Enum.GetValues<Outcome>()) w.WriteNumber(o.Name(), counts[o]);
        w.WriteEndObject();
    }

    static void WriteSection(Utf8JsonWriter w, SectionScore s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("title", s.Title);
        w.WriteNumber("weight", s.Weight);
        WriteScore(w, "score", s.Score);
        WriteRawMax(w, s);
        WriteCounts(w, s.Counts);
        w.WriteStartArray("sections");
        foreach (var sub in s.Sections) WriteSection(w, sub);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The member names every row writes, encoded once: as strings each was transcoded and checked for characters
    /// to escape on every row (plain lower-case ASCII: the same bytes either way).</summary>
    internal static class N
    {
        public static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");
        public static readonly JsonEncodedText Clause = JsonEncodedText.Encode("clause");
        public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
        public static readonly JsonEncodedText Counted = JsonEncodedText.Encode("counted");
        public static readonly JsonEncodedText Evidence = JsonEncodedText.Encode("evidence");
        public static readonly JsonEncodedText Expected = JsonEncodedText.Encode("expected");
        public static readonly JsonEncodedText Expression = JsonEncodedText.Encode("expression");
        public static readonly JsonEncodedText Failing = JsonEncodedText.Encode("failing");
        public static readonly JsonEncodedText First = JsonEncodedText.Encode("first");
        public static readonly JsonEncodedText Fix = JsonEncodedText.Encode("fix");
        public static readonly JsonEncodedText Guidance = JsonEncodedText.Encode("guidance");
        public static readonly JsonEncodedText Holds = JsonEncodedText.Encode("holds");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Item = JsonEncodedText.Encode("item");
        public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public static readonly JsonEncodedText Operator = JsonEncodedText.Encode("operator");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public static readonly JsonEncodedText Section = JsonEncodedText.Encode("section");
        public static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText DeclaredOnly = JsonEncodedText.Encode("declared_only");
        public static readonly JsonEncodedText Kinds = JsonEncodedText.Encode("kinds");
        public static readonly JsonEncodedText Seals = JsonEncodedText.Encode("seals");
        public static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
        public static readonly JsonEncodedText Document = JsonEncodedText.Encode("document");
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Provenance = JsonEncodedText.Encode("provenance");
        public static readonly JsonEncodedText Why = JsonEncodedText.Encode("why");
        public static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
        public static readonly JsonEncodedText ActualWords = JsonEncodedText.Encode("actual_words");
        public static readonly JsonEncodedText ExpectedWords = JsonEncodedText.Encode("expected_words");
        public static readonly JsonEncodedText TitleWords = JsonEncodedText.Encode("title_words");
        public static readonly JsonEncodedText FixWords = JsonEncodedText.Encode("fix_words");
    }

    static void WriteItem(Utf8JsonWriter w, ItemResult r, IReadOnlyList<string> sources, ProvenanceJson.CompactCache? notes)
    {
        w.WriteStartObject();
        w.WriteString(N.Id, r.Id);
        w.WriteString(N.Item, r.ItemId);
        w.WriteString(N.Section, r.SectionId);
        w.WriteString(N.Title, r.Title);
        // iq's words in a templated title or fix (a hole whose value is missing), as evidence keeps them: only where there
        // are any, beside the English text, so that a report re-rendered from the file words them in its language.
        if (r.TitleWords is { } titleWords)
        {
            w.WritePropertyName(N.TitleWords);
            ReasonJson.WriteWords(w, titleWords);
        }
        w.WriteString(N.Clause, r.Clause);
        w.WriteString(N.Level, Name(r.Level));
        w.WriteString(N.Method, r.Automated ? "automatic" : "manual");
        w.WriteNumber(N.Weight, r.Weight);
        w.WriteString(N.Outcome, r.Outcome.Name());
        w.WriteBoolean(N.Counted, ResultsDocument.Counted(r.Outcome));
        w.WriteNumber(N.Score, Math.Round(r.Score, 4));
        w.WriteStartArray(N.Evidence);
        foreach (var e in r.Evidence) WriteEvidence(w, e);
        w.WriteEndArray();
        w.WritePropertyName(N.Reason);
        ReasonJson.Write(w, r.Reason);
        w.WriteString(N.Message, r.Message);
        if (r.Fix is not null) w.WriteString(N.Fix, r.Fix);
        if (r.Fix is not null && r.FixWords is { } fixWords)
        {
            w.WritePropertyName(N.FixWords);
            ReasonJson.WriteWords(w, fixWords);
        }
        if (r.Guidance is not null) w.WriteString(N.Guidance, r.Guidance);
        w.WriteStartArray(N.Sources);
        foreach (var s in sources) w.WriteStringValue(s);
        w.WriteEndArray();
        ProvenanceJson.WriteRow(w, r.Provenance, r.Automated, notes);
        w.WriteEndObject();
    }

    internal static void WriteEvidence(Utf8JsonWriter w, Evidence e)
    {
        w.WriteStartObject();
        w.WriteString(N.Expression, e.Expression);
        w.WriteString(N.Actual, e.Actual);
        w.WriteString(N.Expected, e.Expected);
        if (e.Operator is not null) w.WriteString(N.Operator, e.Operator);
        if (e.Holds is { } holds) w.WriteBoolean(N.Holds, holds);
        else w.WriteNull(N.Holds);
        // Written only where it is false, so that results of rows every part of which decided keep their bytes.
        if (!e.Decides) w.WriteBoolean("decides", false);
        if (e.FailingCount > 0)
        {
            w.WriteStartObject(N.Failing);
            w.WriteNumber(N.Count, e.FailingCount);
            w.WriteStartArray(N.First);
            foreach (var name in e.Failing) w.WriteStringValue(name);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        // iq's own words in the texts by code, only where there are any: the English texts above stay as they were, for
        // older readers and scripts, and a report re-rendered from the file words these in its language.
        if (e.ActualWords is { } actual)
        {
            w.WritePropertyName(N.ActualWords);
            ReasonJson.WriteWords(w, actual);
        }
        if (e.ExpectedWords is { } expected)
        {
            w.WritePropertyName(N.ExpectedWords);
            ReasonJson.WriteWords(w, expected);
        }
        w.WriteEndObject();
    }

    static void WriteFigures(Utf8JsonWriter w, ReportFigures f)
    {
        w.WriteStartObject("figures");
        if (f.Baseline is { } b)
        {
            w.WriteStartObject("baseline");
            WriteNumber(w, "latency_limit_ms", b.LatencyLimitMs);
            w.WriteStartArray("concurrency");
            foreach (var p in b.Levels)
            {
                w.WriteStartObject();
                w.WriteNumber("level", p.Level);
                WriteNumber(w, "throughput", p.Throughput);
                WriteNumber(w, "mean_ms", p.MeanMs);
                WriteNumber(w, "p99_ms", p.P99Ms);
                WriteNumber(w, "success", p.Success);
                WriteNumber(w, "errors", p.Errors);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("baseline");
        if (f.Model is { } m)
        {
            w.WriteStartObject("model");
            WriteNumber(w, "clean_metric", m.CleanMetric);
            w.WriteStartArray("perturbations");
            foreach (var p in m.Perturbations)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteNumber("level", p.Level);
                WriteNumber(w, "metric", p.Metric);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("adversarial");
            foreach (var p in m.Adversarial)
            {
                w.WriteStartObject();
                w.WriteString("attack", p.Attack);
                w.WriteNumber("epsilon", p.Epsilon);
                WriteNumber(w, "robust_accuracy", p.RobustAccuracy);
                WriteNumber(w, "success_rate", p.SuccessRate);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("metrics");
            foreach (var p in m.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                WriteNumber(w, "value", p.Value);
                WriteNumber(w, "ci_low", p.CiLow);
                WriteNumber(w, "ci_high", p.CiHigh);
                WriteNumber(w, "claimed", p.Claimed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteNumber(w, "confidence", m.Confidence);
            w.WriteStartArray("losses");
            foreach (var l in m.Losses) w.WriteNumberValue(l);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("model");
        w.WriteEndObject();
    }

    // ---- reading ----

    /// <summary>A results file read back; bad input is a diagnostic naming the file and the JSON path, never an exception.
    /// Read as every input is (<see cref="InputFiles"/>): a regular file of bounded size, never a FIFO or a device.</summary>
    public static ResultsDocument? Read(string path, DiagnosticBag diagnostics) =>
        ReadBytes(path, diagnostics) is { } bytes ? Read(bytes, path, diagnostics) : null;

    static byte[]? ReadBytes(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try { bytes = InputFiles.ReadAllBytes(path, InputKind.Results); }
        catch (InputFileException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
        return bytes;
    }

    /// <summary>One checklist's results (<c>iq.results/2</c>); a file of several is an error saying so (use <see cref="ReadSet(string, DiagnosticBag)"/>).</summary>
    public static ResultsDocument? Read(byte[] bytes, string path, DiagnosticBag diagnostics)
    {
        var set = ReadSet(bytes, path, diagnostics);
        if (set is null) return null;
        if (!set.Several) return set.First;
        diagnostics.Error(Msg.ResultsSetNotOne.With(path, set.Audits.Count, ResultsSet.SchemaId),
            SourceSpan.None(path));
        return null;
    }

    /// <summary>A results file of one checklist (<c>iq.results/2</c>) or several (<c>iq.results-set/1</c>).</summary>
    public static ResultsSet? ReadSet(string path, DiagnosticBag diagnostics) =>
        ReadBytes(path, diagnostics) is { } bytes ? ReadSet(bytes, path, diagnostics) : null;

    /// <summary>From bytes: UTF-8, nesting bounded, no member named twice (which would count is a guess), and every member
    /// of the expected type, else a diagnostic with the line and column of the JSON path.</summary>
    public static ResultsSet? ReadSet(byte[] bytes, string path, DiagnosticBag diagnostics)
    {
        if (JsonInput.Text(bytes, path, out var notText) is not { } text)
        {
            diagnostics.Add(notText!);
            return null;
        }
        bytes = text;
        try
        {
            using var doc = JsonDocument.Parse(bytes, JsonInput.Options);
            var root = new Node(doc.RootElement, "$");
            if (root["schema"].Str() != ResultsSet.SchemaId) return new Reader(root).Document();
            var audits = root["audits"].Array().Select(a => new Reader(a).Document()).ToList();
            if (audits.Count < 2) throw root["audits"].Bad(Msg.SetNeedsTwo.With(ResultsSet.SchemaId));
            var set = new ResultsSet(audits);
            if (root["verdict"].Enum<Verdict>() != set.Verdict) throw root["verdict"].Bad(Msg.SetVerdictIsWorst.With(Name(set.Verdict)));
            return set;
        }
        catch (JsonException e)
        {
            diagnostics.Add(JsonInput.Malformed(e, path, bytes));
        }
        catch (ResultsFormatException e)
        {
            var (line, column) = JsonPositions.Find(bytes, e.Path);
            diagnostics.Error(Msg.BadDocumentAt.With(e.What, e.Path), new SourceSpan(path, line, column));
        }
        return null;
    }

    sealed class ResultsFormatException(string path, ILocalized what) : Exception(what.Render(Lang.En))
    {
        public string Path { get; } = path;
        public ILocalized What { get; } = what;
    }

    /// <summary>A position in the document, so that every complaint names its JSON path.</summary>
    readonly struct Node(JsonElement e, string path)
    {
        public JsonElement E => e;
        public string Path => path;

        public Node this[string name] => E.ValueKind == JsonValueKind.Object && E.TryGetProperty(name, out var v)
            ? new Node(v, $"{path}.{name}")
            : throw new ResultsFormatException(E.ValueKind == JsonValueKind.Object ? $"{path}.{name}" : path,
                E.ValueKind == JsonValueKind.Object ? Msg.MissingMember.With(name) : Msg.ExpectedA.With(Msg.AnObject.Text));

        public Node? Optional(string name) => E.ValueKind == JsonValueKind.Object && E.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? new Node(v, $"{path}.{name}") : null;

        public ResultsFormatException Bad(ILocalized what) => new(path, what);
        public ResultsFormatException Expected(Message what) => new(path, Msg.ExpectedA.With(what.Text));

        public string Str() => E.ValueKind == JsonValueKind.String ? E.GetString()! : throw Expected(Msg.AString);
        public double Num() => E.ValueKind == JsonValueKind.Number && E.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Expected(Msg.ANumber);
        public double? NumOrNull() => E.ValueKind == JsonValueKind.Null ? null : Num();
        public int Int() => E.ValueKind == JsonValueKind.Number && E.TryGetInt32(out var i) && i >= 0 ? i : throw Expected(Msg.ACount);
        public bool Bool() => E.ValueKind is JsonValueKind.True or JsonValueKind.False ? E.GetBoolean() : throw Expected(Msg.TrueOrFalse);

        public DateTimeOffset Date() =>
            DateTimeOffset.TryParse(Str(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d) ? d : throw Expected(Msg.AnIsoDate);

        public DateTimeOffset? DateOrNull() => E.ValueKind == JsonValueKind.Null ? null : Date();

        public IEnumerable<Node> Array()
        {
            if (E.ValueKind != JsonValueKind.Array) throw Expected(Msg.AnArray);
            var i = 0;
            foreach (var x in E.EnumerateArray()) yield return new Node(x, $"{path}[{i++}]");
        }

        public IEnumerable<(string Name, Node Value)> Members()
        {
            if (E.ValueKind != JsonValueKind.Object) throw Expected(Msg.AnObject);
            foreach (var p in E.EnumerateObject()) yield return (p.Name, new Node(p.Value, $"{path}.{p.Name}"));
        }

        public T Enum<T>() where T : struct, Enum
        {
            var s = Str();
            foreach (var v in System.Enum.GetValues<T>())
                if (v.ToString().ToLowerInvariant() == s.Replace("_", "")) return v;
            throw Bad(Msg.UnknownValue.With(s, Localized.OrList(System.Enum.GetValues<T>().Select(v => v.ToString().ToLowerInvariant()))));
        }

        public Outcome Outcome() => OutcomeNames.Parse(Str()) ?? throw Bad(Msg.UnknownOutcome.With(Str()));
    }

    /// <summary>The version of an <c>iq.results/N</c> schema, N digits only; null for anything else (a stray space, another
    /// name), which is then said to be no results file, its text quoted.</summary>
    static int? SchemaVersion(string schema) =>
        schema.StartsWith("iq.results/", StringComparison.Ordinal) && schema.Length > "iq.results/".Length && schema.Length < 20
        && schema["iq.results/".Length..].All(char.IsAsciiDigit) ? int.Parse(schema["iq.results/".Length..], System.Globalization.CultureInfo.InvariantCulture) : null;

    sealed class Reader(Node r)
    {
        public ResultsDocument Document()
        {
            var schema = r["schema"].Str();
            if (schema != ResultsDocument.SchemaId)
                throw r["schema"].Bad(SchemaVersion(schema) is not { } version ? Msg.NotResults.With(schema, ResultsDocument.SchemaId)
                    // A newer file than this iq reads is no reason to audit again: the iq that wrote it renders it.
                    : version > SchemaVersion(ResultsDocument.SchemaId) ? Msg.ResultsNewerSchema.With(schema, ResultsDocument.SchemaId)
                    : Msg.ResultsOldSchema.With(schema, ResultsDocument.SchemaId));
            var c = r["checklist"];
            var report = r["report"];
            var product = report["product"];
            string F(string name) => report[name].Str();
            var info = new ReportInfo(F("report_no"), F("object"), F("purpose"), F("dates"), F("place"), F("assessors"), F("signer"), F("sign_date"))
            {
                Product = new ProductInfo(product["name"].Str(), product["model"].Str(), product["version"].Str(), product["manufacturer"].Str()),
            };
            var scoring = r["scoring"];
            var basis = r["verdict_basis"];
            var items = r["items"].Array().Select(Item).ToList();
            var sources = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (row, node) in items.Zip(r["items"].Array()))
                sources.TryAdd(row.ItemId, node["sources"].Array().Select(s => s.Str()).ToList());
            var rootNode = r["root"];
            var rows = items.ToList();
            var document = new ResultsDocument
            {
                EngineVersion = r["engine"]["version"].Str(),
                EvaluatedAt = r.Optional("evaluated_at")?.Date(),
                AsOf = r["as_of"].DateOrNull(),
                Language = r["language"].Str() is "zh" or "en" ? r["language"].Str() : throw r["language"].Expected(Msg.ZhOrEn),
                Checklist = new ChecklistSummary(c["id"].Str(), c["title"].Str(), c["version"].Str(),
                    c["sources"].Array().Select(s => new SourceFile(s["path"].Str(), s["sha256"].Str())).ToList() is { Count: > 0 } list ? list
                    : throw c["sources"].Expected(Msg.ASource)) { Base = c.Optional("base") is { } b ? new ChecklistBase(b["id"].Str(), b["version"].Str()) : null },
                Info = info,
                Inputs = r["inputs"].Array().Select(i => new InputFile(i["path"].Str(), i["kind"].Str(), i["sha256"].Str())
                {
                    Seal = i.Optional("seal") is { } seal ? new InputSeal(seal["state"].Enum<SealState>(), seal["detail"].Str())
                        { Reason = ProvenanceJson.ReadSealReason(seal.E, seal.Path, (p, m) => new ResultsFormatException(p, m)) } : null,
                }).ToList(),
                Parameters = r["parameters"].Members().Select(p => new ParameterValue(p.Name, p.Value["type"].Str(), p.Value["value"].Str(), p.Value["origin"].Str())).ToList(),
                Scoring = new ScoringSummary(scoring["model"].Str(), scoring["pass_at"].Num(),
                    scoring["veto"].E.ValueKind == JsonValueKind.Null ? null : scoring["veto"].Enum<Level>(), scoring["formula"].Str()),
                Verdict = r["verdict"].Enum<Verdict>(),
                Basis = new VerdictBasis(basis["kind"].Enum<VerdictBasisKind>(), basis["levels"].Array().Select(l => l.Enum<Level>()).ToList(),
                    basis["items"].Array().Select(i => i.Str()).ToList(), basis["score"].NumOrNull(), basis["pass_at"].Num())
                {
                    Count = basis["count"].Int(),
                    JudgmentsNotTaken = basis.Optional("judgments_not_taken")?.Int() ?? 0,
                    UnconfirmedNotApplicable = basis.Optional("not_applicable_unconfirmed")?.Int() ?? 0,
                    Tailoring = basis.Optional("tailoring") is { } t ? new ScoringTailoring(t["tailoring"].Str(), t["base"].Str(), t["base_version"].Str(),
                        t["base_pass_at"].Num(), t["base_veto"].E.ValueKind == JsonValueKind.Null ? null : t["base_veto"].Enum<Level>(),
                        scoring["pass_at"].Num(), scoring["veto"].E.ValueKind == JsonValueKind.Null ? null : scoring["veto"].Enum<Level>()) : null,
                    DroppedVetoFailed = basis.Optional("tailoring")?["dropped_veto_failed"].Int() ?? 0,
                },
                Root = new SectionScore(rootNode["id"].Str(), rootNode["title"].Str(), rootNode["weight"].Num(), r["score"].NumOrNull(),
                    Counts(r["counts"]), r["sections"].Array().Select(Section).ToList())
                { Raw = rootNode.Optional("raw")?.Num(), Max = rootNode.Optional("max")?.Num() },
                Items = rows,
                Sources = sources,
                Attestations = r["attestations"].Array().Select(a => new Attestation(a["item"].Str(), a["status"].Outcome(), a["assessor"].Str(),
                    a["date"].DateOrNull(), a["justification"].Str(), a["evidence"].Str())).ToList(),
                Waivers = r["waivers"].Array().Select(v => new Waiver(v["item"].Str(), v["justification"].Str(), v["approved_by"].Str(),
                    v["expires"].Date(), Span(v["source"]))).ToList(),
                Figures = Figures(r["figures"]),
                Findings = ProvenanceJson.ReadFindings(r["findings"].E, r["findings"].Path, (p, m) => new ResultsFormatException(p, m)),
            };
            // The checklist's hash is written twice (its own, and first of its chain's); an edit of one alone is an edit.
            if (r["checklist"].Optional("sha256") is { } top && top.Str() != document.Checklist.Sources[0].Sha256)
                throw top.Bad(Msg.ResultsChecklistHash.With(top.Str(), document.Checklist.Sources[0].Sha256));
            if (ResultsConsistency.First(document) is { } contradiction)
                throw new ResultsFormatException(r.Path + contradiction.Path[1..], contradiction.What);
            DeclaredOnlyFollowsFromRows(document, r);
            return document;
        }

        /// <summary>The declared-only counts a file states must be what its rows' flags give: each row's flag already follows
        /// from its facts' provenances and guards, and a file whose guards were edited with its rows' flags, the counts left
        /// as iq wrote them, states two tallies (the rest of what must follow from the rows is <see cref="ResultsConsistency"/>).</summary>
        static void DeclaredOnlyFollowsFromRows(ResultsDocument d, Node r)
        {
            if (r.Optional("declared_only") is not { } stated) return;
            var declared = d.DeclaredOnly;
            foreach (var o in System.Enum.GetValues<Outcome>())
                if (stated[o.Name()].Int() != declared[o])
                    throw stated[o.Name()].Bad(Msg.ResultsCountsNotRows.With(stated[o.Name()].Int(), o.Name(), declared[o]));
        }

        static SourceSpan Span(Node n)
        {
            // file:line:column as SourceSpan prints it; a span without a line prints as the file alone.
            var s = n.Str();
            var parts = s.Split(':');
            if (parts.Length >= 3 && int.TryParse(parts[^2], out var line) && int.TryParse(parts[^1], out var col))
                return new SourceSpan(string.Join(':', parts[..^2]), line, col);
            return SourceSpan.None(s);
        }

        static OutcomeCounts Counts(Node n) =>
            new(System.Enum.GetValues<Outcome>().ToDictionary(o => o, o => n[o.Name()].Int()));

        static SectionScore Section(Node n) =>
            new(n["id"].Str(), n["title"].Str(), n["weight"].Num(), n["score"].NumOrNull(), Counts(n["counts"]), n["sections"].Array().Select(Section).ToList())
            { Raw = n.Optional("raw")?.Num(), Max = n.Optional("max")?.Num() };

        static ItemResult Item(Node n)
        {
            var method = n["method"].Str();
            if (method is not ("automatic" or "manual")) throw n["method"].Expected(Msg.AutomaticOrManual);
            // A fix's words go with its text: fix_words without a fix is refused at the missing fix.
            if (n.Optional("fix_words") is not null && n.Optional("fix") is null) _ = n["fix"].Str();
            return new ItemResult(n["id"].Str(), n["item"].Str(), n["title"].Str(), n["section"].Str(), n["clause"].Str(), n["level"].Enum<Level>(),
                n["weight"].Num(), method == "automatic", n["outcome"].Outcome(), n["score"].Num(),
                n["evidence"].Array().Select(Evidence).ToList(), ReasonJson.Read(n["reason"].E, n["reason"].Path, (p, m) => new ResultsFormatException(p, m)),
                n.Optional("fix")?.Str(), n.Optional("guidance")?.Str())
            {
                TitleWords = n.Optional("title_words") is { } tw ? ReasonJson.ReadWords(tw.E, tw.Path, (p, m) => new ResultsFormatException(p, m)) : null,
                FixWords = n.Optional("fix_words") is { } fw ? ReasonJson.ReadWords(fw.E, fw.Path, (p, m) => new ResultsFormatException(p, m)) : null,
                Provenance = ProvenanceJson.ReadRow(n["provenance"].E, n["provenance"].Path, method == "automatic", (p, m) => new ResultsFormatException(p, m)),
            };
        }

        internal static Evidence Evidence(Node n)
        {
            var e = ReadEvidence(n);
            // A part that compared two plain numbers carries enough to check: an edited actual ("4" where the facts gave
            // "128") under a "holds": true that the numbers contradict is refused at holds, as a verdict the rows
            // contradict is (fresh eyes 3, #2). Units, versions and words are not re-read here.
            if (e.Holds is { } holds && e.Operator is "==" or "!=" or "<" or "<=" or ">" or ">=" && Compared(e) is { } value && value != holds)
                throw n["holds"].Bad(Msg.ResultsPartNotHolds.With(holds ? "true" : "false", $"{e.Actual} {e.Expected}", value ? "true" : "false"));
            return e;
        }

        /// <summary>What a comparison of two plain numbers gives, with its <c>not</c>; null when either side is anything else.</summary>
        static bool? Compared(Evidence e)
        {
            var expected = e.Expected;
            var negated = expected.StartsWith("not ", StringComparison.Ordinal);
            if (negated) expected = expected[4..];
            if (!expected.StartsWith(e.Operator + " ", StringComparison.Ordinal)) return null;
            const NumberStyles plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
            if (!double.TryParse(e.Actual, plain, CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(expected[(e.Operator!.Length + 1)..], plain, CultureInfo.InvariantCulture, out var b)) return null;
            // The texts are rounded to 12 decimals: only a difference well beyond that rounding, or two whole numbers, decides.
            var whole = double.IsInteger(a) && double.IsInteger(b) && Math.Abs(a) < 1e15 && Math.Abs(b) < 1e15;
            if (!whole && Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)))) return null;
            var result = e.Operator switch { "==" => a == b, "!=" => a != b, "<" => a < b, "<=" => a <= b, ">" => a > b, _ => a >= b };
            return result != negated;
        }

        static Evidence ReadEvidence(Node n) => new(n["expression"].Str(), n["actual"].Str(), n["expected"].Str())
        {
            ActualWords = n.Optional("actual_words") is { } aw ? ReasonJson.ReadWords(aw.E, aw.Path, (p, m) => new ResultsFormatException(p, m)) : null,
            ExpectedWords = n.Optional("expected_words") is { } ew ? ReasonJson.ReadWords(ew.E, ew.Path, (p, m) => new ResultsFormatException(p, m)) : null,
            Operator = n.Optional("operator")?.Str(),
            Holds = n.Optional("holds")?.Bool(),
            Decides = n.Optional("decides")?.Bool() ?? true,
            Failing = n.Optional("failing") is { } f ? f["first"].Array().Select(x => x.Str()).ToList() : [],
            FailingCount = n.Optional("failing") is { } c ? c["count"].Int() : 0,
        };

        static ReportFigures Figures(Node n)
        {
            BaselineFigures? baseline = n.Optional("baseline") is { } b
                ? new BaselineFigures(b["concurrency"].Array().Select(p => new ConcurrencyPoint(p["level"].Num(), p["throughput"].NumOrNull(),
                    p["mean_ms"].NumOrNull(), p["p99_ms"].NumOrNull(), p["success"].NumOrNull(), p["errors"].NumOrNull())).ToList(), b["latency_limit_ms"].NumOrNull())
                : null;
            ModelFigures? model = n.Optional("model") is { } m
                ? new ModelFigures(m["clean_metric"].NumOrNull(),
                    m["perturbations"].Array().Select(p => new PerturbationPoint(p["name"].Str(), p["level"].Num(), p["metric"].NumOrNull())).ToList(),
                    m["adversarial"].Array().Select(p => new EpsilonPoint(p["attack"].Str(), p["epsilon"].Num(), p["robust_accuracy"].NumOrNull(), p["success_rate"].NumOrNull())).ToList())
                {
                    Metrics = m["metrics"].Array().Select(p => new MetricPoint(p["name"].Str(), p["value"].NumOrNull(), p["ci_low"].NumOrNull(),
                        p["ci_high"].NumOrNull(), p["claimed"].NumOrNull())).ToList(),
                    Confidence = m["confidence"].NumOrNull(),
                    Losses = m["losses"].Array().Select(l => l.Num()).ToList(),
                }
                : null;
            return new ReportFigures(baseline, model);
        }
    }
}
