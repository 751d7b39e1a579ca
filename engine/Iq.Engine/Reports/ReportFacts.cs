using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;

namespace Iq.Engine.Reports;

/// <summary>What the reports take from the fact documents themselves, read once when the audit runs and carried in the
/// results (so a report can be re-rendered from the results alone): the device from the plan (C.1), and the series of the
/// charts — the baseline per concurrency level with the plan's latency limit, and the 001 measurements per perturbation
/// level and per ε, its task metrics with their confidence intervals beside the vendor's claims, its training losses.
/// A checklist gets the series of the documents its items read (the IQ checklist the baseline's, 001 the model's), so that
/// in an audit against both each keeps its own charts.</summary>
public static class ReportFacts
{
    /// <summary>The object of the audit: the plan's product (000), else the pre-trained model the description names
    /// (001 4.1: <c>md.identity</c> name and version, its provider as the manufacturer), so that a fleet of 001 audits is
    /// reported by product and version too.</summary>
    public static ProductInfo Product(FactValues facts)
    {
        if (Get(facts.Roots.GetValueOrDefault("plan"), "product") is FactObject p)
            return new ProductInfo(Text(p, "name"), Text(p, "model"), Text(p, "version"), Text(p, "manufacturer"));
        if (Get(facts.Roots.GetValueOrDefault("md"), "identity") is FactObject id)
            return new ProductInfo(Text(id, "name"), "", Text(id, "version"), Get(id, "provider") is FactObject provider ? Text(provider, "name") : "");
        return ProductInfo.Empty;
    }

    public static ReportFigures Figures(FactValues facts) =>
        new(Baseline(facts), Model(facts));

    /// <summary>The series of the fact documents the checklist's items read.</summary>
    public static ReportFigures Figures(ChecklistModel checklist, FactValues facts)
    {
        var kinds = checklist.Items.SelectMany(i => i.Reads).Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);
        return new(kinds.Contains("baseline") ? Baseline(facts) : null, kinds.Contains("model_measurements") ? Model(facts) : null);
    }

    static BaselineFigures? Baseline(FactValues facts)
    {
        if (Get(facts.Roots.GetValueOrDefault("baseline"), "concurrency") is not object?[] levels) return null;
        var points = levels.OfType<FactObject>()
            .Where(l => Num(l, "level") is not null)
            .Select(l => new ConcurrencyPoint(Num(l, "level")!.Value, Num(l, "throughput"), Num(l, "mean"), Num(l, "p99"), Num(l, "success"), Num(l, "errors")))
            .ToList();
        if (points.Count == 0) return null;
        var limit = Get(Get(facts.Roots.GetValueOrDefault("plan"), "acceptance"), "max_latency") is double ms ? ms : (double?)null;
        return new BaselineFigures(points, limit);
    }

    /// <summary>The pre-trained model's measurements (fact root <c>measured</c>, document kind model_measurements).</summary>
    static ModelFigures? Model(FactValues facts)
    {
        var root = facts.Roots.GetValueOrDefault("measured");
        var robustness = Get(root, "robustness");
        var perturbations = (Get(robustness, "perturbations") as object?[] ?? []).OfType<FactObject>()
            .Where(p => Num(p, "level") is not null)
            .Select(p => new PerturbationPoint(Text(p, "name"), Num(p, "level")!.Value, Num(p, "metric"))).ToList();
        var adversarial = (Get(Get(root, "adversarial"), "results") as object?[] ?? []).OfType<FactObject>()
            .Where(p => Num(p, "epsilon") is not null)
            .Select(p => new EpsilonPoint(Text(p, "attack"), Num(p, "epsilon")!.Value, Num(p, "robust_accuracy"), Num(p, "success_rate"))).ToList();
        var performance = Get(root, "performance");
        var claims = (Get(Get(facts.Roots.GetValueOrDefault("md"), "applicability"), "expected_performance") as object?[] ?? []).OfType<FactObject>()
            .Where(c => Text(c, "metric").Length > 0 && Num(c, "value") is not null)
            .GroupBy(c => Text(c, "metric")).ToDictionary(g => g.Key, g => Num(g.First(), "value"), StringComparer.Ordinal);
        // The metrics in the order A.10 lists them; a metric the vendor claims but iq did not measure is not drawn.
        var metrics = Get(performance, "metrics") is FactObject m
            ? m.Members.Where(kv => kv.Value is FactObject).Select(kv => (Name: kv.Key, Value: (FactObject)kv.Value!))
                .Select(x => new MetricPoint(x.Name, Num(x.Value, "value"), Num(x.Value, "ci_low"), Num(x.Value, "ci_high"), claims.GetValueOrDefault(x.Name)))
                .Where(x => x.Value is not null).ToList()
            : [];
        var losses = (Get(Get(root, "training_run"), "losses") as object?[] ?? []).OfType<double>().Where(double.IsFinite).ToList();
        if (perturbations.Count == 0 && adversarial.Count == 0 && metrics.Count == 0 && losses.Count == 0) return null;
        return new ModelFigures(Get(robustness, "clean_metric") as double?, perturbations, adversarial)
        {
            Metrics = metrics,
            Confidence = Get(Get(performance, "bootstrap"), "confidence") is double c && double.IsFinite(c) ? c : null,
            Losses = losses,
        };
    }

    static object? Get(object? o, string name) => o is FactObject f && f.TryGet(name, out var v) ? v : null;
    static string Text(FactObject o, string name) => Get(o, name) switch { string s => s, Iq.Rules.Runtime.IqVersion v => v.Text, _ => "" };
    static double? Num(FactObject o, string name) => Get(o, name) is double d && double.IsFinite(d) ? d : null;
}
