using System.Globalization;
using Iq.Rules.Syntax;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports.Scorecard;

namespace Iq.Scoring.Judgments;

/// <summary>A waiver: an automatic item's failure excused, by whom, why, until when.</summary>
public sealed record Waiver(string Item, string Justification, string ApprovedBy, DateTimeOffset Expires, SourceSpan Span);

/// <summary>Reads attestations (YAML, CSV or the scorecard's manual-review sheet) and waivers (YAML or CSV).
/// Every problem is reported with the file and the line and column (YAML), line (CSV) or cell (xlsx).</summary>
public static class JudgmentFiles
{
    // A judgment is a signed record: who judged and when, besides the item and the status (AttestationShape).
    static readonly string[] AttestationFields = [.. AttestationShape.Fields];
    static readonly string[] AttestationRequired = [.. AttestationShape.RequiredFields];
    static readonly string[] WaiverFields = ["item", "justification", "approved_by", "expires"];

    public static IReadOnlyList<Attestation> ReadAttestations(string path, DiagnosticBag diagnostics, System.Text.Encoding? encoding = null)
    {
        var xlsx = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        if (Refused(path, xlsx ? InputKind.Workbook : InputKind.Judgments, diagnostics)) return [];
        if (xlsx) return Attestations.Reasoned(ManualReview.Read(path, diagnostics), path, diagnostics);
        var result = new List<Attestation>();
        foreach (var (values, span, at) in Records(path, AttestationFields, AttestationRequired, diagnostics, encoding))
        {
            var status = OutcomeNames.Parse(values["status"]);
            if (status is not (Outcome.Pass or Outcome.Fail or Outcome.NotApplicable))
            {
                diagnostics.Error(Msg.StatusValue.With(values["status"]), at("status"));
                continue;
            }
            DateTimeOffset? date = null;
            if (values.GetValueOrDefault("date") is { Length: > 0 } d)
            {
                if (DateTimeOffset.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) date = parsed;
                else diagnostics.Error(Msg.DateValue.With(d), at("date"));
            }
            result.Add(new Attestation(values["item"], status.Value, values.GetValueOrDefault("assessor", ""), date,
                values.GetValueOrDefault("justification", ""), values.GetValueOrDefault("evidence", ""))
                { Span = span, JustificationSpan = at("justification") });
        }
        return Attestations.Reasoned(result, path, diagnostics);
    }

