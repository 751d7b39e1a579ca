using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>Where a chart's data lies on its sheet (rows and columns 1-based) and where the chart goes.</summary>
sealed record ChartPlacement(string Sheet, Chart Chart, int HeaderRow, int FirstRow, int LastRow, IReadOnlyList<double> Xs, int AnchorColumn);

/// <summary>The chart sheet: for each chart a table (x, then a column per series; a blank where a series has no point at
/// that x) and beside it a native Excel scatter chart over those cells, so the printed report shows the curve and a lab can
/// check every plotted figure in the cells next to it.</summary>
static class ScorecardCharts
{
    const int ChartColumns = 8, ChartRows = 18;

    public static List<ChartPlacement> WriteData(IXLWorksheet ws, AuditReport report, string lang)
    {
        var placements = new List<ChartPlacement>();
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        // A fixed scale, not "fit to width": a spreadsheet ignores manual page breaks when fitting, and would cut charts.
        ws.PageSetup.Scale = 75;
        ws.Column(1).Width = 30;
        var width = report.Charts.Max(c => c.Series.Count) + 1;
        for (var c = 2; c <= width; c++) ws.Column(c).Width = 16;
        var row = 1;
        foreach (var chart in report.Charts)
        {
            var title = ScorecardWriter.Text(ws.Cell(row, 1), chart.Title.In(lang));
            title.Style.Font.Bold = true;
            title.Style.Font.FontSize = 12;
            var header = row + 1;
            ScorecardWriter.Text(ws.Cell(header, 1), chart.X.In(lang)).Style.Font.Bold = true;
            for (var s = 0; s < chart.Series.Count; s++)
                ScorecardWriter.Text(ws.Cell(header, 2 + s), chart.Series[s].Name).Style.Font.Bold = true;
            ws.Range(header, 1, header, chart.Series.Count + 1).Style.Fill.BackgroundColor = XLColor.FromHtml("#D9E1F2");
            var xs = chart.Series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToList();
            for (var i = 0; i < xs.Count; i++)
            {
                Exact(ws.Cell(header + 1 + i, 1), xs[i], "0.####");
                for (var s = 0; s < chart.Series.Count; s++)
                    if (chart.Series[s].Points.Where(p => p.X == xs[i]).Select(p => (double?)p.Y).FirstOrDefault() is { } y)
                        Exact(ws.Cell(header + 1 + i, 2 + s), y, "0.0000");
            }
            placements.Add(new ChartPlacement(ws.Name, chart, header, header + 1, header + xs.Count, xs, width + 1));
            row = Math.Max(header + xs.Count, row + ChartRows) + 2;
            // Two charts to a printed page, never one cut in half.
            if (placements.Count % 2 == 0) ws.PageSetup.AddHorizontalPageBreak(row - 1);
        }
        return placements;
    }

