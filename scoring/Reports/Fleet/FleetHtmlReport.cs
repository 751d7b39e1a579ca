using Iq.Rules.Messages;
using System.Globalization;
using System.Text;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports.Fleet;

/// <summary>The fleet report as one self-contained HTML file (styles and the chart inline, a content security policy that
/// forbids any other source, as the single-audit report): totals, verdicts by product version, each site's current
/// verdict, pass rate per item, the items that fail most, sites whose verdict changed, the trend per item by month (a
/// chart and its figures), the bundles that could not be evaluated and the recent runs. Every figure sits in a cell with
/// a data attribute, so that a reader's browser and a test read the same numbers. Same summary, same bytes.</summary>
public static class FleetHtmlReport
{
    public static void Write(FleetSummary s, string lang, Stream stream) => stream.Write(new UTF8Encoding(false).GetBytes(Render(s, lang)));

    /// <summary>A verdict as the store names it (pass, fail, incomplete, not evaluable), in the report's language.</summary>
    public static string Verdict(ReportTexts t, string verdict) => verdict switch
    {
        "pass" or "fail" or "incomplete" => t["verdict." + verdict],
        "not evaluable" => t["fleet.not_evaluable"],
        _ => verdict,
    };

    /// <summary>A verdict as a CSS class / data value.</summary>
    public static string VerdictKey(string verdict) => verdict.Replace(' ', '-');

    public static string Rate(double? rate) => FleetConsoleReport.Rate(rate);

    static string Num(double? v) => v is { } x ? Math.Round(x, 4).ToString(CultureInfo.InvariantCulture) : "";

    static string E(string? s) => HtmlReport.E(s);

