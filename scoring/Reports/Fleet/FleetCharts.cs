using Iq.Rules.Messages;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports.Fleet;

/// <summary>The fleet report's chart: the pass rate per month of collection, for the fleet as a whole (every counted row)
/// and for each of the items that fail most, drawn with the single-audit report's chart code (<see cref="ReportCharts"/>)
/// and font choice (<see cref="ChartFont"/>). An item with no counted row in a month has no point there, never 0.</summary>
public static class FleetCharts
{
    /// <summary>How many of the items that fail most get a line of their own.</summary>
    public const int MaxItems = 8;

    public static IReadOnlyList<string> Periods(FleetSummary s) => s.Trend.Select(p => p.Period).Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> ChartedItems(FleetSummary s) => s.WorstItems(MaxItems).Select(i => i.RowId).ToList();

    /// <summary>The fleet's pass rate in one month (<see cref="FleetSummary.TrendOverall"/>, the figures shown beside the chart).</summary>
    public static double? OverallRate(FleetSummary s, string period) => s.TrendOverall.FirstOrDefault(p => p.Period == period)?.PassRate;

    /// <summary>Every text the chart can draw (for the font check).</summary>
    public static IEnumerable<string> Texts(FleetSummary s, ReportTexts t)
    {
        foreach (var key in new[] { "fleet.chart.title", "fleet.chart.x", "fleet.chart.y", "fleet.chart.all" }) yield return t[key];
        yield return "0123456789.,-+%";
        foreach (var p in Periods(s)) yield return p;
        foreach (var i in ChartedItems(s)) yield return i;
    }

    /// <summary>Null when there is nothing to draw or an installed font draws every label; else what to install.</summary>
    public static MessageText? FontProblem(FleetSummary s, ReportTexts t) => s.Trend.Count == 0 ? null : ReportCharts.MissingFont(Texts(s, t), t);

    /// <summary>The trend chart; null when the store has no counted row in any month.</summary>
    public static ReportChart? Trend(FleetSummary s, ReportTexts t)
    {
        if (s.Trend.Count == 0) return null;
        var font = ChartFont.For(Texts(s, t)) ?? throw new InvalidOperationException(FontProblem(s, t)?.ToString());
        var periods = Periods(s);
        return new ReportChart("fleet_trend", "trend", t["fleet.chart.title"], () =>
        {
            var plot = ReportCharts.NewPlot(t["fleet.chart.title"], t["fleet.chart.x"], t["fleet.chart.y"]);
            ReportCharts.Series(plot, periods.Select((p, k) => (k, OverallRate(s, p)))
                .Where(x => x.Item2 is not null).Select(x => ((double)x.k, 100 * x.Item2!.Value)), t["fleet.chart.all"]);
            foreach (var id in ChartedItems(s))
            {
                var byPeriod = s.Trend.Where(p => p.RowId == id).ToDictionary(p => p.Period, StringComparer.Ordinal);
                ReportCharts.Series(plot, periods.Select((p, k) => (k, byPeriod.GetValueOrDefault(p)?.PassRate))
                    .Where(x => x.Item2 is not null).Select(x => ((double)x.k, 100 * x.Item2!.Value)), id);
            }
            ReportCharts.Finish(plot, font, 100);
            plot.Axes.Bottom.SetTicks([.. periods.Select((_, k) => (double)k)], [.. periods]);
            plot.Axes.SetLimitsX(-0.5, periods.Count - 0.5);
            return plot;
        });
    }
}
