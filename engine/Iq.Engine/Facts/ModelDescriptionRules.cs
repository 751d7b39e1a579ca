using System.Text.Json;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Engine.Facts;

/// <summary>What a model description (001) must say beyond its schema's types, checked wherever one is read (the YAML
/// given to <c>iq model --description</c>, a <c>model_description</c> document in a bundle): a claim names a metric that
/// iq measures for it, so that no claim escapes its comparison; a part that does not apply says why, so that an n/a row
/// shows a reason (docs/model.md).</summary>
public static class ModelDescriptionRules
{
    /// <summary>The values a claimed number can take, by what it means: a claim outside them is no claim (a claimed
    /// accuracy of −0.97, a subgroup gap of 7 or a negative loss holds against any measurement; 2.5 queries is none).</summary>
    sealed record Bounds(double Min, double Max, bool Whole = false)
    {
        public bool Holds(double v) => double.IsFinite(v) && v >= Min && v <= Max && (!Whole || Math.Floor(v) == v);
    }

    /// <summary>A share of the cases, an agreement rate, a probability or an area under a curve.</summary>
    static readonly Bounds Share = new(0, 1);
    /// <summary>A loss, a difference, a budget ε: finite and not negative.</summary>
    static readonly Bounds NotNegative = new(0, double.MaxValue);
    /// <summary>How many of something (MACs, accelerators).</summary>
    static readonly Bounds Count = new(0, double.MaxValue, Whole: true);
    /// <summary>How many of something a run needs at least one of (threads, queries).</summary>
    static readonly Bounds AtLeastOne = new(1, double.MaxValue, Whole: true);

    /// <summary>A metric a claim can name, and the values it can take.</summary>
    sealed record Metric(string Name, Bounds Bounds);

    static Metric Fraction(string name) => new(name, Share);

    static readonly Metric Accuracy = Fraction("accuracy"), Dice = Fraction("dice");

    static readonly Metric[] A10 = [Accuracy, Fraction("precision"), Fraction("recall"), Fraction("f1"), Dice, Fraction("iou"), Fraction("pixel_accuracy")];

    /// <summary>The metric iq measures under perturbation, on natural-noise and on stress cases (accuracy, or Dice when
    /// segmenting).</summary>
    static readonly Metric[] TaskMetric = [Accuracy, Dice];

    /// <summary>Where a claim is (a <c>[]</c> step: each element of a list), the member holding its claimed value, and the
    /// metrics iq measures for it: the claim names one of them in its <c>metric</c>.</summary>
    static readonly (string[] Path, string Value, Metric[] Metrics)[] Claims =
    [
        (["applicability", "expected_performance", "[]"], "value", A10),
        (["claims", "efficiency", "accuracy"], "value", A10),
        (["claims", "generalization", "heldout", "[]"], "value", A10),
        (["claims", "generalization", "stress_baseline"], "value", TaskMetric),
        (["claims", "robustness", "conditions", "[]"], "expected_value", TaskMetric),
        (["claims", "robustness", "natural_noise"], "expected_value", TaskMetric),
        (["claims", "robustness", "ood"], "expected_value", [Fraction("rejection_rate"), Fraction("auroc"), Accuracy]),
        (["claims", "adversarial", "cases", "[]"], "value", [Fraction("robust_accuracy"), Fraction("success_rate")]),
    ];

    /// <summary>5.2.6 i): what an out-of-distribution claim is measured by follows the behaviour it claims. A model that
    /// predicts on such data (the clause's "拟合能力", its lead-in's "产生正确输出") is judged by its accuracy on the
    /// labelled cases tagged ood; one that detects or rejects them (A.12.2 b)'s "避免被误导") by the rejection rate at its
    /// threshold or the AUROC. A predict claim in a rejection rate, or a reject claim in an accuracy, contradicts itself:
    /// the better the model does what is claimed, the worse the figure (docs/model.md).</summary>
    static readonly Dictionary<string, string[]> OodMetrics = new(StringComparer.Ordinal)
    {
        ["predict"] = ["accuracy"], ["detect"] = ["auroc", "rejection_rate"], ["reject"] = ["rejection_rate", "auroc"],
    };

    /// <summary>The claimed numbers other than metric values (a <c>[]</c> step: each element of a list), each with the values
    /// its meaning allows.</summary>
    static readonly (string[] Path, string Value, Bounds Bounds)[] Numbers =
    [
        (["claims", "trainability"], "final_loss", NotNegative),
        (["claims", "scalability"], "max_accelerators", Count),
        (["claims", "efficiency"], "macs_per_inference", Count),
        (["claims", "efficiency", "latency"], "threads", AtLeastOne),
        (["claims", "repeatability", "tolerance"], "abs", NotNegative),
        (["claims", "repeatability", "tolerance"], "label_agreement", Share),
        (["claims", "robustness", "ood"], "threshold", Share),
        (["claims", "generalization", "subgroup"], "max_gap", Share),
        (["claims", "adversarial", "cases", "[]"], "epsilon", NotNegative),
        (["claims", "adversarial", "cases", "[]"], "query_budget", AtLeastOne),
        (["claims", "privacy", "differential_privacy"], "epsilon", NotNegative),
        (["claims", "privacy", "differential_privacy"], "delta", Share),
    ];