    /// <summary>The measured figure as measured (the chart plots the cell, and a lab checks it): shown to 4 places, stored whole.</summary>
    static void Exact(IXLCell cell, double value, string format)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }

    /// <summary>Adds the charts to the workbook ClosedXML saved into <paramref name="package"/>: a drawing per chart sheet, a
    /// chart part per chart whose series reference the cells <see cref="WriteData"/> wrote (with their values cached, as Excel
    /// writes them, so a reader that does not recalculate still draws them).</summary>
    public static void AddCharts(Stream package, IReadOnlyList<ChartPlacement> placements, string lang)
    {
        using var doc = SpreadsheetDocument.Open(package, true);
        var workbook = doc.WorkbookPart!;
        foreach (var group in placements.GroupBy(p => p.Sheet))
        {
            var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().First(s => s.Name == group.Key);
            var worksheetPart = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var drawings = worksheetPart.AddNewPart<DrawingsPart>();
            drawings.WorksheetDrawing = new Xdr.WorksheetDrawing();
            var worksheet = worksheetPart.Worksheet;
            var drawing = new S.Drawing { Id = worksheetPart.GetIdOfPart(drawings) };
            // CT_Worksheet's order: the drawing comes before these, after everything else ClosedXML writes.
            var before = worksheet.Elements().FirstOrDefault(e => e is S.LegacyDrawing or S.LegacyDrawingHeaderFooter or S.Picture or S.OleObjects
                or S.Controls or S.WebPublishItems or S.TableParts or S.WorksheetExtensionList);
            if (before is null) worksheet.Append(drawing);
            else worksheet.InsertBefore(drawing, before);
            uint id = 1;
            foreach (var p in group)
            {
                var chartPart = drawings.AddNewPart<ChartPart>();
                chartPart.ChartSpace = ChartSpace(p, lang);
                id++;
                drawings.WorksheetDrawing.Append(new Xdr.TwoCellAnchor(
                    Marker<Xdr.FromMarker>(p.AnchorColumn - 1, p.HeaderRow - 2),
                    Marker<Xdr.ToMarker>(p.AnchorColumn - 1 + ChartColumns, p.HeaderRow - 2 + ChartRows),
                    new Xdr.GraphicFrame(
                        new Xdr.NonVisualGraphicFrameProperties(
                            new Xdr.NonVisualDrawingProperties { Id = id, Name = p.Chart.Id },
                            new Xdr.NonVisualGraphicFrameDrawingProperties()),
                        new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                        new A.Graphic(new A.GraphicData(new C.ChartReference { Id = drawings.GetIdOfPart(chartPart) })
                            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
                    { Macro = "" },
                    new Xdr.ClientData()));
            }
            worksheet.Save();
        }
    }

    static T Marker<T>(int column, int row) where T : DocumentFormat.OpenXml.OpenXmlCompositeElement, new()
    {
        var marker = new T();
        marker.Append(new Xdr.ColumnId(column.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
            new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0"));
        return marker;
    }

    static C.ChartSpace ChartSpace(ChartPlacement p, string lang)
    {
        var sheet = "'" + p.Sheet.Replace("'", "''") + "'";
        var chart = p.Chart;
        var scatter = new C.ScatterChart(new C.ScatterStyle { Val = C.ScatterStyleValues.LineMarker }, new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var column = ColumnName(2 + s);
            var present = p.Xs.Select((x, i) => (i, point: series.Points.Where(pt => pt.X == x).Select(pt => (double?)pt.Y).FirstOrDefault()))
                .Where(t => t.point is not null).Select(t => (t.i, t.point!.Value)).ToList();
            scatter.Append(new C.ScatterChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.StringReference(new C.Formula($"{sheet}!${column}${p.HeaderRow}"),
                    new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(series.Name)) { Index = 0 }))),
                new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 6 }),
                new C.XValues(Numbers($"{sheet}!$A${p.FirstRow}:$A${p.LastRow}", p.Xs.Select((x, i) => (i, x)).ToList())),
                new C.YValues(Numbers($"{sheet}!${column}${p.FirstRow}:${column}${p.LastRow}", present)),
                new C.Smooth { Val = false }));
        }
        scatter.Append(new C.AxisId { Val = 1 }, new C.AxisId { Val = 2 });
        return new C.ChartSpace(
            new C.EditingLanguage { Val = lang == "en" ? "en-US" : "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                Title(chart.Title.In(lang), 1200),
                new C.AutoTitleDeleted { Val = false },
                new C.PlotArea(new C.Layout(), scatter,
                    Axis(1, 2, C.AxisPositionValues.Bottom, chart.X.In(lang)),
                    Axis(2, 1, C.AxisPositionValues.Left, chart.Y.In(lang))),
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
    }

    static C.NumberReference Numbers(string formula, IReadOnlyList<(int Index, double Value)> points)
    {
        var cache = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)points.Count });
        foreach (var (index, value) in points)
            cache.Append(new C.NumericPoint(new C.NumericValue(value.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)index });
        return new C.NumberReference(new C.Formula(formula), cache);
    }

    static C.ValueAxis Axis(uint id, uint crosses, C.AxisPositionValues position, string title) => new(
        new C.AxisId { Val = id },
        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = position },
        new C.MajorGridlines(),
        Title(title, 1000),
        new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
        new C.CrossingAxis { Val = crosses },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.CrossBetween { Val = C.CrossBetweenValues.MidpointCategory });

    static C.Title Title(string text, int size) => new(
        new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(),
            new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = size, Bold = true }),
                new A.Run(new A.RunProperties { Language = "zh-CN", FontSize = size, Bold = true }, new A.Text(text))))),
        new C.Overlay { Val = false });

    static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }
}
