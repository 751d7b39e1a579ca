using Iq.Rules.Messages;
using ClosedXML.Excel;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports.Fleet;

/// <summary>The fleet report as a workbook, on the scorecard's conventions (<see cref="ScorecardWriter"/>: one font, a
/// header row frozen and repeated on each printed page, A4 landscape, text stored as text, charts added as pictures with
/// fixed package times): a summary, verdicts by product version, each site's current verdict, pass rate per item, the
/// items that fail most, sites whose verdict changed, the trend (figures and chart) and the bundles that could not be
/// evaluated. Counts and rates are numbers (a rate as a fraction formatted as a percentage), so a lab can sort and sum
/// them; they equal the JSON report's figures. Same summary, same bytes.</summary>
public static class FleetScorecard
{
    public static void Write(FleetSummary s, string lang, Stream stream)
    {
        var t = ReportTexts.For(lang);
        using var wb = ScorecardWriter.NewWorkbook();
        var pictures = new List<XlsxPicture>();

        var summary = wb.Worksheets.Add(t["fleet.sheet.summary"]);
        ScorecardWriter.Header(summary, [t["fleet.title"], ""], [34, 60], t, "");
        var row = 2;
        void Line(string label, Action<IXLCell> value)
        {
            ScorecardWriter.Text(summary.Cell(row, 1), label).Style.Font.Bold = true;
            value(summary.Cell(row, 2));
            row++;
        }
        Line(t["fleet.checklist"], c => ScorecardWriter.Text(c, $"{s.ChecklistId} {s.ChecklistVersion}"));
        Line(t["fleet.store"], c => ScorecardWriter.Text(c, s.Store));
        Line(t["fleet.sites"], c => ScorecardWriter.Number(c, s.SiteCount, "0"));
        Line(t["fleet.audits"], c => ScorecardWriter.Number(c, s.Audits, "0"));
        Line(t["fleet.not_evaluable_count"], c => ScorecardWriter.Number(c, s.NotEvaluable, "0"));
        Line(t["fleet.current_pass"], c => ScorecardWriter.Number(c, s.Sites.Count(x => x.Verdict == "pass"), "0"));
        Line(t["fleet.col.pass_rate"], c => ScorecardWriter.Text(c, t["fleet.rate_basis"]));
        Line(t["fleet.section.trend"], c => ScorecardWriter.Text(c, t["fleet.trend_basis"]));

        Sheet(wb, t["fleet.sheet.by_version"], t, ["product", "version", "pass", "fail", "incomplete", "not_evaluable", "total"], [30, 16, 10, 10, 10, 12, 10],
            s.ByProductVersion, (ws, r, p) =>
            {
                ScorecardWriter.Text(ws.Cell(r, 1), p.Product.Length == 0 ? t["fleet.no_product"] : p.Product);
                ScorecardWriter.Text(ws.Cell(r, 2), p.Version);
                Counts(ws, r, 3, p.Pass, p.Fail, p.Incomplete, p.NotEvaluable, p.Total);
            });
        Sheet(wb, t["fleet.sheet.sites"], t, ["site", "product", "version", "collected", "verdict", "score", "audit", "bundle"], [22, 24, 14, 22, 12, 10, 10, 50],
            s.Sites, (ws, r, x) =>
            {
                ScorecardWriter.Text(ws.Cell(r, 1), x.Site);
                ScorecardWriter.Text(ws.Cell(r, 2), x.Product);
                ScorecardWriter.Text(ws.Cell(r, 3), x.Version);
                ScorecardWriter.Text(ws.Cell(r, 4), x.CollectedAt ?? "—");
                VerdictCell(ws.Cell(r, 5), t, x.Verdict);
                ScorecardWriter.Number(ws.Cell(r, 6), x.Score);
                Counts(ws, r, 7, x.AuditId);
                ScorecardWriter.Text(ws.Cell(r, 8), x.BundlePath);
            });
        Sheet(wb, t["fleet.sheet.items"], t, ["id", "clause", "level", "requirement", "pass", "fail", "error", "other", "pass_rate"], [24, 10, 8, 50, 8, 8, 8, 8, 10],
            s.Items, (ws, r, i) =>
            {
                Item(ws, r, t, i);
                Counts(ws, r, 5, i.Pass, i.Fail, i.Error, i.Other);
                ScorecardWriter.Number(ws.Cell(r, 9), i.PassRate, "0.0%");
            });
        Sheet(wb, t["fleet.sheet.worst"], t, ["id", "clause", "level", "requirement", "fail_or_error", "pass_rate"], [24, 10, 8, 50, 12, 10],
            s.WorstItems(20).ToList(), (ws, r, i) =>
            {
                Item(ws, r, t, i);
                Counts(ws, r, 5, i.Fail + i.Error);
                ScorecardWriter.Number(ws.Cell(r, 6), i.PassRate, "0.0%");
            });
        Sheet(wb, t["fleet.sheet.changed"], t, ["site", "previous", "previous_audit", "previous_collected", "verdict", "audit", "collected"], [22, 12, 10, 22, 12, 10, 22],
            s.Changed, (ws, r, c) =>
            {
                ScorecardWriter.Text(ws.Cell(r, 1), c.Site);
                VerdictCell(ws.Cell(r, 2), t, c.PreviousVerdict);
                Counts(ws, r, 3, c.PreviousAuditId);
                ScorecardWriter.Text(ws.Cell(r, 4), c.PreviousCollectedAt ?? "—");
                VerdictCell(ws.Cell(r, 5), t, c.Verdict);
                Counts(ws, r, 6, c.AuditId);
                ScorecardWriter.Text(ws.Cell(r, 7), c.CollectedAt ?? "—");
            });
        Sheet(wb, t["fleet.sheet.clashes"], t, ["site", "collected", "audit", "bundle", "verdict"], [22, 22, 10, 50, 12],
            s.Clashes.SelectMany(c => c.Audits.Select(a => (c, a))).ToList(), (ws, r, x) =>
            {
                ScorecardWriter.Text(ws.Cell(r, 1), x.c.Site);
                ScorecardWriter.Text(ws.Cell(r, 2), x.c.CollectedAt ?? "—");
                Counts(ws, r, 3, x.a.AuditId);
                ScorecardWriter.Text(ws.Cell(r, 4), x.a.BundlePath);
                VerdictCell(ws.Cell(r, 5), t, x.a.Verdict);
            });
        var trendName = t["fleet.sheet.trend"];
        Sheet(wb, trendName, t, ["id", "period", "pass", "counted", "pass_rate"], [24, 10, 8, 10, 10], s.Trend, (ws, r, p) =>
        {
            ScorecardWriter.Text(ws.Cell(r, 1), p.RowId);
            ScorecardWriter.Text(ws.Cell(r, 2), p.Period);
            Counts(ws, r, 3, p.Pass, p.Counted);
            ScorecardWriter.Number(ws.Cell(r, 5), p.PassRate, "0.0%");
        });
        // The chart beside the figures it draws.
        if (FleetCharts.Trend(s, t) is { } chart)
            pictures.Add(new XlsxPicture(trendName, 2, 7, chart.Png(), ReportChart.Width, ReportChart.Height, chart.Title));
        Sheet(wb, t["fleet.sheet.trend_overall"], t, ["period", "sites_counted", "rows_pass", "rows_counted", "pass_rate"], [10, 12, 14, 14, 10],
            s.TrendOverall, (ws, r, p) =>
            {
                ScorecardWriter.Text(ws.Cell(r, 1), p.Period);
                Counts(ws, r, 2, p.Sites, p.Pass, p.Counted);
                ScorecardWriter.Number(ws.Cell(r, 5), p.PassRate, "0.0%");
            });
        Sheet(wb, t["fleet.sheet.moved"], t, ["site", "bundle", "previous_bundle", "host", "previous_host"], [22, 50, 50, 24, 24], s.Moved, (ws, r, m) =>
        {
            ScorecardWriter.Text(ws.Cell(r, 1), m.Site);
            ScorecardWriter.Text(ws.Cell(r, 2), string.Join(", ", m.Bundles));
            ScorecardWriter.Text(ws.Cell(r, 3), m.FolderChanged ? string.Join(", ", m.PreviousBundles) : "—");
            ScorecardWriter.Text(ws.Cell(r, 4), m.NewHosts.Count > 0 ? string.Join(", ", m.NewHosts) : "—");
            ScorecardWriter.Text(ws.Cell(r, 5), m.NewHosts.Count > 0 ? string.Join(", ", m.PreviousHosts) : "—");
        });
        Sheet(wb, t["fleet.sheet.failures"], t, ["audit", "site", "bundle", "error_text"], [10, 22, 50, 80], s.Failures, (ws, r, f) =>
        {
            Counts(ws, r, 1, f.AuditId);
            ScorecardWriter.Text(ws.Cell(r, 2), f.Site);
            ScorecardWriter.Text(ws.Cell(r, 3), f.BundlePath);
            ScorecardWriter.Text(ws.Cell(r, 4), f.Error.Render(t.Lang())).Style.Alignment.WrapText = true;
        });
        Sheet(wb, t["fleet.sheet.runs"], t, ["run", "host", "started", "status", "seen", "evaluated", "skipped", "failed"], [8, 20, 24, 12, 10, 10, 10, 12],
            s.Runs, (ws, r, x) =>
            {
                Counts(ws, r, 1, x.Id);
                ScorecardWriter.Text(ws.Cell(r, 2), x.Host);
                ScorecardWriter.Text(ws.Cell(r, 3), x.StartedAt);
                ScorecardWriter.Text(ws.Cell(r, 4), FleetHtmlReport.RunState(t, x.Status));
                Counts(ws, r, 5, x.Seen, x.Evaluated, x.Skipped, x.Failed);
            });
        ScorecardWriter.Save(wb, pictures, null, stream);
    }

