using Iq.Rules.Messages;
using Iq.Scoring.Text;
using System.Collections.Concurrent;
using System.Text;
using ScottPlot;
using SkiaSharp;

namespace Iq.Scoring.Reports;

/// <summary>A chart of a report: one declaration (ScottPlot), rendered as a PNG for the scorecard and as SVG inline in the
/// HTML report. <see cref="SectionId"/> is the top-level section whose sheet carries it.</summary>
public sealed partial class ReportChart(string id, string sectionId, string title, Func<Plot> build)
{
    public const int Width = 720;
    public const int Height = 340;

    public string Id { get; } = id;
    public string SectionId { get; } = sectionId;
    public string Title { get; } = title;

    public byte[] Png()
    {
        using var plot = build();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The chart as SVG. Skia numbers clip paths with a counter that runs on through the process; they are
    /// renumbered per chart (and named after it, unique on a page of several charts), so the same chart gives the same text.</summary>
    public string Svg()
    {
        using var plot = build();
        // The family named first, a generic one after it for a browser that lacks it (the text is text, any CJK font draws it).
        var svg = FontFamily().Replace(plot.GetSvgXml(Width, Height), "font-family=\"$1, sans-serif\"");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var n)) ids[m.Value] = n = ids.Count + 1;
            return $"cl_{Id}_{n}";
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("font-family=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex FontFamily();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[#\x22])cl_[0-9A-Za-z]+(?=[)\x22])")]
    private static partial System.Text.RegularExpressions.Regex ClipId();
}

