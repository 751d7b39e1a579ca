using System.Globalization;
using System.Text.Json;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Reports;

/// <summary>A row's <see cref="Reason"/> in the results file, as data (<c>{"kind": "failed", …}</c>), so that a report
/// re-rendered from the file words it in its own language exactly as the audit's report did.</summary>
public static class ReasonJson
{
    public static void Write(Utf8JsonWriter w, Reason reason)
    {
        w.WriteStartObject();
        switch (reason)
        {
            case Passed:
                w.WriteString("kind", "passed");
                break;
            case Failed f:
                w.WriteString("kind", "failed");
                if (f.First is { } e)
                {
                    w.WritePropertyName("first");
                    ResultsJson.WriteEvidence(w, e);
                }
                else w.WriteNull("first");
                WriteMissing(w, "also_missing", f.AlsoMissing);
                break;
            case PartialCredit p:
                w.WriteString("kind", "partial");
                w.WriteNumber("score", p.Score);
                break;
            case MissingEvidence m:
                w.WriteString("kind", "missing_evidence");
                WriteMissing(w, "facts", m.Facts);
                if (m.Clause is not null) w.WriteString("clause", m.Clause);
                else w.WriteNull("clause");
                break;
            case NotApplicable n:
                w.WriteString("kind", "not_applicable");
                w.WriteString("condition", n.Condition);
                WriteOptional(w, "because", n.Because);
                // iq's words in the because text's holes (a value that is missing), as a title's: only where there are any.
                if (n.Because is not null && n.BecauseWords is { } because)
                {
                    w.WritePropertyName("because_words");
                    WriteWords(w, because);
                }
                break;
            case DeclaredNotApplicable d:
                w.WriteString("kind", "declared_not_applicable");
                w.WriteString("fact", d.Fact);
                w.WriteString("because", d.Because);
                break;
            case NotApplicableUnconfirmed u:
                w.WriteString("kind", "not_applicable_unconfirmed");
                w.WriteString("fact", u.Fact);
                w.WriteString("because", u.Because);
                w.WriteString("document", u.Document);
                w.WriteString("json_path", u.JsonPath);
                w.WriteBoolean("held", u.Held);
                break;
            case EmptyForeach f:
                w.WriteString("kind", "empty_foreach");
                w.WriteString("list", f.List);
                WriteOptional(w, "because", f.Because);
                break;
            case Disabled d:
                w.WriteString("kind", "disabled");
                w.WriteString("because", d.Because);
                break;
            case ManualRequired m:
                w.WriteString("kind", "manual_required");
                w.WriteString("guidance", m.Guidance);
                break;
            case JudgmentNotTaken j:
                w.WriteString("kind", "judgment_not_taken");
                w.WriteString("guidance", j.Guidance);
                w.WritePropertyName("judgment");
                Write(w, j.Judgment);
                w.WriteString("document", j.Why.Document);
                w.WriteString("state", j.Why.Seal.ToString().ToLowerInvariant());
                w.WriteString("detail", j.Why.Detail);
                break;
            case InformationalOnly:
                w.WriteString("kind", "informational");
                break;
            case TypeMismatch t:
                w.WriteString("kind", "type_mismatch");
                w.WriteString("expected", t.Expected);
                w.WriteString("got", t.Got);
                break;
            case EvaluationError x:
                w.WriteString("kind", "evaluation_error");
                w.WriteString("detail", x.Detail);
                break;
            case Attested a:
                w.WriteString("kind", "attested");
                w.WriteString("status", a.Status.Name());
                w.WriteString("assessor", a.Assessor);
                if (a.Date is { } date) w.WriteString("date", date.ToString("O", CultureInfo.InvariantCulture));
                else w.WriteNull("date");
                w.WriteString("justification", a.Justification);
                w.WriteString("evidence", a.EvidenceReference);
                break;
            case Waived v:
                w.WriteString("kind", "waived");
                w.WriteString("approved_by", v.ApprovedBy);
                w.WriteString("expires", v.Expires.ToString("O", CultureInfo.InvariantCulture));
                w.WriteString("justification", v.Justification);
                w.WriteString("was", v.Was.Name());
                w.WritePropertyName("was_reason");
                Write(w, v.WasReason);
                break;
            case ProvenanceNotMet p:
                w.WriteString("kind", "provenance_not_met");
                w.WriteStartArray("required");
                foreach (var a in p.Required.Accepted) w.WriteStringValue(a.Name());
                w.WriteEndArray();
                w.WriteStartArray("paths");
                foreach (var path in p.Required.Paths) w.WriteStringValue(path);
                w.WriteEndArray();
                ProvenanceJson.WriteFacts(w, "facts", p.Facts);
                w.WriteString("was", p.Was.Name());
                w.WritePropertyName("was_reason");
                Write(w, p.WasReason);
                break;
            case Contradicted c:
                w.WriteString("kind", "contradicted");
                w.WritePropertyName("finding");
                ProvenanceJson.WriteFinding(w, c.Finding);
                w.WriteString("was", c.Was.Name());
                w.WritePropertyName("was_reason");
                Write(w, c.WasReason);
                break;
            default:
                // A new kind of reason must be added here and to the results schema; the round-trip test fails until it is.
                throw new InvalidOperationException($"no results form for reason {reason.GetType().Name}");
        }
        w.WriteEndObject();
    }

