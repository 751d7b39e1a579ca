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

    /// <summary>The assessor's columns, 1-based: status, assessor, date, justification, evidence; the columns before them
    /// (id, clause, requirement, level, guidance) are the checklist's.</summary>
    const int StatusColumn = 6, LastColumn = 10;

    /// <summary>The sheet: one row per manual item (id, clause, requirement, level, guidance), the judgment where there is one.
    /// The checklist's columns are locked (the sheet protected, without a password: it keeps a slip from passing for a change,
    /// it is no security), the assessor's open; the level is the checklist's and is never read back, so a value written over
    /// it changes nothing (<see cref="Read"/>).</summary>
    public static void WriteSheet(IXLWorksheet ws, IEnumerable<(string Id, string Clause, string Title, Level Level, string Guidance)> rows, Labels labels,
        IReadOnlyList<Attestation>? attestations, string reportNo)
    {
        ScorecardWriter.Header(ws, labels.ManualHeaders, [18, 12, 34, 5, 46, 10, 12, 11, 34, 28], labels.T, reportNo);
        var row = 2;
        foreach (var (id, clause, title, level, guidance) in rows)
        {
            ScorecardWriter.Text(ws.Cell(row, 1), id);
            ScorecardWriter.Text(ws.Cell(row, 2), clause);
            ScorecardWriter.Text(ws.Cell(row, 3), title);
            ScorecardWriter.Text(ws.Cell(row, 4), labels.Level(level));
            ScorecardWriter.Text(ws.Cell(row, 5), guidance);
            var a = attestations?.FirstOrDefault(x => x.Item == id);
            ScorecardWriter.Text(ws.Cell(row, StatusColumn), a is null ? "" : labels.Outcome(a.Status));
            ScorecardWriter.Text(ws.Cell(row, StatusColumn + 1), a?.Assessor ?? "");
            ScorecardWriter.Text(ws.Cell(row, StatusColumn + 2), a?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            ScorecardWriter.Text(ws.Cell(row, StatusColumn + 3), a?.Justification ?? "");
            ScorecardWriter.Text(ws.Cell(row, StatusColumn + 4), a?.Evidence ?? "");
            ws.Cell(row, StatusColumn).Style.Fill.BackgroundColor = XLColor.FromHtml("#FFF2CC");
            ws.Range(row, StatusColumn, row, LastColumn).Style.Protection.SetLocked(false);
            ws.Row(row).Style.Alignment.WrapText = true;
            ws.Row(row).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            ScorecardWriter.FitHeight(ws, row, labels.ManualHeaders.Length);
            row++;
        }
        if (row > 2)
        {
            ws.Range(2, StatusColumn, row - 1, StatusColumn).SetDataValidation().List("\"" + string.Join(",", Statuses.Select(labels.Outcome)) + "\"", true);
            ws.Range(1, 1, row - 1, labels.ManualHeaders.Length).SetAutoFilter();
        }
        // Filtering, sorting and resizing stay allowed; writing into the checklist's columns does not.
        ws.Protect().AllowElement(XLSheetProtectionElements.AutoFilter | XLSheetProtectionElements.Sort | XLSheetProtectionElements.FormatColumns
                                  | XLSheetProtectionElements.FormatRows | XLSheetProtectionElements.SelectEverything);
    }

    /// <summary>The items an assessor judges: the manual items the checklist selects. One disabled by tailoring (alone or
    /// with its section) comes out notselected whatever is written for it, so it gets no row to fill in.</summary>
    public static IEnumerable<ItemModel> ToJudge(ChecklistModel model) => model.Items.Where(i => !i.Automated && i.DisabledReason is null);

    public static void WriteTemplate(ChecklistModel model, string lang, Stream stream)
    {
        var labels = Labels.For(lang);
        using var wb = ScorecardWriter.NewWorkbook();
        WriteSheet(wb.Worksheets.Add(labels.ManualSheet), ToJudge(model).Select(i => (i.Id, i.Clause, i.Title, i.Level, i.Manual ?? "")),
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
            diagnostics.Error(Msg.NotAWorkbook.With(Msg.WorkbookLibrary.With(XlsxReaderError(e))), SourceSpan.None(path));
            return [];
        }
    }

    /// <summary>What the xlsx library tripped on, from its exception's type, in the catalog's words; its English (first
    /// line) only as a detail.</summary>
    static ILocalized XlsxReaderError(Exception e)
    {
        if (e is System.Xml.XmlException x) return LibraryError.Xml(x);
        if (e is InvalidDataException or NotSupportedException or IOException) return LibraryError.Compressed(e, gzip: false);
        var kind = e switch
        {
            DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException => Msg.XlsxPackage,
            FormatException or OverflowException or InvalidCastException => Msg.XlsxValue,
            // The library dereferences a part or entry it takes for granted ([Content_Types].xml, _rels/.rels missing).
            KeyNotFoundException or NullReferenceException => Msg.XlsxPartMissing,
            _ => Msg.XlsxOther,
        };
        return kind.With(LibraryError.English("ClosedXML", e.Message.Split('\n')[0].TrimEnd('.')));
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
            // Where the assessor's columns are: after the level column, or, in a sheet written before it had one (no level
            // header in D1), one to the left. Only the id and the assessor's columns are read: the checklist's (clause,
            // requirement, level, guidance) are shown for the assessor, and whatever is written over them changes nothing.
            var levels = new[] { Labels.For("zh").ManualHeaders[3], Labels.For("en").ManualHeaders[3] };
            var s = levels.Contains((ws.Cell(1, 4).Value?.ToString() ?? "").Trim()) ? StatusColumn : StatusColumn - 1;
            var last = s + 4;
            static string Letter(int column) => ((char)('A' + column - 1)).ToString();
            // The rows the sheet has, not every row up to the last: one cell at row 1,048,576 would make a million empty
            // rows of nine cells each (20 s and more).
            foreach (var used in ws.RowsUsed())
            {
                var row = used.RowNumber();
                if (row < 2) continue;
                string Cell(int c) => (ws.Cell(row, c).Value?.ToString() ?? "").Trim(); // not GetFormattedString: see ScorecardWriter.FitHeight
                var formula = Enumerable.Range(1, last).FirstOrDefault(c => ws.Cell(row, c).HasFormula);
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
                if (errorCells.FirstOrDefault(e => e.Sheet == ws.Name && e.Row == row && e.Column <= last) is { } error)
                {
                    diagnostics.Error(Msg.ReviewCellError.With(ws.Name, error.Cell, error.Value), new SourceSpan(path, row, error.Column));
                    continue;
                }
                var statusText = Cell(s);
                if (Cell(1).Length == 0 || statusText.Length == 0) continue;
                // Either language's words (the drop-down's), or the results' outcome names.
                var status = Statuses.Cast<Outcome?>().FirstOrDefault(o => statusText == ReportTexts.Zh.Outcome(o!.Value) || statusText == ReportTexts.En.Outcome(o.Value))
                             ?? OutcomeNames.Parse(statusText);
                if (status is not (Outcome.Pass or Outcome.Fail or Outcome.NotApplicable))
                {
                    diagnostics.Error(Msg.SheetStatus.With(statusText, ws.Name, $"{Letter(s)}{row}"),
                        new SourceSpan(path, row, s));
                    continue;
                }
                // A judgment is a signed record: who judged and when, or it is no judgment (a pass nobody signed is not earned).
                if (Judgments.JudgmentFiles.Blank(Cell(s + 1)))
                {
                    diagnostics.Error(Msg.SheetNoAssessor.With(ws.Name, $"{Letter(s + 1)}{row}"), new SourceSpan(path, row, s + 1));
                    continue;
                }
                DateTimeOffset? date = null;
                var dateCell = ws.Cell(row, s + 2);
                if (dateCell.DataType == XLDataType.DateTime)
                {
                    // A date cell holds a serial number; one no date can be (past 9999-12-31, NaN) is refused at its cell,
                    // not as a workbook the library cannot read.
                    if (dateCell.TryGetValue<DateTime>(out var serial)) date = new DateTimeOffset(serial, TimeSpan.Zero);
                    else
                    {
                        diagnostics.Error(Msg.SheetDate.With(dateCell.GetString(), ws.Name, $"{Letter(s + 2)}{row}"), new SourceSpan(path, row, s + 2));
                        continue;
                    }
                }
                else if (Cell(s + 2).Length > 0)
                {
                    if (DateTimeOffset.TryParse(Cell(s + 2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) date = d;
                    else diagnostics.Error(Msg.SheetDate.With(Cell(s + 2), ws.Name, $"{Letter(s + 2)}{row}"), new SourceSpan(path, row, s + 2));
                }
                else
                {
                    diagnostics.Error(Msg.SheetNoDate.With(ws.Name, $"{Letter(s + 2)}{row}"), new SourceSpan(path, row, s + 2));
                    continue;
                }
                result.Add(new Attestation(Cell(1), status.Value, Cell(s + 1), date, Cell(s + 3), Cell(s + 4)) { Span = new SourceSpan(path, row, 1), Cell = $"sheet '{ws.Name}', cell A{row}",
                    DateSpan = new SourceSpan(path, row, s + 2), DateCell = $"sheet '{ws.Name}', cell {Letter(s + 2)}{row}",
                    JustificationSpan = new SourceSpan(path, row, s + 3), JustificationCell = $"sheet '{ws.Name}', cell {Letter(s + 3)}{row}" });
            }
        }
        return result;
    }
}
