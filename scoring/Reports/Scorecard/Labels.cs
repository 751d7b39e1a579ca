using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>Scorecard wording from the report catalog (<see cref="ReportTexts"/>): Chinese (the standard's own terms) by
/// default, English with --lang en. Sheet names and column headers in one place.</summary>
public sealed class Labels
{
    Labels(ReportTexts texts) => T = texts;

    public ReportTexts T { get; }

    public static Labels For(string lang) => new(ReportTexts.For(lang));

    public string ReportSheet => T["sheet.report"];
    public string SummarySheet => T["sheet.summary"];
    public string ManualSheet => T["sheet.manual"];
    public string AttachmentsSheet => T["sheet.attachments"];
    public string ChecklistSheet => T["sheet.checklist"];
    public string ChartsSheet => T["sheet.charts"];

    /// <summary>A top-level section's sheet: Annex C's C.2–C.6 for the IQ checklist's 6.2–6.6, else the section's id (the
    /// 001 checklist: one sheet per chapter-6 method); a name Excel accepts (31 characters, none of []:*?/\).
    /// <paramref name="prefix"/>, in a workbook of several checklists, names the checklist whose sheets follow the first's.</summary>
    public static string SectionSheet(string id, string title, bool annexC, string? prefix = null)
    {
        var annex = !annexC ? null : id switch { "6.2" => "C.2", "6.3" => "C.3", "6.4" => "C.4", "6.5" => "C.5", "6.6" => "C.6", _ => null };
        return SheetName(prefix, $"{annex ?? id} {title}");
    }

    /// <summary>A name Excel accepts: at most 31 characters, none of []:*?/\, no quote at either end.</summary>
    public static string SheetName(string? prefix, string name)
    {
        if (prefix is not null) name = $"{prefix} {name}";
        foreach (var c in "[]:*?/\\") name = name.Replace(c, ' ');
        name = name.Trim('\'');
        return name.Length <= 31 ? name : name[..31];
    }

    string[] Cols(params string[] keys) => keys.Select(k => T["col." + k]).ToArray();

    public string[] ReportHeaders => [T["c1.field"], T["c1.content"]];

    public string[] ItemHeaders => Cols("id", "clause", "requirement", "level", "method", "weight", "outcome", "score", "actual", "expected", "message", "fix", "sources", "provenance", "facts");

    public string[] SummaryHeaders => Cols("section", "title", "weight", "score")
        .Concat(Enum.GetValues<Outcome>().Select(o => T.Outcome(o))).ToArray();

    public string[] ManualHeaders => Cols("id", "clause", "requirement", "level", "guidance", "status", "assessor", "date", "justification", "evidence");

    public string[] AttachmentHeaders => Cols("kind", "file", "sha256", "seal", "key_id");

    public string Level(Level l) => T.Level(l);
    public string Method(bool automated) => T.Method(automated);
    public string Outcome(Outcome o) => T.Outcome(o);
}
