namespace Iq.Scoring.Reports;

/// <summary>A text in the report's two languages: Chinese (the standard's terms, the default) and English.</summary>
public sealed record LocalText(string Zh, string En)
{
    public string In(string lang) => lang == "en" ? En : Zh;
}

/// <summary>A chart of measured figures beside a checklist's results (001: accuracy against perturbation level, robust
/// accuracy against ε). Plain data, carried in the results JSON so that any report can be drawn again from it.</summary>
/// <param name="Id">Stable: <c>robustness.contrast</c>, <c>adversarial.robust_accuracy</c>.</param>
/// <param name="Clause">The evaluation method it belongs to (<c>6.3.6</c>).</param>
public sealed record Chart(string Id, string Clause, LocalText Title, LocalText X, LocalText Y, IReadOnlyList<ChartSeries> Series);

/// <summary>One line of a chart: its points in order of x.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public readonly record struct ChartPoint(double X, double Y);