    /// <summary>Each problem with its JSON path under <paramref name="at"/> (the facts' own path: <c>$</c> or <c>$.facts</c>).</summary>
    public static List<(string JsonPath, MessageText Problem)> Problems(JsonElement facts, string at)
    {
        var problems = new List<(string, MessageText)>();
        foreach (var (path, valueName, metrics) in Claims)
            Walk(facts, path, 0, at, (claim, claimPath) =>
            {
                if (claim.ValueKind != JsonValueKind.Object || !claim.TryGetProperty("metric", out var name) || name.ValueKind != JsonValueKind.String)
                    return;
                var metric = metrics.FirstOrDefault(m => m.Name == name.GetString());
                if (metric is null)
                    problems.Add(($"{claimPath}.metric", Msg.ClaimMetricNotMeasured.With(name.GetString(), Localized.OrList(metrics.Select(m => m.Name)))));
                else if (claim.TryGetProperty(valueName, out var value) && value.ValueKind == JsonValueKind.Number
                    && !(value.TryGetDouble(out var v) && metric.Bounds.Holds(v)))
                    problems.Add(($"{claimPath}.{valueName}", Msg.ClaimValueOutOfRange.With(value.GetRawText(), metric.Name, metric.Bounds.Min, metric.Bounds.Max)));
            });
        Walk(facts, ["claims", "robustness", "ood"], 0, at, (claim, claimPath) =>
        {
            if (claim.ValueKind == JsonValueKind.Object
                && claim.TryGetProperty("expected_behaviour", out var behaviour) && behaviour.ValueKind == JsonValueKind.String
                && claim.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.String
                && OodMetrics.TryGetValue(behaviour.GetString()!, out var fitting) && OodMetrics.Values.Any(m => m.Contains(metric.GetString()))
                && !fitting.Contains(metric.GetString()))
                problems.Add(($"{claimPath}.metric", Msg.OodMetricNotBehaviour.With(metric.GetString(), behaviour.GetString(), Localized.OrList(fitting))));
        });
        foreach (var (path, valueName, bounds) in Numbers)
            Walk(facts, path, 0, at, (claim, claimPath) =>
            {
                if (claim.ValueKind == JsonValueKind.Object && claim.TryGetProperty(valueName, out var value) && value.ValueKind == JsonValueKind.Number
                    && !(value.TryGetDouble(out var v) && bounds.Holds(v)))
                    problems.Add(($"{claimPath}.{valueName}", OutOfBounds(value.GetRawText(), valueName, bounds)));
            });
        Reasons(facts, at, 0, problems);
        return problems;
    }

    static MessageText OutOfBounds(string value, string name, Bounds bounds) =>
        bounds.Whole ? Msg.ClaimNumberNotCount.With(value, name, bounds.Min)
        : bounds.Max == double.MaxValue ? Msg.ClaimNumberNegative.With(value, name)
        : Msg.ClaimNumberOutOfRange.With(value, name, bounds.Min, bounds.Max);

    static void Walk(JsonElement e, string[] path, int step, string at, Action<JsonElement, string> visit)
    {
        if (step == path.Length)
        {
            visit(e, at);
            return;
        }
        if (path[step] == "[]")
        {
            if (e.ValueKind != JsonValueKind.Array) return;
            var i = 0;
            foreach (var x in e.EnumerateArray()) Walk(x, path, step + 1, $"{at}[{i++}]", visit);
        }
        else if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(path[step], out var child))
            Walk(child, path, step + 1, $"{at}.{path[step]}", visit);
    }

    /// <summary>Every <c>not_applicable</c> (and <c>…_not_applicable</c>) member that is a string must be a reason. The
    /// schema bounds the nesting, so the recursion is bounded too.</summary>
    static void Reasons(JsonElement e, string at, int depth, List<(string, MessageText)> problems)
    {
        if (depth > 64) return;
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
            {
                var path = $"{at}.{p.Name}";
                if ((p.Name == "not_applicable" || p.Name.EndsWith("_not_applicable", StringComparison.Ordinal)) && p.Value.ValueKind == JsonValueKind.String)
                {
                    if (!NotApplicableReason.IsReason(p.Value.GetString()!)) problems.Add((path, Msg.NotApplicableNoReason.With(p.Value.GetString())));
                }
                else Reasons(p.Value, path, depth + 1, problems);
            }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var x in e.EnumerateArray()) Reasons(x, $"{at}[{i++}]", depth + 1, problems);
        }
    }
}
