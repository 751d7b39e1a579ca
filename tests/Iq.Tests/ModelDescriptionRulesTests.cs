using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Facts;
using Iq.Rules.Model;

namespace Iq.Tests;

/// <summary>What a model description must say beyond its types (docs/model.md), on the rules alone: a claimed value its
/// metric can take, a not_applicable that gives a reason.</summary>
public class ModelDescriptionRulesTests
{
    /// <summary>Every place a claim names its metric, with the member of its value, as docs/model.md lists them; every
    /// metric there is a share of cases or an area under a curve (0 to 1).</summary>
    static readonly (string[] Path, bool List, string Value, string[] Metrics)[] Places =
    [
        (["applicability", "expected_performance"], true, "value", ["accuracy", "precision", "recall", "f1", "dice", "iou", "pixel_accuracy"]),
        (["claims", "efficiency", "accuracy"], false, "value", ["accuracy", "f1", "iou"]),
        (["claims", "generalization", "heldout"], true, "value", ["accuracy", "recall", "pixel_accuracy"]),
        (["claims", "generalization", "stress_baseline"], false, "value", ["accuracy", "dice"]),
        (["claims", "robustness", "conditions"], true, "expected_value", ["accuracy", "dice"]),
        (["claims", "robustness", "natural_noise"], false, "expected_value", ["accuracy", "dice"]),
        (["claims", "robustness", "ood"], false, "expected_value", ["rejection_rate", "auroc"]),
        (["claims", "adversarial", "cases"], true, "value", ["robust_accuracy", "success_rate"]),
    ];

    static JsonElement Facts(int place, string metric, string valueJson)
    {
        var (path, list, valueName, _) = Places[place];
        JsonNode claim = JsonNode.Parse($"{{\"metric\": \"{metric}\", \"{valueName}\": {valueJson}}}")!;
        JsonNode node = list ? new JsonArray(claim) : claim;
        for (var i = path.Length - 1; i >= 0; i--) node = new JsonObject { [path[i]] = node };
        return JsonDocument.Parse(node.ToJsonString()).RootElement;
    }

    static string ValuePath(int place) =>
        "$." + string.Join('.', Places[place].Path) + (Places[place].List ? "[0]" : "") + "." + Places[place].Value;

    [Theory]
    [InlineData(0, "accuracy", "-0.97")]
    [InlineData(7, "success_rate", "81")]
    [InlineData(6, "auroc", "1.0000001")]
    [InlineData(4, "dice", "-1e-300")]
    [InlineData(1, "accuracy", "98")]
    public void A_claimed_value_its_metric_cannot_take_is_refused_at_its_path(int place, string metric, string value)
    {
        var problems = ModelDescriptionRules.Problems(Facts(place, metric, value), "$");
        var (path, problem) = Assert.Single(problems);
        Assert.Equal(ValuePath(place), path);
        Assert.Contains($"the claimed value {value} is outside what {metric} can be (0 to 1)", problem.ToString());
    }

    [Theory]
    [InlineData(0, "accuracy", "0")]
    [InlineData(7, "success_rate", "1")]
    [InlineData(6, "rejection_rate", "0.85")]
    public void A_claimed_value_at_or_inside_its_range_is_read(int place, string metric, string value) =>
        Assert.Empty(ModelDescriptionRules.Problems(Facts(place, metric, value), "$"));

    [Fact]
    public void A_claim_is_refused_exactly_when_its_value_leaves_0_to_1() =>
        Gen.Select(Gen.Int[0, Places.Length - 1], Gen.Int[0, 6], Gen.OneOf(Gen.Double[-1e6, 1e6], Gen.Double[-2, 2], Gen.Double[0, 1]))
            .Sample((place, pick, value) =>
            {
                var metrics = Places[place].Metrics;
                var metric = metrics[pick % metrics.Length];
                var problems = ModelDescriptionRules.Problems(Facts(place, metric, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), "$");
                var outside = value < 0 || value > 1;
                return outside ? problems.Count == 1 && problems[0].JsonPath == ValuePath(place) : problems.Count == 0;
            }, iter: 500);

    [Theory]
    [InlineData("N/A because")]
    [InlineData("n/a n/a")]
    [InlineData("nana")]
    [InlineData("NA, NA, NA")]
    [InlineData("None because N/A")]
    [InlineData("not applicable: not applicable")]
    [InlineData("不适用，因为不适用")]
    [InlineData("没有没有")]
    [InlineData("yes/no")]
    [InlineData("n.a. n.a.")]
    public void Filler_words_however_many_are_no_reason(string text) => Assert.False(NotApplicableReason.IsReason(text));

    [Theory]
    [InlineData("not applicable, because the images carry no personal data")]
    [InlineData("N/A because the model has no camera input")]
    [InlineData("不适用，因为训练数据均为公开数据")]
    [InlineData("不适用，因为无摄像头输入")]
    [InlineData("n/a: offline only")]
    public void Words_beside_the_filler_are_a_reason(string text) => Assert.True(NotApplicableReason.IsReason(text));

    static readonly string[] FillerWords = ["no", "yes", "n/a", "NA", "n.a.", "None", "nil", "null", "true", "false", "not", "Applicable",
        "not applicable", "inapplicable", "because", "否", "是", "无", "没有", "不适用", "不", "略", "因为"];

    static readonly string[] Separators = ["", " ", ", ", ": ", "; ", ". ", "，", "：", " - ", "\"", "'", "!"];

    [Fact]
    public void Text_of_filler_words_and_punctuation_is_no_reason_and_a_real_word_makes_one() =>
        Gen.Select(Gen.Select(Gen.Int[0, FillerWords.Length - 1], Gen.Int[0, Separators.Length - 1]).Array[1, 12], Gen.Int[0, 3])
            .Sample((parts, where) =>
            {
                var text = string.Concat(parts.Select(p => FillerWords[p.Item1] + Separators[p.Item2]));
                var withWord = where switch { 0 => "data " + text, 1 => text + " offline", 2 => text + "，数据公开", _ => text + " 2026" };
                return !NotApplicableReason.IsReason(text) && NotApplicableReason.IsReason(withWord);
            }, iter: 500);
}
