using System.Globalization;
using ClosedXML.Excel;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>The manual-review sheet: one row per manual item with a drop-down for the status. The scorecard carries
/// it, <c>iq manual-template</c> writes it alone, and <c>iq audit --attestations FILE.xlsx</c> reads it back.</summary>
public static class ManualReview
{
    static readonly Outcome[] Statuses = [Outcome.Pass, Outcome.Fail, Outcome.NotApplicable];

    /// <summary>The sheet: one row per manual item (id, clause, requirement, guidance), the judgment where there is one.</summary>
    public static void WriteSheet(IXLWorksheet ws, IEnumerable<(string Id, string Clause, string Title, string Guidance)> rows, Labels labels,
        IReadOnlyList<Attestation>? attestations, string reportNo)
    {
        ScorecardWriter.Header(ws, labels.ManualHeaders, [18, 12, 34, 46, 10, 12, 11, 34, 28], labels.T, reportNo);
        var row = 2;
        foreach (var (id, clause, title, guidance) in rows)
        {
            ScorecardWriter.Text(ws.Cell(row, 1), id);
            ScorecardWriter.Text(ws.Cell(row, 2), clause);
            ScorecardWriter.Text(ws.Cell(row, 3), title);
            ScorecardWriter.Text(ws.Cell(row, 4), guidance);
            var a = attestations?.FirstOrDefault(x => x.Item == id);
            ScorecardWriter.Text(ws.Cell(row, 5), a is null ? "" : labels.Outcome(a.Status));
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
            ws.Range(2, 5, row - 1, 5).SetDataValidation().List("\"" + string.Join(",", Statuses.Select(labels.Outcome)) + "\"", true);
            ws.Range(1, 1, row - 1, labels.ManualHeaders.Length).SetAutoFilter();
        }
    }

    /// <summary>The items an assessor judges: the manual items the checklist selects. One disabled by tailoring (alone or
    /// with its section) comes out notselected whatever is written for it, so it gets no row to fill in.</summary>
    public static IEnumerable<ItemModel> ToJudge(ChecklistModel model) => model.Items.Where(i => !i.Automated && i.DisabledReason is null);

    public static void WriteTemplate(ChecklistModel model, string lang, Stream stream)
    {
        var labels = Labels.For(lang);
        using var wb = ScorecardWriter.NewWorkbook();
        WriteSheet(wb.Worksheets.Add(labels.ManualSheet), ToJudge(model).Select(i => (i.Id, i.Clause, i.Title, i.Manual ?? "")),
            labels, null, "");
        ScorecardWriter.Save(wb, [], null, stream);
    }

