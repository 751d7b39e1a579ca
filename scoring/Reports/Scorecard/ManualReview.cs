using System.Globalization;
using ClosedXML.Excel;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>The manual-review sheet: one row per manual item with a drop-down for the status. The scorecard carries
/// it, <c>iq manual-template</c> writes it alone, and <c>iq audit --attestations FILE.xlsx</c> reads it back.</summary>
public static class ManualReview
{
    static readonly string[] Statuses = ["pass", "fail", "notapplicable"];

    public static void WriteSheet(IXLWorksheet ws, ChecklistModel model, IReadOnlyList<ItemResult>? results, Labels labels,
        IReadOnlyList<Attestation>? attestations = null)
    {
        ScorecardWriter.Header(ws, labels.ManualHeaders, [18, 14, 34, 50, 14, 14, 12, 36, 30], labels.ManualSheet);
        var rows = results?.Where(r => !r.Automated).Select(r => (r.Id, r.Clause, r.Title, r.Guidance ?? ""))
                   ?? model.Items.Where(i => !i.Automated).Select(i => (i.Id, i.Clause, i.Title, i.Manual ?? ""));
        var row = 2;
        foreach (var (id, clause, title, guidance) in rows)
        {
            ScorecardWriter.Text(ws.Cell(row, 1), id);
            ScorecardWriter.Text(ws.Cell(row, 2), clause);
            ScorecardWriter.Text(ws.Cell(row, 3), title);
            ScorecardWriter.Text(ws.Cell(row, 4), guidance);
            var a = attestations?.FirstOrDefault(x => x.Item == id);
            ScorecardWriter.Text(ws.Cell(row, 5), a?.Status.Name() ?? "");
            ScorecardWriter.Text(ws.Cell(row, 6), a?.Assessor ?? "");
            ScorecardWriter.Text(ws.Cell(row, 7), a?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            ScorecardWriter.Text(ws.Cell(row, 8), a?.Justification ?? "");
            ScorecardWriter.Text(ws.Cell(row, 9), a?.Evidence ?? "");
            ws.Cell(row, 5).Style.Fill.BackgroundColor = XLColor.FromHtml("#FFF2CC");
            ws.Row(row).Style.Alignment.WrapText = true;
            ws.Row(row).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            ScorecardWriter.FitHeight(ws, row, labels.ManualHeaders.Length);
            row++;
        }
        if (row > 2)
        {
            ws.Range(2, 5, row - 1, 5).SetDataValidation().List("\"" + string.Join(",", Statuses) + "\"", true);
            ws.Range(1, 1, row - 1, labels.ManualHeaders.Length).SetAutoFilter();
        }
    }

    public static void WriteTemplate(ChecklistModel model, string lang, Stream stream)
    {
        var labels = Labels.For(lang);
        using var wb = new XLWorkbook();
        WriteSheet(wb.Worksheets.Add(labels.ManualSheet), model, null, labels);
        wb.SaveAs(stream);
    }

    /// <summary>Reads judgments from the manual-review sheet (either language); rows with no status are not judged yet.</summary>
    public static IReadOnlyList<Attestation> Read(string path, DiagnosticBag diagnostics)
    {
        var result = new List<Attestation>();
        XLWorkbook wb;
        try { wb = new XLWorkbook(path); }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException)
        {
            diagnostics.Error(Msg.NotAWorkbook.With(e.Message), SourceSpan.None(path));
            return result;
        }
        using (wb)
        {
            var names = new[] { Labels.For("zh").ManualSheet, Labels.For("en").ManualSheet };
            var ws = wb.Worksheets.FirstOrDefault(w => names.Contains(w.Name));
            if (ws is null)
            {
                diagnostics.Error(Msg.NoReviewSheet.With(names[0], names[1]), SourceSpan.None(path));
                return result;
            }
            var last = ws.LastRowUsed()?.RowNumber() ?? 1;
            for (var row = 2; row <= last; row++)
            {
                string Cell(int c) => (ws.Cell(row, c).Value?.ToString() ?? "").Trim(); // not GetFormattedString: see ScorecardWriter.FitHeight
                var statusText = Cell(5);
                if (Cell(1).Length == 0 || statusText.Length == 0) continue;
                var status = statusText switch
                {
                    "通过" => Outcome.Pass,
                    "不通过" => Outcome.Fail,
                    "不适用" => Outcome.NotApplicable,
                    _ => OutcomeNames.Parse(statusText),
                };
                if (status is not (Outcome.Pass or Outcome.Fail or Outcome.NotApplicable))
                {
                    diagnostics.Error(Msg.SheetStatus.With(statusText, ws.Name, $"E{row}"),
                        new SourceSpan(path, row, 5));
                    continue;
                }
                DateTimeOffset? date = null;
                var dateCell = ws.Cell(row, 7);
                if (dateCell.DataType == XLDataType.DateTime) date = new DateTimeOffset(dateCell.GetDateTime(), TimeSpan.Zero);
                else if (Cell(7).Length > 0)
                {
                    if (DateTimeOffset.TryParse(Cell(7), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) date = d;
                    else diagnostics.Error(Msg.SheetDate.With(Cell(7), ws.Name, $"G{row}"), new SourceSpan(path, row, 7));
                }
                result.Add(new Attestation(Cell(1), status.Value, Cell(6), date, Cell(8), Cell(9)));
            }
        }
        return result;
    }
}