/// <summary>The charts a results document has data for: latency and throughput per concurrency level (the baseline,
/// 4.3.2/6.4.2, on the performance sheet C.4), and for a pre-trained model (001) its task metrics with their confidence
/// intervals beside the claimed values (A.10; on 6.3.7), accuracy per perturbation level (6.3.6), robust accuracy per ε
/// (6.3.8) and the training loss (6.3.1). Labels in the report's language; a figure that is absent is left out, never drawn as 0.</summary>
public static class ReportCharts
{
    public static IReadOnlyList<ReportChart> For(ResultsDocument doc, ReportTexts t)
    {
        var charts = new List<ReportChart>();
        if (!HasCharts(doc)) return charts;
        var font = ChartFont.For(Texts(doc, t)) ?? throw new InvalidOperationException(FontProblem(doc, t)?.ToString());
        if (doc.Figures.Baseline is { Levels.Count: > 0 } b)
        {
            var levels = b.Levels.OrderBy(l => l.Level).ToList();
            charts.Add(new ReportChart("latency", "6.4", t["chart.latency.title"], () =>
            {
                var plot = NewPlot(t["chart.latency.title"], t["chart.concurrency"], t["chart.latency.axis"]);
                Series(plot, levels.Where(l => l.MeanMs is not null).Select(l => (l.Level, l.MeanMs!.Value)), t["chart.mean"]);
                Series(plot, levels.Where(l => l.P99Ms is not null).Select(l => (l.Level, l.P99Ms!.Value)), t["chart.p99"]);
                var top = levels.Select(l => Math.Max(l.MeanMs ?? 0, l.P99Ms ?? 0)).DefaultIfEmpty(0).Max();
                if (b.LatencyLimitMs is { } limit)
                {
                    var line = plot.Add.HorizontalLine(limit);
                    line.LegendText = $"{t["chart.limit"]} {ReportWords.Number(limit)} ms";
                    line.LinePattern = LinePattern.Dashed;
                    line.Color = Colors.Red;
                    top = Math.Max(top, limit);
                }
                return Finish(plot, font, top);
            }));
            charts.Add(new ReportChart("throughput", "6.4", t["chart.throughput.title"], () =>
            {
                var plot = NewPlot(t["chart.throughput.title"], t["chart.concurrency"], t["chart.throughput.axis"]);
                var points = levels.Where(l => l.Throughput is not null).Select(l => (l.Level, l.Throughput!.Value)).ToList();
                Series(plot, points, t["chart.throughput.axis"]);
                return Finish(plot, font, points.Select(p => p.Item2).DefaultIfEmpty(0).Max());
            }));
        }
        if (doc.Figures.Model is { } m)
        {
            var metrics = m.Metrics.Where(p => p.Value is not null).ToList();
            if (metrics.Count > 0)
                charts.Add(new ReportChart("metrics", "6.3.7", t["chart.metrics.title"], () =>
                {
                    var plot = NewPlot(t["chart.metrics.title"], t["chart.metrics.metric"], t["chart.metrics.axis"]);
                    var confidence = m.Confidence is { } c ? ReportWords.Number(c * 100) + "%" : "";
                    var xs = Enumerable.Range(1, metrics.Count).Select(i => (double)i).ToArray();
                    // The interval as a vertical segment per metric, the measured value on it, the claimed value beside.
                    for (var i = 0; i < metrics.Count; i++)
                        if (metrics[i] is { CiLow: { } ciLow, CiHigh: { } ciHigh })
                        {
                            var ci = plot.Add.Scatter(new[] { xs[i], xs[i] }, new[] { ciLow, ciHigh });
                            ci.LineWidth = 3;
                            ci.MarkerSize = 10;
                            ci.MarkerShape = MarkerShape.HorizontalBar;
                            ci.Color = Colors.SteelBlue;
                            if (i == 0 || metrics.Take(i).All(p => p.CiLow is null || p.CiHigh is null))
                                ci.LegendText = t.Format("chart.metrics.interval", ("confidence", confidence));
                        }
                    var measured = plot.Add.Scatter(xs, metrics.Select(p => p.Value!.Value).ToArray());
                    measured.LineWidth = 0;
                    measured.MarkerSize = 9;
                    measured.Color = Colors.Navy;
                    measured.LegendText = t["chart.metrics.measured"];
                    var claimed = metrics.Select((p, i) => (X: xs[i], p.Claimed)).Where(p => p.Claimed is not null).ToList();
                    if (claimed.Count > 0)
                    {
                        var cl = plot.Add.Scatter(claimed.Select(p => p.X).ToArray(), claimed.Select(p => p.Claimed!.Value).ToArray());
                        cl.LineWidth = 0;
                        cl.MarkerSize = 11;
                        cl.MarkerShape = MarkerShape.OpenDiamond;
                        cl.Color = Colors.OrangeRed;
                        cl.LegendText = t["chart.metrics.claimed"];
                    }
                    plot.Axes.Bottom.SetTicks(xs, metrics.Select(p => t.Or("chart.metric." + p.Name, p.Name)).ToArray());
                    Finish(plot, font, 1);
                    // Zoomed to the figures, so that an interval of a few points is visible; the legend below them.
                    var all = metrics.SelectMany(p => new[] { p.Value, p.CiLow, p.CiHigh, p.Claimed }).OfType<double>().ToList();
                    var (lo, hi) = (all.Min(), all.Max());
                    var pad = Math.Max(0.02, (hi - lo) * 0.15);
                    plot.Axes.SetLimitsY(Math.Max(0, lo - 3 * pad), Math.Min(1.05, hi + pad));
                    plot.Axes.SetLimitsX(0.5, metrics.Count + 0.5);
                    plot.ShowLegend(Alignment.LowerRight);
                    return plot;
                }));
            if (m.Losses.Count > 0)
                charts.Add(new ReportChart("loss", "6.3.1", t["chart.loss.title"], () =>
                {
                    var plot = NewPlot(t["chart.loss.title"], t["chart.loss.step"], t["chart.loss.axis"]);
                    Series(plot, m.Losses.Select((l, i) => ((double)(i + 1), l)), t["chart.loss.axis"]);
                    return Finish(plot, font, m.Losses.Max());
                }));
            // One chart per perturbation: their levels are on different scales (contrast factor, blur kernel, noise σ).
            foreach (var g in m.Perturbations.GroupBy(p => p.Name))
            {
                var name = t.Or("chart.perturbation." + g.Key, g.Key);
                var title = $"{t["chart.perturbation.title"]}：{name}";
                charts.Add(new ReportChart("perturbation-" + g.Key, "6.3.6", title, () =>
                {
                    var plot = NewPlot(title, t["chart.perturbation.axis"], t["chart.metric.axis"]);
                    Series(plot, g.Where(p => p.Metric is not null).OrderBy(p => p.Level).Select(p => (p.Level, p.Metric!.Value)), name);
                    if (m.CleanMetric is { } clean)
                    {
                        var line = plot.Add.HorizontalLine(clean);
                        line.LegendText = t["chart.clean"];
                        line.LinePattern = LinePattern.Dashed;
                    }
                    Finish(plot, font, 1);
                    plot.ShowLegend(Alignment.LowerLeft);
                    return plot;
                }));
            }
            if (m.Adversarial.Count > 0)
                charts.Add(new ReportChart("epsilon", "6.3.8", t["chart.epsilon.title"], () =>
                {
                    var plot = NewPlot(t["chart.epsilon.title"], t["chart.epsilon.axis"], t["chart.robust_accuracy"]);
                    foreach (var g in m.Adversarial.GroupBy(p => p.Attack))
                        Series(plot, g.Where(p => p.RobustAccuracy is not null).OrderBy(p => p.Epsilon).Select(p => (p.Epsilon, p.RobustAccuracy!.Value)),
                            t.Or("chart.attack." + g.Key, g.Key));
                    return Finish(plot, font, 1);
                }));
        }
        return charts;
    }