    /// <summary>Reads judgments from the manual-review sheet (either language); rows with no status are not judged yet.
    /// The workbook is read by iq (a bounded regular file) and checked (<see cref="WorkbookGuard"/>) before the xlsx library
    /// opens it; a cell holding a formula is refused with its reference: a formula's cached value is not a judgment.</summary>
    public static IReadOnlyList<Attestation> Read(string path, DiagnosticBag diagnostics)
    {
        var result = new List<Attestation>();
        byte[] bytes;
        try { bytes = InputFiles.ReadAllBytes(path, InputKind.Workbook); }
        catch (InputFileException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return result;
        }
        var errorCells = new List<WorkbookGuard.ErrorCell>();
        if (WorkbookGuard.Check(bytes, errorCells) is { } refused)
        {
            diagnostics.Error(refused.Text, new SourceSpan(path, refused.Row, refused.Column));
            return result;
        }
        try { return ReadSheet(bytes, path, errorCells, diagnostics); }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // The xlsx library over bytes someone sent: whatever it trips on is a workbook it cannot read, not an iq fault.
            // What the guard can place (a cell, a part) it names before the library runs; here only the library's words are
            // left, without its exception's type name, which tells a reviewer nothing.
            diagnostics.Error(Msg.NotAWorkbook.With(Msg.WorkbookLibrary.With(e.Message.Split('\n')[0].TrimEnd('.'))), SourceSpan.None(path));
            return [];
        }
    }

    static IReadOnlyList<Attestation> ReadSheet(byte[] bytes, string path, IReadOnlyList<WorkbookGuard.ErrorCell> errorCells, DiagnosticBag diagnostics)
    {
        var result = new List<Attestation>();
        using (var wb = new XLWorkbook(new MemoryStream(bytes, writable: false)))
        {
            var names = new[] { Labels.For("zh").ManualSheet, Labels.For("en").ManualSheet };
            var ws = wb.Worksheets.FirstOrDefault(w => names.Contains(w.Name));
            if (ws is null)
            {
                diagnostics.Error(Msg.NoReviewSheet.With(names[0], names[1]), SourceSpan.None(path));
                return result;
            }
            // The rows the sheet has, not every row up to the last: one cell at row 1,048,576 would make a million empty
            // rows of nine cells each (20 s and more).
            foreach (var used in ws.RowsUsed())
            {
                var row = used.RowNumber();
                if (row < 2) continue;
                string Cell(int c) => (ws.Cell(row, c).Value?.ToString() ?? "").Trim(); // not GetFormattedString: see ScorecardWriter.FitHeight
                var formula = Enumerable.Range(1, 9).FirstOrDefault(c => ws.Cell(row, c).HasFormula);
                if (formula > 0)
                {
                    var reference = ws.Cell(row, formula).Address.ToString();
                    diagnostics.Error(Msg.ReviewCellFormula.With(ws.Name, reference),
                        new SourceSpan(path, row, formula));
                    continue;
                }
                // An error value (#DIV/0!, #N/A …) is read by the library as an empty cell, which would count the row as not
                // judged yet without a word: it is something written where a judgment belongs, refused with its cell as a
                // formula is. A cell left blank stays a judgment to make.
                if (errorCells.FirstOrDefault(e => e.Sheet == ws.Name && e.Row == row && e.Column <= 9) is { } error)
                {
                    diagnostics.Error(Msg.ReviewCellError.With(ws.Name, error.Cell, error.Value), new SourceSpan(path, row, error.Column));
                    continue;
                }
                var statusText = Cell(5);
                if (Cell(1).Length == 0 || statusText.Length == 0) continue;
                // Either language's words (the drop-down's), or the results' outcome names.
                var status = Statuses.Cast<Outcome?>().FirstOrDefault(o => statusText == ReportTexts.Zh.Outcome(o!.Value) || statusText == ReportTexts.En.Outcome(o.Value))
                             ?? OutcomeNames.Parse(statusText);
                if (status is not (Outcome.Pass or Outcome.Fail or Outcome.NotApplicable))
                {
                    diagnostics.Error(Msg.SheetStatus.With(statusText, ws.Name, $"E{row}"),
                        new SourceSpan(path, row, 5));
                    continue;
                }
                // A judgment is a signed record: who judged and when, or it is no judgment (a pass nobody signed is not earned).
                if (Judgments.JudgmentFiles.Blank(Cell(6)))
                {
                    diagnostics.Error(Msg.SheetNoAssessor.With(ws.Name, $"F{row}"), new SourceSpan(path, row, 6));
                    continue;
                }
                DateTimeOffset? date = null;
                var dateCell = ws.Cell(row, 7);
                if (dateCell.DataType == XLDataType.DateTime)
                {
                    // A date cell holds a serial number; one no date can be (past 9999-12-31, NaN) is refused at its cell,
                    // not as a workbook the library cannot read.
                    if (dateCell.TryGetValue<DateTime>(out var serial)) date = new DateTimeOffset(serial, TimeSpan.Zero);
                    else
                    {
                        diagnostics.Error(Msg.SheetDate.With(dateCell.GetString(), ws.Name, $"G{row}"), new SourceSpan(path, row, 7));
                        continue;
                    }
                }
                else if (Cell(7).Length > 0)
                {
                    if (DateTimeOffset.TryParse(Cell(7), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) date = d;
                    else diagnostics.Error(Msg.SheetDate.With(Cell(7), ws.Name, $"G{row}"), new SourceSpan(path, row, 7));
                }
                else
                {
                    diagnostics.Error(Msg.SheetNoDate.With(ws.Name, $"G{row}"), new SourceSpan(path, row, 7));
                    continue;
                }
                result.Add(new Attestation(Cell(1), status.Value, Cell(6), date, Cell(8), Cell(9)) { Span = new SourceSpan(path, row, 1), Cell = $"sheet '{ws.Name}', cell A{row}",
                    DateSpan = new SourceSpan(path, row, 7), DateCell = $"sheet '{ws.Name}', cell G{row}",
                    JustificationSpan = new SourceSpan(path, row, 8), JustificationCell = $"sheet '{ws.Name}', cell H{row}" });
            }
        }
        return result;
    }
}