    static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
        else w.WriteNull(name);
    }

    static void WriteMissing(Utf8JsonWriter w, string name, IReadOnlyList<Missing> facts)
    {
        w.WriteStartArray(name);
        foreach (var m in facts)
        {
            w.WriteStartObject();
            w.WriteString("path", m.Path);
            w.WriteString("cause", CauseName(m.Cause));
            if (m.Detail is not null) w.WriteString("detail", m.Detail);
            else w.WriteNull("detail");
            // The reason as data beside its English detail, so that a report re-rendered from the file words it in its language.
            if (m.Text is { Code: { } } text) WriteReason(w, text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary><c>"code"</c> and <c>"args"</c> of a fact reason; a quoted reason is an argument of the same shape.</summary>
    static void WriteReason(Utf8JsonWriter w, MessageText text)
    {
        w.WriteString("code", text.Code);
        w.WriteStartObject("args");
        foreach (var (arg, value) in MsgCatalog.ArgsOf(text))
        {
            if (value is MessageText inner)
            {
                w.WriteStartObject(arg);
                WriteReason(w, inner);
                w.WriteEndObject();
            }
            else w.WriteString(arg, (string)value);
        }
        w.WriteEndObject();
    }

    /// <summary>Evidence's words (<see cref="Evidence.ActualWords"/>): one message as <c>{"code", "args"}</c>, text of several
    /// parts as an array of values (strings) and such messages. Arguments are stored whole, as their English text.</summary>
    internal static void WriteWords(Utf8JsonWriter w, MixedText words)
    {
        if (words.Parts is [MessageText only])
        {
            WriteWord(w, only);
            return;
        }
        w.WriteStartArray();
        foreach (var part in words.Parts)
            if (part is MessageText m) WriteWord(w, m);
            else w.WriteStringValue((string)part);
        w.WriteEndArray();
    }

    static void WriteWord(Utf8JsonWriter w, MessageText m)
    {
        w.WriteStartObject();
        w.WriteString("code", m.Code);
        w.WriteStartObject("args");
        for (var i = 0; i < m.Message.Args.Count; i++)
        {
            if (m.Values[i] is MessageText inner)
            {
                w.WritePropertyName(m.Message.Args[i]);
                WriteWord(w, inner);
            }
            else w.WriteString(m.Message.Args[i], Message.Whole(m.Values[i], Lang.En));
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Words as a results file writes them (compact JSON): how the fleet store keeps a title's words.</summary>
    public static string WordsJson(MixedText words)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteWords(w, words);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Words kept by <see cref="WordsJson"/>, read as a results file's (<see cref="ReadWords"/>); malformed JSON
    /// throws <see cref="JsonException"/>.</summary>
    public static MixedText? WordsFromJson(string json, string path, Func<string, ILocalized, Exception> bad)
    {
        using var doc = JsonDocument.Parse(json);
        return ReadWords(doc.RootElement, path, bad);
    }

    /// <summary>Evidence's words as <see cref="WriteWords"/> writes them: null where absent or null, and where this iq does not
    /// know a code or its arguments (a newer iq's words: the English text then stands); of the wrong shape or type, the file
    /// is refused at the JSON path, as a reason is.</summary>
    internal static MixedText? ReadWords(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return ReadWord(e, path, bad) is { } only ? new MixedText([only]) : null;
            case JsonValueKind.Array when e.GetArrayLength() > 0:
                var parts = new List<object>();
                var known = true;
                var i = 0;
                foreach (var part in e.EnumerateArray())
                {
                    var at = $"{path}[{i++}]";
                    if (part.ValueKind == JsonValueKind.String) parts.Add(part.GetString()!);
                    else if (part.ValueKind == JsonValueKind.Object)
                    {
                        if (ReadWord(part, at, bad) is { } m) parts.Add(m);
                        else known = false;
                    }
                    else throw bad(at, Msg.ExpectedA.With(Msg.AnEvidenceWords.Text));
                }
                return known ? new MixedText(parts) : null;
            default:
                throw bad(path, Msg.ExpectedA.With(Msg.AnEvidenceWords.Text));
        }
    }

    static MessageText? ReadWord(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        if (!e.TryGetProperty("code", out var code)) throw bad($"{path}.code", Msg.MissingMember.With("code"));
        if (code.ValueKind != JsonValueKind.String) throw bad($"{path}.code", Msg.ExpectedA.With(Msg.AString.Text));
        if (!e.TryGetProperty("args", out var args)) throw bad($"{path}.args", Msg.MissingMember.With("args"));
        if (args.ValueKind != JsonValueKind.Object) throw bad($"{path}.args", Msg.ExpectedA.With(Msg.AnObject.Text));
        // An argument is its English text, or a message of its own (the order a version comparison used).
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var known = true;
        foreach (var a in args.EnumerateObject())
        {
            if (a.Value.ValueKind == JsonValueKind.String) values[a.Name] = a.Value.GetString()!;
            else if (a.Value.ValueKind == JsonValueKind.Object)
            {
                if (ReadWord(a.Value, $"{path}.args.{a.Name}", bad) is { } inner) values[a.Name] = inner;
                else known = false;
            }
            else throw bad($"{path}.args.{a.Name}", Msg.ExpectedA.With(Msg.AStringOrMessage.Text));
        }
        return known ? MsgCatalog.EvidenceWord(code.GetString()!, values) : null;
    }

    static string CauseName(Absence a) => a switch
    {
        Absence.NoValue => "no_value",
        Absence.NoDocument => "no_document",
        Absence.Absent => "absent",
        Absence.ProbeError => "probe_error",
        Absence.ItemNotDecided => "item_not_decided",
        Absence.NoResult => "no_result",
        Absence.EmptyList => "empty_list",
        // first() that found nothing: the detail names the function, so a report read from the file words it as the audit did.
        Absence.NoMatch => "no_match",
        Absence.NotApplicable => "not_applicable",
        _ => "undecidable",
    };

    public static readonly IReadOnlyList<string> Kinds =
        ["passed", "failed", "partial", "missing_evidence", "not_applicable", "declared_not_applicable", "empty_foreach", "disabled", "manual_required", "informational",
         "type_mismatch", "evaluation_error", "attested", "waived", "provenance_not_met", "contradicted", "judgment_not_taken", "not_applicable_unconfirmed"];

    /// <summary>Reads a reason; <paramref name="bad"/> makes the exception for a malformed one (path, message).</summary>
    public static Reason Read(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        if (e.ValueKind != JsonValueKind.Object) throw bad(path, Msg.ExpectedA.With(Msg.AnObject.Text));
        string S(string name)
        {
            if (!e.TryGetProperty(name, out var v)) throw bad($"{path}.{name}", Msg.MissingMember.With(name));
            if (v.ValueKind != JsonValueKind.String) throw bad($"{path}.{name}", Msg.ExpectedA.With(Msg.AString.Text));
            return v.GetString()!;
        }
        string? SOrNull(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Null ? null : S(name);
        DateTimeOffset D(string name) => DateTimeOffset.TryParse(S(name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d)
            ? d : throw bad($"{path}.{name}", Msg.ExpectedA.With(Msg.AnIsoDate.Text));
        Outcome O(string name) => OutcomeNames.Parse(S(name)) ?? throw bad($"{path}.{name}", Msg.UnknownOutcome.With(S(name)));
        JsonElement P(string name) => e.TryGetProperty(name, out var v) ? v : throw bad($"{path}.{name}", Msg.MissingMember.With(name));
        IReadOnlyList<Missing> M(string name)
        {
            var list = P(name);
            if (list.ValueKind != JsonValueKind.Array) throw bad($"{path}.{name}", Msg.ExpectedA.With(Msg.AnArray.Text));
            var result = new List<Missing>();
            var i = 0;
            foreach (var m in list.EnumerateArray())
            {
                var at = $"{path}.{name}[{i++}]";
                if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("path", out var p) || p.ValueKind != JsonValueKind.String
                    || !m.TryGetProperty("cause", out var c) || c.ValueKind != JsonValueKind.String)
                    throw bad(at, Msg.ExpectedA.With(Msg.AMissingRecord.Text));
                var cause = Enum.GetValues<Absence>().Cast<Absence?>().FirstOrDefault(a => CauseName(a!.Value) == c.GetString())
                            ?? throw bad($"{at}.cause", Msg.UnknownValue.With(c.GetString(), Localized.OrList(Enum.GetValues<Absence>().Select(CauseName))));
                var detail = m.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                result.Add(new Missing(p.GetString()!, cause, detail) { Text = Reason(m, at) });
            }
            return result;
        }

        // A code and args as written by ReasonJson: of the wrong type the file is refused; a code this iq cannot word keeps the
        // detail, shown as the document's own words with that code (as the fact bundle reader does).
        MessageText? Reason(JsonElement m, string at)
        {
            if (!m.TryGetProperty("code", out var code)) return null;
            var reason = Coded(m, at);
            var detail = m.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return reason ?? (detail is null ? null : MsgCatalog.NotInCatalog(detail, code.GetString()!));
        }

        MessageText? Coded(JsonElement m, string at)
        {
            if (!m.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String) throw bad($"{at}.code", Msg.ExpectedA.With(Msg.AString.Text));
            if (!m.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Object) throw bad($"{at}.args", Msg.ExpectedA.With(Msg.AnObject.Text));
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            var known = true;
            foreach (var a in args.EnumerateObject())
            {
                if (a.Value.ValueKind == JsonValueKind.String) values[a.Name] = a.Value.GetString()!;
                else if (a.Value.ValueKind == JsonValueKind.Object)
                {
                    if (Coded(a.Value, $"{at}.args.{a.Name}") is { } inner) values[a.Name] = inner;
                    else known = false;
                }
                else throw bad($"{at}.args.{a.Name}", Msg.ExpectedA.With(Msg.AString.Text));
            }
            return known ? MsgCatalog.FactReason(code.GetString()!, values) : null;
        }

        IReadOnlyList<string> Strings(string name)
        {
            var list = P(name);
            if (list.ValueKind != JsonValueKind.Array) throw bad($"{path}.{name}", Msg.ExpectedA.With(Msg.AnArray.Text));
            return list.EnumerateArray().Select((x, i) => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw bad($"{path}.{name}[{i}]", Msg.ExpectedA.With(Msg.AString.Text))).ToList();
        }

        // because_words go with their text, as fix_words with a fix: without a because (or with a null one), refused there.
        NotApplicable NotApplicableOf()
        {
            var words = e.TryGetProperty("because_words", out var bw) ? bw : default;
            var hasWords = words.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
            return new NotApplicable(S("condition"), hasWords ? S("because") : SOrNull("because"))
            {
                BecauseWords = hasWords ? ReadWords(words, $"{path}.because_words", bad) : null,
            };
        }

        var kind = S("kind");
        return kind switch
        {
            "passed" => new Passed(),
            "failed" => new Failed(P("first").ValueKind == JsonValueKind.Null ? null : ReadEvidence(P("first"), $"{path}.first", bad), M("also_missing")),
            "partial" => new PartialCredit(P("score") is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : throw bad($"{path}.score", Msg.ExpectedA.With(Msg.ANumber.Text))),
            "missing_evidence" => new MissingEvidence(M("facts"), SOrNull("clause")),
            "not_applicable" => NotApplicableOf(),
            "declared_not_applicable" => new DeclaredNotApplicable(S("fact"), S("because")),
            "not_applicable_unconfirmed" => new NotApplicableUnconfirmed(S("fact"), S("because"), S("document"), S("json_path"),
                P("held").ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw bad($"{path}.held", Msg.ExpectedA.With(Msg.TrueOrFalse.Text)),
                }),
            "empty_foreach" => new EmptyForeach(S("list"), SOrNull("because")),
            "disabled" => new Disabled(S("because")),
            "manual_required" => new ManualRequired(S("guidance")),
            "informational" => new InformationalOnly(),
            "judgment_not_taken" => new JudgmentNotTaken(S("guidance"),
                Read(P("judgment"), $"{path}.judgment", bad) as Attested ?? throw bad($"{path}.judgment.kind", Msg.ExpectedA.With(Localized.Verbatim("attested"))),
                new Iq.Rules.Model.ProvenanceNote(S("document"),
                    Enum.GetValues<Iq.Rules.Model.SealState>().Cast<Iq.Rules.Model.SealState?>().FirstOrDefault(s => s!.Value.ToString().ToLowerInvariant() == S("state"))
                    ?? throw bad($"{path}.state", Msg.UnknownValue.With(S("state"), Localized.OrList(Enum.GetNames<Iq.Rules.Model.SealState>().Select(n => n.ToLowerInvariant())))),
                    S("detail"))),
            "type_mismatch" => new TypeMismatch(S("expected"), S("got")),
            "evaluation_error" => new EvaluationError(S("detail")),
            "attested" => new Attested(O("status"), S("assessor"), SOrNull("date") is null ? null : D("date"), S("justification"), S("evidence")),
            "waived" => new Waived(S("approved_by"), D("expires"), S("justification"), O("was"), Read(P("was_reason"), $"{path}.was_reason", bad)),
            "provenance_not_met" => new ProvenanceNotMet(
                new Iq.Rules.Model.ProvenanceRequirement(
                    Strings("required").Select((r, i) => Iq.Rules.Model.ProvenanceNames.Parse(r) ?? throw bad($"{path}.required[{i}]", Msg.UnknownValue.With(r, Localized.OrList(Iq.Rules.Model.ProvenanceNames.All)))).ToList(),
                    Strings("paths")),
                ProvenanceJson.ReadFacts(P("facts"), $"{path}.facts", bad), O("was"), Read(P("was_reason"), $"{path}.was_reason", bad)),
            "contradicted" => new Contradicted(ProvenanceJson.ReadFinding(P("finding"), $"{path}.finding", bad), O("was"),
                Read(P("was_reason"), $"{path}.was_reason", bad)),
            _ => throw bad($"{path}.kind", Msg.UnknownReason.With(kind, Localized.OrList(Kinds))),
        };
    }

    static Evidence ReadEvidence(JsonElement e, string path, Func<string, ILocalized, Exception> bad)
    {
        string S(string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : throw bad($"{path}.{name}", Msg.ExpectedA.With(Msg.AString.Text));
        JsonElement? P(string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        bool? holds = P("holds") is { } h ? h.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw bad($"{path}.holds", Msg.ExpectedA.With(Localized.Verbatim("true, false or null"))),
        } : null;
        var failing = P("failing");
        if (failing is { } fo && (fo.ValueKind != JsonValueKind.Object || !fo.TryGetProperty("count", out var fc) || fc.ValueKind != JsonValueKind.Number || !fc.TryGetInt32(out var fcount) || fcount < 0
                || !fo.TryGetProperty("first", out var ff) || ff.ValueKind != JsonValueKind.Array || ff.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String)))
            throw bad($"{path}.failing", Msg.ExpectedA.With(Localized.Verbatim("{count, first[]}")));
        return new Evidence(S("expression"), S("actual"), S("expected"))
        {
            ActualWords = P("actual_words") is { } aw ? ReadWords(aw, $"{path}.actual_words", bad) : null,
            ExpectedWords = P("expected_words") is { } ew ? ReadWords(ew, $"{path}.expected_words", bad) : null,
            Operator = P("operator") is { ValueKind: JsonValueKind.String } op ? op.GetString() : P("operator") is null ? null : throw bad($"{path}.operator", Msg.ExpectedA.With(Msg.AString.Text)),
            Holds = holds,
            Failing = failing is { } fl ? fl.GetProperty("first").EnumerateArray().Select(x => x.GetString()!).ToList() : [],
            FailingCount = failing is { } fn ? fn.GetProperty("count").GetInt32() : 0,
        };
    }
}