    internal static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    internal static void Series(Plot plot, IEnumerable<(double X, double Y)> points, string label)
    {
        var list = points.ToList();
        if (list.Count == 0) return;
        var s = plot.Add.Scatter(list.Select(p => p.X).ToArray(), list.Select(p => p.Y).ToArray());
        s.LegendText = label;
        s.LineWidth = 2;
        s.MarkerSize = 7;
    }

    static bool HasCharts(ResultsDocument doc) =>
        doc.Figures.Baseline is { Levels.Count: > 0 } || doc.Figures.Model is not null;

    /// <summary>Every text a chart of <paramref name="doc"/> can draw: the chart messages of the language (placeholders
    /// left in: they are ASCII), the names from the data that have no message, digits and the punctuation of numbers.</summary>
    public static IEnumerable<string> Texts(ResultsDocument doc, ReportTexts t)
    {
        foreach (var key in ReportTexts.Catalog.Keys.Where(k => k.StartsWith("chart.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            yield return t.Template(key);
        yield return "0123456789.,-+%:：/ms";
        if (doc.Figures.Model is { } m)
        {
            foreach (var p in m.Metrics) yield return p.Name;
            foreach (var p in m.Perturbations) yield return p.Name;
            foreach (var p in m.Adversarial) yield return p.Attack;
        }
    }

    /// <summary>Null when an installed font draws every text of the charts of <paramref name="doc"/> (or it has none); else
    /// the message saying what to install, so that a report is refused before anything is written rather than drawn with boxes.</summary>
    public static MessageText? FontProblem(ResultsDocument doc, ReportTexts t)
    {
        if (!HasCharts(doc)) return null;
        return MissingFont(Texts(doc, t), t);
    }

    /// <summary>Null when an installed font draws every one of <paramref name="texts"/>; else what to install.</summary>
    internal static MessageText? MissingFont(IEnumerable<string> texts, ReportTexts t)
    {
        if (ChartFont.For(texts) is not null) return null;
        var missing = string.Concat(texts.SelectMany(s => s.EnumerateRunes()).Where(r => !Rune.IsWhiteSpace(r)).Distinct().Take(8));
        return (t.IsChinese ? Msg.ChartFontMissingChinese : Msg.ChartFontMissing).With(missing);
    }

    internal static Plot Finish(Plot plot, string font, double top)
    {
        // Every label (title, axis labels, ticks, legend) in a font that has their glyphs (see ChartFont).
        plot.Font.Set(font);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, top <= 0 ? 1 : top * 1.15);
        return plot;
    }
}

/// <summary>The font chart labels are drawn in: the first installed family (ScottPlot's default first, then the installed
/// families in name order, so the choice is the same on every run) whose typeface has a glyph for every character of
/// the texts. ScottPlot's own detection asks fontconfig for a match per character, which answers nothing here, and so
/// kept DejaVu Serif, which has no Chinese: Chinese came out as boxes in the PNG and blank in the SVG.</summary>
public static class ChartFont
{
    static readonly ConcurrentDictionary<string, string?> Chosen = new(StringComparer.Ordinal);

    /// <summary>The family's name; null where no installed font draws every character.</summary>
    public static string? For(IEnumerable<string> texts)
    {
        var chars = string.Concat(texts.SelectMany(s => s.EnumerateRunes()).Where(r => !Rune.IsWhiteSpace(r)).Distinct().Order());
        return Chosen.GetOrAdd(chars, cs =>
        {
            var fonts = SKFontManager.Default;
            foreach (var family in new[] { Fonts.Default }.Concat(fonts.FontFamilies.Order(StringComparer.Ordinal)).Distinct())
            {
                using var typeface = fonts.MatchFamily(family);
                if (typeface is not null && Draws(typeface, cs)) return typeface.FamilyName;
            }
            return null;
        });
    }

    /// <summary>Whether the typeface has a glyph (a nonzero glyph id) for every character of <paramref name="text"/>.</summary>
    public static bool Draws(SKTypeface typeface, string text)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyphs(text);
    }
}