    public static IReadOnlyList<Waiver> ReadWaivers(string path, DiagnosticBag diagnostics, System.Text.Encoding? encoding = null)
    {
        if (Refused(path, InputKind.Judgments, diagnostics)) return [];
        var result = new List<Waiver>();
        foreach (var (values, span, at) in Records(path, WaiverFields, WaiverFields, diagnostics, encoding))
        {
            if (!DateTimeOffset.TryParse(values["expires"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            {
                diagnostics.Error(Msg.ExpiresValue.With(values["expires"]), at("expires"));
                continue;
            }
            if (Blank(values["justification"]) || Blank(values["approved_by"]))
            {
                diagnostics.Error(Msg.WaiverNeedsApproval.Text, at(Blank(values["justification"]) ? "justification" : "approved_by"));
                continue;
            }
            result.Add(new Waiver(values["item"], values["justification"], values["approved_by"], expires, span));
        }
        return result;
    }

    /// <summary>Records of named string fields from YAML (a list, or a map holding one list) or CSV (a header row), each with
    /// where a field's value is (YAML: the value's line and column; CSV: the record's line), so an error in a field points at it.</summary>
    static IEnumerable<(Dictionary<string, string> Values, SourceSpan Span, Func<string, SourceSpan> At)> Records(string path, string[] fields, string[] required, DiagnosticBag diagnostics,
        System.Text.Encoding? encoding)
    {
        if (Text(path, diagnostics, encoding) is not { } text) yield break;
        var records = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv(path, text, diagnostics) : Yaml(path, text, diagnostics);
        foreach (var (values, span, spans) in records)
        {
            SourceSpan At(string field) => spans.GetValueOrDefault(field, span);
            var unknown = values.Keys.Where(k => !fields.Contains(k)).ToList();
            var missing = required.Where(r => !values.TryGetValue(r, out var v) || Blank(v)).ToList();
            // An unknown or missing field is the entry's fault: placed at the entry; a bad value at the value.
            if (unknown.Count > 0) diagnostics.Error(Msg.UnknownField.With(unknown[0], string.Join(", ", fields)), span);
            if (missing.Count > 0) diagnostics.Error(Msg.MissingField.With(missing[0]), span);
            if (unknown.Count == 0 && missing.Count == 0) yield return (values, span, At);
        }
    }

    /// <summary>Whether a value names nothing: empty, or only spaces (any Unicode space: a quoted " " in YAML, U+3000) and
    /// invisible format characters (U+200B, U+FEFF). A waiver approved by " " or a judgment signed by U+200B is signed by
    /// nobody, however the value was quoted: CSV trims its cells, YAML keeps a quoted space.</summary>
    internal static bool Blank(string? value) =>
        value is null || value.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>A file that cannot be read as this kind of input (missing, not a regular file, too large), reported.</summary>
    static bool Refused(string path, InputKind kind, DiagnosticBag diagnostics)
    {
        if (InputFiles.Refusal(path, kind) is not { } refusal) return false;
        diagnostics.Error(refusal.Code == Codes.FileNotFound ? Msg.FileNotFound.With(path) : refusal.Text, SourceSpan.None(path));
        return true;
    }

    /// <summary>The file as text: its byte-order mark's encoding (UTF-8, UTF-16, GB18030), else the one named, else UTF-8;
    /// undecodable bytes are an error naming the line and column, never U+FFFD in a name or a date. Read as a bounded
    /// regular file (<see cref="InputFiles"/>).</summary>
    static string? Text(string path, DiagnosticBag diagnostics, System.Text.Encoding? encoding)
    {
        try { return TextDecoding.Decode(InputFiles.ReadAllBytes(path, InputKind.Judgments), encoding, encodingOption: true); }
        catch (InputFileException e) { diagnostics.Add(e.ToDiagnostic()); }
        catch (TextDecodingException e) { diagnostics.Error(e.Text, new SourceSpan(path, e.Line, e.Column)); }
        return null;
    }

    static List<(Dictionary<string, string>, SourceSpan, Dictionary<string, SourceSpan>)> Csv(string path, string text, DiagnosticBag diagnostics)
    {
        var result = new List<(Dictionary<string, string>, SourceSpan, Dictionary<string, SourceSpan>)>();
        if (CsvInput.Read(text, path, diagnostics) is not var (header, records)) return result;
        foreach (var (fields, line) in records)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) values[header[i]] = i < fields.Length ? fields[i].Trim() : "";
            if (values.Values.All(v => v.Length == 0)) continue;
            result.Add((values, new SourceSpan(path, line, 1), []));
        }
        return result;
    }

    static List<(Dictionary<string, string>, SourceSpan, Dictionary<string, SourceSpan>)> Yaml(string path, string text, DiagnosticBag diagnostics)
    {
        var result = new List<(Dictionary<string, string>, SourceSpan, Dictionary<string, SourceSpan>)>();
        if (YamlInput.Read(text, path, diagnostics) is not { } root) return result;
        if (root is YamlMap map && map.Pairs.Count == 1 && map.Pairs[0].Value is YamlList inner) root = inner;
        // An iq attestations document (JSON is YAML), as the samples carry: its judgments are facts.items.
        else if (root is YamlMap doc && Member(doc, "kind") is YamlText { Value: "attestations" } && Member(doc, "facts") is YamlMap facts
                 && Member(facts, "items") is YamlList items) root = items;
        if (root is not YamlList list)
        {
            diagnostics.Error(Msg.YamlNotAList.Text, At(path, root));
            return result;
        }
        foreach (var node in list.Items)
        {
            if (node is not YamlMap record)
            {
                diagnostics.Error(Msg.YamlNotARecord.Text, At(path, node));
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var (k, v) in record.Pairs)
            {
                spans[k.Value] = At(path, v);
                if (v is not YamlText scalar)
                {
                    diagnostics.Error(Msg.YamlNotScalar.With(k.Value), At(path, v));
                    continue;
                }
                values[k.Value] = scalar.Value;
            }
            result.Add((values, At(path, record), spans));
        }
        return result;
    }

    static YamlItem? Member(YamlMap map, string key) => map.Pairs.FirstOrDefault(p => p.Key.Value == key).Value;

    static SourceSpan At(string path, YamlItem node) => new(path, node.Line, node.Column);
}
