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
        (["claims", "robustness", "ood"], false, "expected_value", ["rejection_rate", "auroc", "accuracy"]),
        (["claims", "adversarial", "cases"], true, "value", ["robust_accuracy", "success_rate"]),
    ];

    static JsonElement Facts(int place, string metric, string valueJson)
    {
        var (path, list, valueName, _) = Places[place];
        return Nested(path, list, JsonNode.Parse($"{{\"metric\": \"{metric}\", \"{valueName}\": {valueJson}}}")!);
    }

    /// <summary>A description holding only <paramref name="claim"/> at <paramref name="path"/> (as a list's one element when
    /// <paramref name="list"/>).</summary>
    static JsonElement Nested(string[] path, bool list, JsonNode claim)
    {
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

    /// <summary>5.2.6 i): the metric of an out-of-distribution claim is its behaviour's (predict: accuracy on labelled OOD
    /// cases; detect, reject: rejection rate or AUROC). A predict claim in a rejection rate was read, and compared by a
    /// figure that falls as the model does what it claims.</summary>
    [Theory]
    [InlineData("predict", "rejection_rate", "accuracy")]
    [InlineData("predict", "auroc", "accuracy")]
    [InlineData("reject", "accuracy", "rejection_rate or auroc")]
    [InlineData("detect", "accuracy", "auroc or rejection_rate")]
    public void An_ood_claim_whose_metric_is_not_its_behaviours_is_refused_at_the_metric(string behaviour, string metric, string choices)
    {
        var facts = Nested(["claims", "robustness", "ood"], false, new JsonObject { ["expected_behaviour"] = behaviour, ["metric"] = metric, ["expected_value"] = 0.9 });
        var (path, problem) = Assert.Single(ModelDescriptionRules.Problems(facts, "$"));
        Assert.Equal("$.claims.robustness.ood.metric", path);
        Assert.Contains($"an out-of-distribution claim of expected_behaviour {behaviour} in '{metric}' contradicts itself: a {behaviour} claim is compared by {choices}", problem.ToString());
    }

    [Theory]
    [InlineData("predict", "accuracy")]
    [InlineData("reject", "rejection_rate")]
    [InlineData("detect", "auroc")]
    public void An_ood_claim_in_its_behaviours_metric_is_read(string behaviour, string metric) =>
        Assert.Empty(ModelDescriptionRules.Problems(Nested(["claims", "robustness", "ood"], false,
            new JsonObject { ["expected_behaviour"] = behaviour, ["metric"] = metric, ["expected_value"] = 0.9 }), "$"));

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

    /// <summary>Every claimed number that is not a metric value, with what its meaning allows, as docs/model.md lists them:
    /// the least and most it can be, and whether it counts something (a whole number).</summary>
    static readonly (string[] Path, bool List, string Name, double Min, double Max, bool Whole)[] Numbers =
    [
        (["claims", "trainability"], false, "final_loss", 0, double.PositiveInfinity, false),
        (["claims", "scalability"], false, "max_accelerators", 0, double.PositiveInfinity, true),
        (["claims", "efficiency"], false, "macs_per_inference", 0, double.PositiveInfinity, true),
        (["claims", "efficiency", "latency"], false, "threads", 1, double.PositiveInfinity, true),
        (["claims", "repeatability", "tolerance"], false, "abs", 0, double.PositiveInfinity, false),
        (["claims", "repeatability", "tolerance"], false, "label_agreement", 0, 1, false),
        (["claims", "robustness", "ood"], false, "threshold", 0, 1, false),
        (["claims", "generalization", "subgroup"], false, "max_gap", 0, 1, false),
        (["claims", "adversarial", "cases"], true, "epsilon", 0, double.PositiveInfinity, false),
        (["claims", "adversarial", "cases"], true, "query_budget", 1, double.PositiveInfinity, true),
        (["claims", "privacy", "differential_privacy"], false, "epsilon", 0, double.PositiveInfinity, false),
        (["claims", "privacy", "differential_privacy"], false, "delta", 0, 1, false),
    ];

    static JsonElement Number(int place, string valueJson)
    {
        var (path, list, name, _, _, _) = Numbers[place];
        return Nested(path, list, JsonNode.Parse($"{{\"{name}\": {valueJson}}}")!);
    }

    static string NumberPath(int place) =>
        "$." + string.Join('.', Numbers[place].Path) + (Numbers[place].List ? "[0]" : "") + "." + Numbers[place].Name;

    [Theory]
    [InlineData(0, "-0.0006", "the claimed final_loss -0.0006 is not what it can be (a finite number, 0 or more)")]
    [InlineData(7, "7", "the claimed max_gap 7 is outside what it can be (0 to 1)")]
    [InlineData(7, "-0.06", "the claimed max_gap -0.06 is outside what it can be (0 to 1)")]
    [InlineData(6, "90", "the claimed threshold 90 is outside what it can be (0 to 1)")]
    [InlineData(5, "100", "the claimed label_agreement 100 is outside what it can be (0 to 1)")]
    [InlineData(4, "-1e-5", "the claimed abs -1e-5 is not what it can be (a finite number, 0 or more)")]
    [InlineData(8, "-0.1", "the claimed epsilon -0.1 is not what it can be (a finite number, 0 or more)")]
    [InlineData(9, "2.5", "the claimed query_budget 2.5 is not what it can be (a count: a whole number, 1 or more)")]
    [InlineData(9, "0", "the claimed query_budget 0 is not what it can be (a count: a whole number, 1 or more)")]
    [InlineData(3, "-4", "the claimed threads -4 is not what it can be (a count: a whole number, 1 or more)")]
    [InlineData(2, "80896.5", "the claimed macs_per_inference 80896.5 is not what it can be (a count: a whole number, 0 or more)")]
    [InlineData(11, "1.5", "the claimed delta 1.5 is outside what it can be (0 to 1)")]
    [InlineData(10, "-8", "the claimed epsilon -8 is not what it can be (a finite number, 0 or more)")]
    [InlineData(0, "1e400", "the claimed final_loss 1e400 is not what it can be (a finite number, 0 or more)")]
    public void A_claimed_number_its_meaning_does_not_allow_is_refused_at_its_path(int place, string value, string message)
    {
        var (path, problem) = Assert.Single(ModelDescriptionRules.Problems(Number(place, value), "$"));
        Assert.Equal(NumberPath(place), path);
        Assert.Equal(message, problem.ToString());
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(0, "0.0006")]
    [InlineData(7, "0")]
    [InlineData(7, "1")]
    [InlineData(9, "1")]
    [InlineData(9, "100")]
    [InlineData(2, "80896")]
    [InlineData(3, "1")]
    [InlineData(8, "0")]
    public void A_claimed_number_at_or_inside_its_bounds_is_read(int place, string value) =>
        Assert.Empty(ModelDescriptionRules.Problems(Number(place, value), "$"));

    [Fact]
    public void A_claimed_number_is_refused_exactly_when_it_leaves_its_bounds() =>
        Gen.Select(Gen.Int[0, Numbers.Length - 1], Gen.OneOf(Gen.Double[-1e9, 1e9], Gen.Double[-2, 2], Gen.Double[0, 1], Gen.Int[-3, 300].Select(i => (double)i)))
            .Sample((place, value) =>
            {
                var (_, _, _, min, max, whole) = Numbers[place];
                var problems = ModelDescriptionRules.Problems(Number(place, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), "$");
                var outside = value < min || value > max || whole && Math.Floor(value) != value;
                return outside ? problems.Count == 1 && problems[0].JsonPath == NumberPath(place) : problems.Count == 0;
            }, iter: 1000);

    /// <summary><paramref name="text"/> as the description given to <c>iq model</c> with the sample model: refused, exit 2,
    /// with nothing written; what it said, and the line of the first line of <paramref name="text"/> that holds a string.</summary>
    internal static (CliRunner.Run Run, Func<string, int> Line) RefusedDescription(TempDir dir, string text)
    {
        var lines = text.Split('\n');
        var path = Path.Combine(dir.Path, "description.yaml");
        File.WriteAllText(path, text);
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--description", path, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "out")).Any());
        return (run, s => Array.FindIndex(lines, l => l.Contains(s)) + 1);
    }

    [Fact]
    public void The_description_reader_refuses_numbers_out_of_bounds_at_their_lines_and_writes_nothing()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(Path.Combine(ModelCases.Sample, "description.yaml"));
        foreach (var (from, to) in new[] { ("final_loss: 0.0006", "final_loss: -0.0006"), ("max_gap: 0.06}", "max_gap: 6}"), ("query_budget: 100,", "query_budget: 2.5,") })
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to);
        }
        var (run, Line) = RefusedDescription(dir, text);
        foreach (var (line, at) in new[] { ("final_loss: -0.0006", "$.claims.trainability.final_loss"), ("max_gap: 6}", "$.claims.generalization.subgroup.max_gap"),
                     ("query_budget: 2.5,", "$.claims.adversarial.cases[0].query_budget") })
        {
            Assert.Contains($"description.yaml:{Line(line)}:", run.Stderr);
            Assert.Contains(at, run.Stderr);
        }
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
