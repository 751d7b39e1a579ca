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
    /// <summary>A metric a claim can name, and the values it can take: a claim outside them is no claim (a claimed
    /// accuracy of −0.97 or a success rate of 81 holds against any measurement).</summary>
    sealed record Metric(string Name, double Min, double Max);

    /// <summary>A share of the cases, or an area under a curve.</summary>
    static Metric Fraction(string name) => new(name, 0, 1);

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
        (["claims", "robustness", "ood"], "expected_value", [Fraction("rejection_rate"), Fraction("auroc")]),
        (["claims", "adversarial", "cases", "[]"], "value", [Fraction("robust_accuracy"), Fraction("success_rate")]),
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
                    && value.GetDouble() is var v && (v < metric.Min || v > metric.Max))
                    problems.Add(($"{claimPath}.{valueName}", Msg.ClaimValueOutOfRange.With(value.GetRawText(), metric.Name, metric.Min, metric.Max)));
            });
        Reasons(facts, at, 0, problems);
        return problems;
    }

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
