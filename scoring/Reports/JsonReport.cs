using System.Text.Encodings.Web;
using System.Text.Json;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>The results as JSON, schema <c>iq.results/1</c> (docs/results.md). Stable: the same inputs give
/// the same bytes; a timestamp appears only when one is asked for.</summary>
public static class JsonReport
{
    public const string Schema = "iq.results/1";

    public static void Write(AuditReport report, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var c = report.Checklist;
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteStartObject("engine");
        w.WriteString("name", "iq");
        w.WriteString("version", report.EngineVersion);
        w.WriteEndObject();
        if (report.EvaluatedAt is { } at) w.WriteString("evaluated_at", at.ToString("O"));
        w.WriteStartObject("checklist");
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("version", c.Version);
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
        w.WriteStartArray("inputs");
        foreach (var i in report.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", i.Path);
            w.WriteString("kind", i.Kind);
            w.WriteString("sha256", i.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("parameters");
        foreach (var p in c.Params)
        {
            w.WriteStartObject(p.Name);
            w.WriteString("type", p.Type.Name);
            w.WriteString("value", ValueFormatter.Plain(p.Value, p.Type));
            w.WriteString("origin", p.Origin);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("scoring");
        w.WriteString("model", report.Score.Model);
        w.WriteNumber("pass_at", c.Scoring.PassAt);
        if (c.Scoring.Veto is { } veto) w.WriteString("veto", veto.ToString().ToLowerInvariant());
        else w.WriteNull("veto");
        w.WriteString("formula", report.Score.Formula);
        w.WriteEndObject();
        w.WriteString("verdict", report.Score.Verdict.ToString().ToLowerInvariant());
        w.WriteString("verdict_reason", report.Score.Reason);
        WriteScore(w, "score", report.Score.Score);
        WriteCounts(w, report.Score.Root.Counts);
        WriteCounts(w, report.DeclaredOnly, "declared_only");
        w.WriteStartArray("findings");
        foreach (var f in report.Findings)
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
        w.WriteEndArray();
        w.WriteStartArray("sections");
        foreach (var s in report.Score.Root.Sections) WriteSection(w, s);
        w.WriteEndArray();
        w.WriteStartArray("items");
        foreach (var r in report.Results) WriteItem(w, r);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteScore(Utf8JsonWriter w, string name, double? score)
    {
        if (score is { } s) w.WriteNumber(name, Math.Round(s, 4));
        else w.WriteNull(name);
    }

    static void WriteCounts(Utf8JsonWriter w, OutcomeCounts counts, string name = "counts")
    {
        w.WriteStartObject(name);
        foreach (var o in Enum.GetValues<Outcome>()) w.WriteNumber(o.Name(), counts[o]);
        w.WriteEndObject();
    }

    /// <summary>The row's provenance: the kinds (strongest first), whether an automatic row rests on declared facts alone, and
    /// each fact path read with its provenance, document and, where its document's word was set aside, why.</summary>
    internal static void WriteProvenance(Utf8JsonWriter w, ItemResult r)
    {
        w.WriteStartArray("provenance");
        foreach (var k in r.Provenance.Kinds) w.WriteStringValue(k.Name());
        w.WriteEndArray();
        w.WriteBoolean("declared_only", r.Automated && r.Provenance.DeclaredOnly);
        w.WriteStartArray("provenance_facts");
        foreach (var f in r.Provenance.Facts)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("provenance", f.Provenance.Name());
            w.WriteString("document", f.Document);
            if (f.Why is not null) w.WriteString("why", f.Why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void WriteSection(Utf8JsonWriter w, SectionScore s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("title", s.Title);
        w.WriteNumber("weight", s.Weight);
        WriteScore(w, "score", s.Score);
        WriteCounts(w, s.Counts);
        w.WriteStartArray("sections");
        foreach (var sub in s.Sections) WriteSection(w, sub);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteItem(Utf8JsonWriter w, ItemResult r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("item", r.ItemId);
        w.WriteString("section", r.SectionId);
        w.WriteString("title", r.Title);
        w.WriteString("clause", r.Clause);
        w.WriteString("level", r.Level.ToString().ToLowerInvariant());
        w.WriteString("method", r.Automated ? "automatic" : "manual");
        w.WriteNumber("weight", r.Weight);
        w.WriteString("outcome", r.Outcome.Name());
        w.WriteNumber("score", Math.Round(r.Score, 4));
        w.WriteStartArray("evidence");
        foreach (var e in r.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("expression", e.Expression);
            w.WriteString("actual", e.Actual);
            w.WriteString("expected", e.Expected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("message", r.Message);
        if (r.Fix is not null) w.WriteString("fix", r.Fix);
        if (r.Guidance is not null) w.WriteString("guidance", r.Guidance);
        WriteProvenance(w, r);
        w.WriteEndObject();
    }
}