    public static string Render(FleetSummary s, string lang)
    {
        var t = ReportTexts.For(lang);
        var h = new StringBuilder();
        var title = t["fleet.title"];
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.IsChinese ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        h.Append("<title>").Append(E(title)).Append(" — ").Append(E(s.ChecklistId)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");

        h.Append("<header class=\"top\">\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"muted\">")
            .Append(E(t.Format("fleet.subtitle", ("checklist", s.ChecklistId), ("version", s.ChecklistVersion), ("store", s.Store)))).Append("</p>\n");
        h.Append("<dl class=\"totals\" id=\"totals\">\n");
        void Total(string id, string label, long value) =>
            h.Append("<div><dt>").Append(E(label)).Append("</dt><dd id=\"").Append(id).Append("\" data-value=\"").Append(value).Append("\">").Append(value).Append("</dd></div>\n");
        Total("site-count", t["fleet.sites"], s.SiteCount);
        Total("audit-count", t["fleet.audits"], s.Audits);
        Total("not-evaluable-count", t["fleet.not_evaluable_count"], s.NotEvaluable);
        Total("pass-count", t["fleet.current_pass"], s.Sites.Count(x => x.Verdict == "pass"));
        h.Append("</dl>\n</header>\n");

        Table(h, "by-version", t["fleet.section.by_version"], null,
            ["product", "version", "pass", "fail", "incomplete", "not_evaluable", "total"], t,
            s.ByProductVersion.Select(p => Row($"data-product=\"{E(p.Product)}\" data-version=\"{E(p.Version)}\"",
                Cell(p.Product.Length == 0 ? t["fleet.no_product"] : p.Product), Cell(p.Version),
                Count("pass", p.Pass), Count("fail", p.Fail), Count("incomplete", p.Incomplete), Count("not-evaluable", p.NotEvaluable), Count("total", p.Total))));

        Table(h, "sites", t["fleet.section.sites"], null, ["site", "product", "version", "collected", "verdict", "score", "audit", "bundle"], t,
            s.Sites.Select(x => Row($"data-site=\"{E(x.Site)}\" data-verdict=\"{VerdictKey(x.Verdict)}\"",
                Cell(x.Site), Cell(x.Product), Cell(x.Version), Cell(x.CollectedAt ?? "—"),
                $"<td class=\"verdict v-{VerdictKey(x.Verdict)}\">{E(Verdict(t, x.Verdict))}</td>",
                $"<td class=\"num score\" data-value=\"{Num(x.Score)}\">{(x.Score is { } sc ? sc.ToString("0.##", CultureInfo.InvariantCulture) : "—")}</td>",
                Count("audit", x.AuditId), Cell(x.BundlePath))));

        Table(h, "clashes", t["fleet.section.clashes"], t["fleet.clash_note"], ["site", "collected", "audit", "bundle", "verdict"], t,
            s.Clashes.SelectMany(c => c.Audits.Select(a => Row($"data-site=\"{E(c.Site)}\" data-verdict=\"{VerdictKey(a.Verdict)}\"", Cell(c.Site),
                Cell(c.CollectedAt ?? "—"), Count("audit", a.AuditId), Cell(a.BundlePath),
                $"<td class=\"verdict v-{VerdictKey(a.Verdict)}\">{E(Verdict(t, a.Verdict))}</td>"))));

        // The same words as the console's list: a site is the plan's unsealed word, so a current audit from another folder or
        // host is named wherever the report is read (fleet9 #5).
        Table(h, "moved", t["fleet.section.moved"], t["fleet.moved_note"], ["site", "bundle", "previous_bundle", "host", "previous_host"], t,
            s.Moved.Select(m => Row($"data-site=\"{E(m.Site)}\" data-folder-changed=\"{(m.FolderChanged ? "true" : "false")}\" data-host-changed=\"{(m.NewHosts.Count > 0 ? "true" : "false")}\"",
                Cell(m.Site), Cell(string.Join(", ", m.Bundles)), Cell(m.FolderChanged ? string.Join(", ", m.PreviousBundles) : "—"),
                Cell(m.NewHosts.Count > 0 ? string.Join(", ", m.NewHosts) : "—"), Cell(m.NewHosts.Count > 0 ? string.Join(", ", m.PreviousHosts) : "—"))));

        var worst = s.WorstItems(20).ToList();
        Table(h, "worst", t["fleet.section.worst"], t["fleet.rate_basis"], ["id", "clause", "level", "requirement", "fail_or_error", "pass_rate"], t,
            worst.Select(i => Row($"data-id=\"{E(i.RowId)}\"", $"<td class=\"id\">{E(i.RowId)}</td>", Cell(i.Clause), Cell(LevelWord(t, i.Level)), Cell(i.TitleIn(t.Lang())),
                Count("fail-or-error", i.Fail + i.Error), RateCell(i.PassRate))));

        Table(h, "changed", t["fleet.section.changed"], null,
            ["site", "previous", "previous_audit", "previous_collected", "verdict", "audit", "collected"], t,
            s.Changed.Select(c => Row($"data-site=\"{E(c.Site)}\" data-previous=\"{VerdictKey(c.PreviousVerdict)}\" data-verdict=\"{VerdictKey(c.Verdict)}\"",
                Cell(c.Site), $"<td class=\"verdict v-{VerdictKey(c.PreviousVerdict)}\">{E(Verdict(t, c.PreviousVerdict))}</td>", Count("previous-audit", c.PreviousAuditId),
                Cell(c.PreviousCollectedAt ?? "—"), $"<td class=\"verdict v-{VerdictKey(c.Verdict)}\">{E(Verdict(t, c.Verdict))}</td>", Count("audit", c.AuditId),
                Cell(c.CollectedAt ?? "—"))));

        // The trend: the chart, then its figures per item and month.
        h.Append("<section id=\"trend\">\n<h2>").Append(E(t["fleet.section.trend"])).Append("</h2>\n<p class=\"muted\">")
            .Append(E(t["fleet.trend_basis"])).Append("</p>\n");
        if (FleetCharts.Trend(s, t) is { } chart)
            h.Append("<figure id=\"trend-chart\">").Append(chart.Svg()).Append("<figcaption>").Append(E(chart.Title)).Append("</figcaption></figure>\n");
        h.Append("<h3>").Append(E(t["fleet.section.trend_overall"])).Append("</h3>\n");
        TableBody(h, "trend-overall", ["period", "sites_counted", "rows_pass", "rows_counted", "pass_rate"], t,
            s.TrendOverall.Select(p => Row($"data-period=\"{E(p.Period)}\"", Cell(p.Period), Count("sites", p.Sites), Count("pass", p.Pass),
                Count("counted", p.Counted), RateCell(p.PassRate))));
        TableBody(h, "trend-table", ["id", "period", "pass", "counted", "pass_rate"], t,
            s.Trend.Select(p => Row($"data-id=\"{E(p.RowId)}\" data-period=\"{E(p.Period)}\"", $"<td class=\"id\">{E(p.RowId)}</td>", Cell(p.Period),
                Count("pass", p.Pass), Count("counted", p.Counted), RateCell(p.PassRate))));
        h.Append("</section>\n");

        Table(h, "items", t["fleet.section.items"], t["fleet.rate_basis"], ["id", "clause", "level", "requirement", "pass", "fail", "error", "other", "pass_rate"], t,
            s.Items.Select(i => Row($"data-id=\"{E(i.RowId)}\"", $"<td class=\"id\">{E(i.RowId)}</td>", Cell(i.Clause), Cell(LevelWord(t, i.Level)), Cell(i.TitleIn(t.Lang())),
                Count("pass", i.Pass), Count("fail", i.Fail), Count("error", i.Error), Count("other", i.Other), RateCell(i.PassRate))));

        Table(h, "failures", t["fleet.section.failures"], t["fleet.error_note"], ["audit", "site", "bundle", "error_text"], t,
            s.Failures.Select(f => Row($"data-site=\"{E(f.Site)}\"", Count("audit", f.AuditId), Cell(f.Site), Cell(f.BundlePath), $"<td class=\"error\"><pre>{E(f.Error.Render(t.Lang()))}</pre></td>")));

        Table(h, "runs", t["fleet.section.runs"], null, ["run", "host", "started", "status", "seen", "evaluated", "skipped", "failed"], t,
            s.Runs.Select(r => Row($"data-run=\"{r.Id}\"", Count("run", r.Id), Cell(r.Host), Cell(r.StartedAt), Cell(RunState(t, r.Status)), Count("seen", r.Seen),
                Count("evaluated", r.Evaluated), Count("skipped", r.Skipped), Count("failed", r.Failed))));

        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>A run's state as the store names it (running, finished, interrupted, failed), in the report's language.</summary>
    public static string RunState(ReportTexts t, string status) => status is "running" or "finished" or "interrupted" or "failed" ? t["fleet.run." + status] : status;

    public static string LevelWord(ReportTexts t, string level) => level is "shall" or "should" or "may" ? t["level." + level] : level;

    static string Cell(string text) => $"<td>{E(text)}</td>";

    static string Count(string name, long value) => $"<td class=\"num {name}\" data-value=\"{value}\">{value}</td>";

    static string RateCell(double? rate) => $"<td class=\"num rate\" data-value=\"{Num(rate)}\">{E(Rate(rate))}</td>";

    static string Row(string attributes, params string[] cells) => $"<tr {attributes}>{string.Concat(cells)}</tr>\n";

    static void Table(StringBuilder h, string id, string heading, string? note, string[] columns, ReportTexts t, IEnumerable<string> rows)
    {
        h.Append("<section id=\"").Append(id).Append("-section\">\n<h2>").Append(E(heading)).Append("</h2>\n");
        if (note is not null) h.Append("<p class=\"muted\">").Append(E(note)).Append("</p>\n");
        TableBody(h, id, columns, t, rows);
        h.Append("</section>\n");
    }

    static void TableBody(StringBuilder h, string id, string[] columns, ReportTexts t, IEnumerable<string> rows)
    {
        var body = string.Concat(rows);
        if (body.Length == 0)
        {
            h.Append("<p class=\"muted empty\" id=\"").Append(id).Append("\">").Append(E(t["fleet.none"])).Append("</p>\n");
            return;
        }
        h.Append("<table id=\"").Append(id).Append("\">\n<thead><tr>");
        foreach (var c in columns) h.Append("<th>").Append(E(t["fleet.col." + c])).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n").Append(body).Append("</tbody>\n</table>\n");
    }

    const string Style = """
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", SimSun, sans-serif; margin: 16px 24px; color: #222; font-size: 14px; }
        h1 { margin: 0 0 4px; font-size: 22px; } h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #ccc; }
        .muted { color: #666; } .totals { display: flex; gap: 24px; margin: 12px 0; } .totals div { background: #f4f6fa; padding: 8px 14px; border-radius: 4px; }
        .totals dt { font-size: 12px; color: #555; } .totals dd { margin: 0; font-size: 22px; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #D9E1F2; } td.num { text-align: right; font-variant-numeric: tabular-nums; } td.id { white-space: nowrap; font-family: monospace; }
        .v-pass { background: #C6EFCE; } .v-fail { background: #FFC7CE; } .v-incomplete { background: #FFEB9C; } .v-not-evaluable { background: #F8CBAD; }
        td.error pre { margin: 0; white-space: pre-wrap; font-size: 12px; }
        figure { margin: 0 0 12px; } figure svg { max-width: 100%; height: auto; }
        @media print { @page { size: A4 landscape; margin: 12mm 10mm; } body { margin: 0; font-size: 10pt; } }

        """;
}