    /// <summary>A sheet with its header row and one row per value; returns the last row written.</summary>
    static int Sheet<T>(XLWorkbook wb, string name, ReportTexts t, string[] columns, double[] widths, IReadOnlyList<T> values, Action<IXLWorksheet, int, T> write)
    {
        var ws = wb.Worksheets.Add(name);
        ScorecardWriter.Header(ws, [.. columns.Select(c => t["fleet.col." + c])], widths, t, "");
        var row = 1;
        foreach (var v in values) write(ws, ++row, v);
        if (row > 1) ws.Range(1, 1, row, columns.Length).SetAutoFilter();
        return row;
    }

    static void Item(IXLWorksheet ws, int r, ReportTexts t, ItemRate i)
    {
        ScorecardWriter.Text(ws.Cell(r, 1), i.RowId);
        ScorecardWriter.Text(ws.Cell(r, 2), i.Clause);
        ScorecardWriter.Text(ws.Cell(r, 3), i.Level is "shall" or "should" or "may" ? t["level." + i.Level] : i.Level);
        ScorecardWriter.Text(ws.Cell(r, 4), i.TitleIn(t.Lang())).Style.Alignment.WrapText = true;
    }

    static void Counts(IXLWorksheet ws, int r, int first, params long[] counts)
    {
        for (var k = 0; k < counts.Length; k++) ScorecardWriter.Number(ws.Cell(r, first + k), counts[k], "0");
    }

    static void VerdictCell(IXLCell cell, ReportTexts t, string verdict)
    {
        ScorecardWriter.Text(cell, FleetHtmlReport.Verdict(t, verdict));
        cell.Style.Fill.BackgroundColor = XLColor.FromHtml(verdict switch
        {
            "pass" => "#C6EFCE",
            "fail" => "#FFC7CE",
            "incomplete" => "#FFEB9C",
            _ => "#F8CBAD",
        });
    }
}
