using System.Text.Json;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>The C.1 report information: from a JSON file (<c>--report-info</c>) and the command line (<c>--report</c>);
/// the product (name, model, version, manufacturer) from the installation plan. A field left empty is shown as not
/// filled in the reports, never silently blank.</summary>
public sealed record ReportInfo(string ReportNo, string Object, string Purpose, string Dates, string Place, string Assessors, string Signer, string SignDate)
{
    public static readonly ReportInfo Empty = new("", "", "", "", "", "", "", "");

    public static readonly string[] Fields = ["report_no", "object", "purpose", "dates", "place", "assessors", "signer", "sign_date"];

    /// <summary>The device under evaluation, from the plan's <c>product</c>.</summary>
    public ProductInfo Product { get; init; } = ProductInfo.Empty;

    /// <summary>This information with fields replaced from the command line (<c>--report field=value</c>).</summary>
    public ReportInfo With(IReadOnlyDictionary<string, string> fields) => this with
    {
        ReportNo = fields.GetValueOrDefault("report_no", ReportNo),
        Object = fields.GetValueOrDefault("object", Object),
        Purpose = fields.GetValueOrDefault("purpose", Purpose),
        Dates = fields.GetValueOrDefault("dates", Dates),
        Place = fields.GetValueOrDefault("place", Place),
        Assessors = fields.GetValueOrDefault("assessors", Assessors),
        Signer = fields.GetValueOrDefault("signer", Signer),
        SignDate = fields.GetValueOrDefault("sign_date", SignDate),
    };

    public string Get(string field) => field switch
    {
        "report_no" => ReportNo,
        "object" => Object,
        "purpose" => Purpose,
        "dates" => Dates,
        "place" => Place,
        "assessors" => Assessors,
        "signer" => Signer,
        "sign_date" => SignDate,
        _ => throw new ArgumentException($"unknown report field '{field}'"),
    };

    public static ReportInfo? Read(string path, DiagnosticBag diagnostics)
    {
        byte[]? bytes = null;
        try
        {
            bytes = InputFiles.ReadAllBytes(path, InputKind.ReportInfo);
            bytes = JsonInput.Text(bytes, path, out var notText);
            if (bytes is null)
            {
                diagnostics.Add(notText!);
                return null;
            }
            using var doc = JsonDocument.Parse(bytes, JsonInput.Options);
            SourceSpan At(string jsonPath, bool name = false)
            {
                var (line, column) = JsonPositions.Find(bytes, jsonPath, name);
                return new SourceSpan(path, line, column);
            }
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Error(Msg.ReportInfoNotObject.Text, SourceSpan.None(path));
                return null;
            }
            var values = new Dictionary<string, string>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!Fields.Contains(p.Name))
                    diagnostics.Error(Msg.ReportInfoUnknown.With(p.Name, string.Join(", ", Fields)), At("$." + p.Name, name: true));
                else if (p.Value.ValueKind != JsonValueKind.String)
                    diagnostics.Error(Msg.ReportInfoNotString.With(p.Name), At("$." + p.Name));
                else values[p.Name] = p.Value.GetString()!;
            }
            string V(string k) => values.GetValueOrDefault(k, "");
            return new ReportInfo(V("report_no"), V("object"), V("purpose"), V("dates"), V("place"), V("assessors"), V("signer"), V("sign_date"));
        }
        catch (JsonException e)
        {
            diagnostics.Add(JsonInput.Malformed(e, path, bytes));
            return null;
        }
        catch (InputFileException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
        catch (IOException e)
        {
            diagnostics.Error(Msg.CannotRead.With(path, LibraryError.Io(e)), SourceSpan.None(path));
            return null;
        }
    }
}

/// <summary>The medical device software under evaluation, as the installation plan names it (C.1 评估对象).</summary>
public sealed record ProductInfo(string Name, string Model, string Version, string Manufacturer)
{
    public static readonly ProductInfo Empty = new("", "", "", "");
    public bool IsEmpty => this == Empty;
}
