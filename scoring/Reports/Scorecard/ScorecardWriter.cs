using ClosedXML.Excel;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>The Excel scorecard after Annex C of the IQ standard: C.1 report information, a summary with the section
/// tree, weights, scores, counts, verdict and formula, one sheet per top-level section (C.2–C.6 and 6.1), a manual-review
/// sheet that can be filled in and read back, and C.7 attachments (inputs with SHA-256). Headers frozen, filters on,
/// outcomes coloured, widths set (ClosedXML's AdjustToContents needs GDI+), pages set up to print. Every cell that
/// comes from facts or the checklist is stored as text, never as a formula or a number guessed from text.</summary>
public static class ScorecardWriter
{
    static readonly Dictionary<Outcome, string> Colours = new()
    {
        [Outcome.Pass] = "#C6EFCE", [Outcome.Fail] = "#FFC7CE", [Outcome.Error] = "#F8CBAD", [Outcome.NotApplicable] = "#EDEDED",
        [Outcome.NotChecked] = "#FFEB9C", [Outcome.Informational] = "#DDEBF7", [Outcome.Waived] = "#E4DFEC", [Outcome.NotSelected] = "#EDEDED",
    };

    public static void Write(AuditReport report, string lang, Stream stream)
    {
        var labels = Labels.For(lang);
        using var wb = new XLWorkbook();
        ReportSheet(wb.Worksheets.Add(labels.ReportSheet), report, report.Info, labels);
        SummarySheet(wb.Worksheets.Add(labels.SummarySheet), report, labels);
        var sources = EvidenceSources(report);
        var sections = report.Checklist.Root.Children.OfType<SectionModel>().ToList();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            var name = labels.SectionSheet(section.Id, section.Title);
            for (var n = 2; !used.Add(name); n++) name = name[..Math.Min(name.Length, 28)] + $" ({n})";
            var ids = section.AllItems().Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            ItemSheet(wb.Worksheets.Add(name), section.Title, report.Results.Where(r => ids.Contains(r.ItemId)), sources, labels);
        }
        var loose = report.Checklist.Root.Children.OfType<ItemModel>().Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        if (loose.Count > 0) ItemSheet(wb.Worksheets.Add(labels.ChecklistLabel), report.Checklist.Title, report.Results.Where(r => loose.Contains(r.ItemId)), sources, labels);
        ManualReview.WriteSheet(wb.Worksheets.Add(labels.ManualSheet), report.Checklist, report.Results, labels, report.Attestations);
        AttachmentsSheet(wb.Worksheets.Add(labels.AttachmentsSheet), report, labels);
        wb.SaveAs(stream);
    }

    /// <summary>Stores text as text: no formula, no number or date guessed from it.</summary>
    internal static IXLCell Text(IXLCell cell, string? value)
    {
        cell.Style.NumberFormat.Format = "@";
        cell.SetValue(value ?? "");
        cell.DataType = XLDataType.Text;
        return cell;
    }

    internal static IXLCell Number(IXLCell cell, double? value, string format = "0.##")
    {
        if (value is { } v)
        {
            cell.SetValue(Math.Round(v, 4));
            cell.Style.NumberFormat.Format = format;
        }
        else Text(cell, "—");
        return cell;
    }

    /// <summary>Sets a row's height from its wrapped text (AdjustToContents needs GDI+, absent on Linux): lines are
    /// estimated from the column widths, CJK characters counting two columns.</summary>
    internal static void FitHeight(IXLWorksheet ws, int row, int columns)
    {
        var lines = 1;
        for (var c = 1; c <= columns; c++)
        {
            var width = Math.Max(1, ws.Column(c).Width - 1);
            // Not GetFormattedString: it calls ExcelNumberFormat, whose only served version (1.1.0) lacks a method
            // ClosedXML 0.95.4 calls, so it throws and falls back, slowly, on every cell.
            var text = ws.Cell(row, c).Value?.ToString() ?? "";
            var cellLines = text.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(part.Sum(ch => (double)DisplayWidth.Of(ch)) / width)));
            lines = Math.Max(lines, cellLines);
        }
        ws.Row(row).Height = Math.Min(409, 15 * lines);
    }

    internal static void Header(IXLWorksheet ws, string[] headers, double[] widths, string title)
    {
        for (var c = 0; c < headers.Length; c++)
        {
            var cell = Text(ws.Cell(1, c + 1), headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#D9E1F2");
            cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
            cell.Style.Alignment.WrapText = true;
            ws.Column(c + 1).Width = widths[c];
        }
        ws.SheetView.FreezeRows(1);
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(1, 1);
        ws.PageSetup.Margins.Left = ws.PageSetup.Margins.Right = 0.4;
        ws.PageSetup.Header.Center.AddText(title);
        ws.PageSetup.Footer.Right.AddText("&P / &N");
    }

    static void ReportSheet(IXLWorksheet ws, AuditReport report, ReportInfo info, Labels labels)
    {
        Header(ws, labels.ReportHeaders, [24, 90], labels.ReportSheet);
        var c = report.Checklist;
        string[] values = [info.ReportNo, info.Object.Length > 0 ? info.Object : $"{c.Title} {c.Version}", info.Purpose, info.Dates, info.Place,
            info.Assessors, labels.Verdict(report.Score.Verdict), info.Signer, info.SignDate];
        var row = 2;
        for (var i = 0; i < values.Length; i++, row++)
        {
            Text(ws.Cell(row, 1), labels.ReportFields[i]).Style.Font.Bold = true;
            Text(ws.Cell(row, 2), values[i]).Style.Alignment.WrapText = true;
            FitHeight(ws, row, 2);
        }
        var verdictCell = ws.Cell(8, 2);
        verdictCell.Style.Font.Bold = true;
        verdictCell.Style.Fill.BackgroundColor = XLColor.FromHtml(report.Score.Verdict == Verdict.Pass ? Colours[Outcome.Pass]
            : report.Score.Verdict == Verdict.Fail ? Colours[Outcome.Fail] : Colours[Outcome.NotChecked]);
        row++;
        string[] checklist = [c.Id, c.Version, c.Sources[0].Sha256, report.Score.Model, Scorer.Format(c.Scoring.PassAt),
            c.Scoring.Veto?.ToString().ToLowerInvariant() ?? "—", report.Score.Score is { } s ? Scorer.Format(s) : "—", report.Score.Reason,
            $"iq {report.EngineVersion}"];
        for (var i = 0; i < checklist.Length; i++, row++)
        {
            Text(ws.Cell(row, 1), labels.ChecklistFields[i]).Style.Font.Bold = true;
            Text(ws.Cell(row, 2), checklist[i]).Style.Alignment.WrapText = true;
            FitHeight(ws, row, 2);
        }
    }

    static void SummarySheet(IXLWorksheet ws, AuditReport report, Labels labels)
    {
        Header(ws, labels.SummaryHeaders, [12, 40, 8, 9, 7, 7, 7, 7, 8, 7, 7, 8], labels.SummarySheet);
        var row = 2;
        void Section(SectionScore s, int depth)
        {
            Text(ws.Cell(row, 1), s.Id);
            Text(ws.Cell(row, 2), new string(' ', depth * 4) + s.Title);
            Number(ws.Cell(row, 3), s.Weight);
            Number(ws.Cell(row, 4), s.Score, "0.00");
            Outcome[] counted = [Outcome.Pass, Outcome.Fail, Outcome.Error, Outcome.NotApplicable, Outcome.NotChecked, Outcome.Informational, Outcome.Waived, Outcome.NotSelected];
            for (var k = 0; k < counted.Length; k++) Number(ws.Cell(row, 5 + k), s.Counts[counted[k]], "0");
            if (depth == 0) ws.Row(row).Style.Font.Bold = true;
            row++;
            foreach (var sub in s.Sections) Section(sub, depth + 1);
        }
        foreach (var s in report.Score.Root.Sections) Section(s, 0);
        var last = row - 1;
        if (last >= 2) ws.Range(1, 1, last, labels.SummaryHeaders.Length).SetAutoFilter();
        row++;
        Text(ws.Cell(row, 1), labels.ScoreLabel).Style.Font.Bold = true;
        Number(ws.Cell(row, 4), report.Score.Score, "0.00").Style.Font.Bold = true;
        row++;
        Text(ws.Cell(row, 1), labels.VerdictLabel).Style.Font.Bold = true;
        var verdict = Text(ws.Cell(row, 2), $"{labels.Verdict(report.Score.Verdict)} — {report.Score.Reason}");
        verdict.Style.Font.Bold = true;
        verdict.Style.Fill.BackgroundColor = XLColor.FromHtml(report.Score.Verdict == Verdict.Pass ? Colours[Outcome.Pass] : Colours[Outcome.Fail]);
        row++;
        Text(ws.Cell(row, 1), labels.FormulaLabel).Style.Font.Bold = true;
        var formula = Text(ws.Cell(row, 2), report.Score.Formula);
        ws.Range(row, 2, row, labels.SummaryHeaders.Length).Merge();
        formula.Style.Alignment.WrapText = true;
        ws.Row(row).Height = 60;
        row++;
        // The vendor's word, counted apart: automatic rows no measurement, import or review backs.
        var declared = report.DeclaredOnly;
        Text(ws.Cell(row, 1), labels.DeclaredOnlyLabel).Style.Font.Bold = true;
        Text(ws.Cell(row, 2), labels.DeclaredOnlyCounts(declared[Outcome.Pass], declared[Outcome.Fail], declared[Outcome.Error], declared.Total));
        ws.Range(row, 2, row, labels.SummaryHeaders.Length).Merge();
        foreach (var finding in report.Findings)
        {
            row++;
            Text(ws.Cell(row, 1), labels.FindingLabel).Style.Font.Bold = true;
            var cell = Text(ws.Cell(row, 2), labels.Finding(finding));
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml(Colours[Outcome.NotChecked]);
            cell.Style.Alignment.WrapText = true;
            ws.Range(row, 2, row, labels.SummaryHeaders.Length).Merge();
            ws.Row(row).Height = 30;
        }
    }

    static void ItemSheet(IXLWorksheet ws, string title, IEnumerable<ItemResult> results, Dictionary<string, string> sources, Labels labels)
    {
        Header(ws, labels.ItemHeaders, [20, 14, 34, 6, 8, 7, 9, 7, 30, 16, 34, 34, 22, 16], title);
        ws.PageSetup.PaperSize = XLPaperSize.A3Paper;
        var row = 2;
        foreach (var r in results)
        {
            Text(ws.Cell(row, 1), r.Id);
            Text(ws.Cell(row, 2), r.Clause);
            Text(ws.Cell(row, 3), r.Title);
            Text(ws.Cell(row, 4), labels.Level(r.Level));
            Text(ws.Cell(row, 5), labels.Method(r.Automated));
            Number(ws.Cell(row, 6), r.Weight);
            var outcome = Text(ws.Cell(row, 7), labels.Outcome(r.Outcome));
            outcome.Style.Fill.BackgroundColor = XLColor.FromHtml(Colours[r.Outcome]);
            outcome.Style.Font.Bold = r.Outcome is Outcome.Fail or Outcome.Error;
            Number(ws.Cell(row, 8), r.Score, "0.00");
            Text(ws.Cell(row, 9), string.Join("\n", r.Evidence.Select(e => $"{e.Expression}: {e.Actual}")));
            Text(ws.Cell(row, 10), string.Join("\n", r.Evidence.Select(e => e.Expected)));
            Text(ws.Cell(row, 11), r.Message);
            Text(ws.Cell(row, 12), r.Fix ?? (r.Automated ? "" : r.Guidance));
            Text(ws.Cell(row, 13), r.Automated ? sources.GetValueOrDefault(r.ItemId, "") : labels.Method(false));
            var provenance = Text(ws.Cell(row, 14), labels.RowProvenance(r.Provenance, r.Automated));
            if (r.Automated && r.Provenance.DeclaredOnly || r.Provenance.Notes.Count > 0) provenance.Style.Fill.BackgroundColor = XLColor.FromHtml(Colours[Outcome.NotChecked]);
            ws.Row(row).Style.Alignment.WrapText = true;
            ws.Row(row).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            FitHeight(ws, row, labels.ItemHeaders.Length);
            row++;
        }
        ws.Range(1, 1, Math.Max(1, row - 1), labels.ItemHeaders.Length).SetAutoFilter();
    }

    static void AttachmentsSheet(IXLWorksheet ws, AuditReport report, Labels labels)
    {
        Header(ws, labels.AttachmentHeaders, [16, 60, 70], labels.AttachmentsSheet);
        var row = 2;
        foreach (var s in report.Checklist.Sources)
        {
            Text(ws.Cell(row, 1), labels.ChecklistLabel);
            Text(ws.Cell(row, 2), s.Path);
            Text(ws.Cell(row++, 3), s.Sha256);
        }
        foreach (var i in report.Inputs)
        {
            Text(ws.Cell(row, 1), i.Kind);
            Text(ws.Cell(row, 2), i.Path);
            Text(ws.Cell(row++, 3), i.Sha256);
        }
        foreach (var p in report.Checklist.Params)
        {
            Text(ws.Cell(row, 1), labels.ParametersLabel);
            Text(ws.Cell(row, 2), p.Name);
            Text(ws.Cell(row++, 3), $"{ValueFormatter.Plain(p.Value, p.Type)} ({p.Origin})");
        }
        Text(ws.Cell(row, 1), labels.ToolLabel);
        Text(ws.Cell(row, 2), $"iq {report.EngineVersion}");
        ws.Range(1, 1, row, 3).SetAutoFilter();
    }

    /// <summary>The input documents each item reads (the rule model says which fact roots, and so which kinds), for the
    /// "source of evidence" column; a root no input supplied is named as such.</summary>
    static Dictionary<string, string> EvidenceSources(AuditReport report)
    {
        var files = report.Inputs.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(i => Path.GetFileName(i.Path))));
        return report.Checklist.Items.ToDictionary(i => i.Id,
            i => string.Join("; ", i.Reads.Select(r => files.TryGetValue(r.Kind, out var f) ? f : r.Name)), StringComparer.Ordinal);
    }
}
