using System.Globalization;
using Iq.Rules.Syntax;
using Sylvan.Data.Csv;
using Iq.Rules.Diagnostics;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports.Scorecard;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Iq.Scoring.Judgments;

/// <summary>A waiver: an automatic item's failure excused, by whom, why, until when.</summary>
public sealed record Waiver(string Item, string Justification, string ApprovedBy, DateTimeOffset Expires, SourceSpan Span);

/// <summary>Reads attestations (YAML, CSV or the scorecard's manual-review sheet) and waivers (YAML or CSV).
/// Every problem is reported with the file and the line and column (YAML), line (CSV) or cell (xlsx).</summary>
public static class JudgmentFiles
{
    static readonly string[] AttestationFields = ["item", "status", "assessor", "date", "justification", "evidence"];
    static readonly string[] WaiverFields = ["item", "justification", "approved_by", "expires"];

    /// <summary>Files larger than this are refused (a judgment file of 10,000 rows is under 2 MiB).</summary>
    const long MaxBytes = 64L * 1024 * 1024;

    public static IReadOnlyList<Attestation> ReadAttestations(string path, DiagnosticBag diagnostics, System.Text.Encoding? encoding = null)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(Codes.FileNotFound, $"File not found: {path}", SourceSpan.None(path));
            return [];
        }
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return ManualReview.Read(path, diagnostics);
        var result = new List<Attestation>();
        foreach (var (values, span) in Records(path, AttestationFields, ["item", "status"], diagnostics, encoding))
        {
            var status = OutcomeNames.Parse(values["status"]);
            if (status is not (Outcome.Pass or Outcome.Fail or Outcome.NotApplicable))
            {
                diagnostics.Error(Codes.BadValue, $"status must be pass, fail or notapplicable, got '{values["status"]}'", span);
                continue;
            }
            DateTimeOffset? date = null;
            if (values.GetValueOrDefault("date") is { Length: > 0 } d)
            {
                if (DateTimeOffset.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) date = parsed;
                else diagnostics.Error(Codes.BadValue, $"date is not a date: '{d}'", span);
            }
            result.Add(new Attestation(values["item"], status.Value, values.GetValueOrDefault("assessor", ""), date,
                values.GetValueOrDefault("justification", ""), values.GetValueOrDefault("evidence", "")));
        }
        return result;
    }

    public static IReadOnlyList<Waiver> ReadWaivers(string path, DiagnosticBag diagnostics, System.Text.Encoding? encoding = null)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(Codes.FileNotFound, $"File not found: {path}", SourceSpan.None(path));
            return [];
        }
        var result = new List<Waiver>();
        foreach (var (values, span) in Records(path, WaiverFields, WaiverFields, diagnostics, encoding))
        {
            if (!DateTimeOffset.TryParse(values["expires"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            {
                diagnostics.Error(Codes.BadValue, $"expires is not a date: '{values["expires"]}'", span);
                continue;
            }
            if (values["justification"].Length == 0 || values["approved_by"].Length == 0)
            {
                diagnostics.Error(Codes.BadValue, "a waiver needs a justification and who approved it", span);
                continue;
            }
            result.Add(new Waiver(values["item"], values["justification"], values["approved_by"], expires, span));
        }
        return result;
    }

    /// <summary>Records of named string fields from YAML (a list, or a map holding one list) or CSV (a header row).</summary>
    static IEnumerable<(Dictionary<string, string> Values, SourceSpan Span)> Records(string path, string[] fields, string[] required, DiagnosticBag diagnostics,
        System.Text.Encoding? encoding)
    {
        if (Text(path, diagnostics, encoding) is not { } text) yield break;
        var records = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv(path, text, diagnostics) : Yaml(path, text, diagnostics);
        foreach (var (values, span) in records)
        {
            var unknown = values.Keys.Where(k => !fields.Contains(k)).ToList();
            var missing = required.Where(r => !values.TryGetValue(r, out var v) || v.Length == 0).ToList();
            if (unknown.Count > 0) diagnostics.Error(Codes.BadDocument, $"unknown field '{unknown[0]}'; expected {string.Join(", ", fields)}", span);
            if (missing.Count > 0) diagnostics.Error(Codes.BadDocument, $"missing field '{missing[0]}'", span);
            if (unknown.Count == 0 && missing.Count == 0) yield return (values, span);
        }
    }

    /// <summary>The file as text: its byte-order mark's encoding (UTF-8, UTF-16, GB18030), else the one named, else UTF-8;
    /// undecodable bytes are an error naming the line and column, never U+FFFD in a name or a date.</summary>
    static string? Text(string path, DiagnosticBag diagnostics, System.Text.Encoding? encoding)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                diagnostics.Error(Codes.FileTooLarge, $"A judgment file is at most {MaxBytes / (1024 * 1024)} MiB; {path} has {info.Length} bytes", SourceSpan.None(path));
                return null;
            }
            return TextDecoding.Decode(File.ReadAllBytes(path), encoding);
        }
        catch (TextDecodingException e)
        {
            diagnostics.Error(Codes.NotText, e.Message, new SourceSpan(path, e.Line, e.Column));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(Codes.FileNotFound, $"Cannot read {path}: {e.Message}", SourceSpan.None(path));
        }
        return null;
    }

    static List<(Dictionary<string, string>, SourceSpan)> Csv(string path, string text, DiagnosticBag diagnostics)
    {
        var result = new List<(Dictionary<string, string>, SourceSpan)>();
        try
        {
            using var csv = CsvDataReader.Create(new StringReader(text));
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0))
            {
                diagnostics.Error(Codes.BadDocument, "empty CSV: expected a header row", SourceSpan.None(path));
                return result;
            }
            while (csv.Read())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++) values[header[i]] = i < csv.RowFieldCount ? csv.GetString(i).Trim() : "";
                if (values.Values.All(v => v.Length == 0)) continue;
                result.Add((values, new SourceSpan(path, csv.RowNumber, 1)));
            }
        }
        catch (CsvFormatException e)
        {
            diagnostics.Error(Codes.BadDocument, $"Malformed CSV: {e.Message}", new SourceSpan(path, e.RowNumber, 1));
        }
        return result;
    }

    static List<(Dictionary<string, string>, SourceSpan)> Yaml(string path, string text, DiagnosticBag diagnostics)
    {
        var result = new List<(Dictionary<string, string>, SourceSpan)>();
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            diagnostics.Error(Codes.BadDocument, $"Malformed YAML: {e.Message}", new SourceSpan(path, (int)e.Start.Line, (int)e.Start.Column));
            return result;
        }
        if (stream.Documents.Count == 0) return result;
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode map && map.Children.Count == 1 && map.Children.Values.First() is YamlSequenceNode inner) root = inner;
        if (root is not YamlSequenceNode list)
        {
            diagnostics.Error(Codes.BadDocument, "expected a list of records (or a map holding one list)", At(path, root));
            return result;
        }
        foreach (var node in list.Children)
        {
            if (node is not YamlMappingNode record)
            {
                diagnostics.Error(Codes.BadDocument, "expected a record of fields", At(path, node));
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in record.Children)
            {
                if (v is not YamlScalarNode scalar)
                {
                    diagnostics.Error(Codes.BadDocument, $"field '{k}' must be a single value", At(path, v));
                    continue;
                }
                values[((YamlScalarNode)k).Value ?? ""] = scalar.Value ?? "";
            }
            result.Add((values, At(path, record)));
        }
        return result;
    }

    static SourceSpan At(string path, YamlNode node) => new(path, (int)node.Start.Line, (int)node.Start.Column);
}
