using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports;

namespace Iq.Engine.Model;

/// <summary>The charts of the 001 measurements (the <c>model_measurements</c> document, root <c>measured</c>): for 6.3.6,
/// the task metric against the level of each synthetic perturbation (A.12.2 c), the clean metric at the level that leaves
/// the input unchanged; for 6.3.8, robust accuracy against the L∞ budget ε, one line per attack. Drawn beside the results of
/// a checklist that reads those facts; a figure that is absent or an error is left out, never drawn as 0.</summary>
public static class MeasurementCharts
{
    const string Kind = "model_measurements";

    static readonly Dictionary<string, (LocalText Name, LocalText Level, double Identity)> Perturbations = new()
    {
        ["contrast"] = (new("对比度", "contrast"), new("对比度系数 a", "contrast factor a"), 1),
        ["brightness"] = (new("亮度", "brightness"), new("亮度偏移 d（占值域比例）", "brightness shift d (share of the value range)"), 0),
        ["box_blur"] = (new("均值模糊", "box blur"), new("模糊核边长 k", "kernel size k"), 1),
        ["gaussian_noise"] = (new("高斯噪声", "Gaussian noise"), new("噪声标准差 σ（占值域比例）", "noise σ (share of the value range)"), 0),
    };

    /// <summary>The charts for a checklist: none unless one of its items reads the measurements.</summary>
    public static IReadOnlyList<Chart> For(ChecklistModel checklist, FactValues facts)
    {
        if (!checklist.Items.Any(i => i.Reads.Any(r => r.Kind == Kind))) return [];
        var root = checklist.Items.SelectMany(i => i.Reads).First(r => r.Kind == Kind).Name;
        return facts.Roots.TryGetValue(root, out var m) && m is FactObject measured ? From(measured) : [];
    }

    public static IReadOnlyList<Chart> From(FactObject measured)
    {
        var charts = new List<Chart>();
        var segmentation = Get(measured, "performance") is FactObject p && Get(p, "task") is "segmentation";
        var metric = segmentation ? new LocalText("Dice", "Dice") : new LocalText("准确率", "accuracy");
        if (Get(measured, "robustness") is FactObject robustness && Get(robustness, "perturbations") is object?[] rows)
        {
            var clean = Get(robustness, "clean_metric") as double?;
            foreach (var group in rows.OfType<FactObject>().Where(r => Get(r, "name") is string).GroupBy(r => (string)Get(r, "name")!))
            {
                var points = group.Select(r => (Get(r, "level"), Get(r, "metric"))).Where(xy => xy is (double, double))
                    .Select(xy => new ChartPoint((double)xy.Item1!, (double)xy.Item2!)).ToList();
                var known = Perturbations.TryGetValue(group.Key, out var k);
                if (known && clean is { } c && points.All(pt => pt.X != k.Identity)) points.Add(new ChartPoint(k.Identity, c));
                if (points.Count == 0) continue;
                var name = known ? k.Name : new LocalText(group.Key, group.Key);
                charts.Add(new Chart($"robustness.{group.Key}", "6.3.6",
                    new LocalText($"6.3.6 健壮性：{name.Zh}", $"6.3.6 robustness: {name.En}"),
                    known ? k.Level : new LocalText("水平", "level"), metric,
                    [new ChartSeries(group.Key, [.. points.OrderBy(pt => pt.X)])]));
            }
        }
        if (Get(measured, "adversarial") is FactObject adversarial && Get(adversarial, "results") is object?[] results)
        {
            var series = results.OfType<FactObject>().Where(r => Get(r, "attack") is string).GroupBy(r => (string)Get(r, "attack")!)
                .Select(g => new ChartSeries(g.Key, [.. g.Select(r => (Get(r, "epsilon"), Get(r, "robust_accuracy"))).Where(xy => xy is (double, double))
                    .Select(xy => new ChartPoint((double)xy.Item1!, (double)xy.Item2!)).OrderBy(pt => pt.X)]))
                .Where(s => s.Points.Count > 0).ToList();
            if (series.Count > 0)
                charts.Add(new Chart("adversarial.robust_accuracy", "6.3.8", new LocalText("6.3.8 对抗安全：对抗攻击下的准确率", "6.3.8 adversarial security: accuracy under attack"),
                    new LocalText("L∞ 扰动预算 ε", "L∞ budget ε"), new LocalText("对抗准确率", "robust accuracy"), series));
        }
        return charts;
    }

    static object? Get(FactObject o, string name) => o.TryGet(name, out var v) ? v : null;
}
