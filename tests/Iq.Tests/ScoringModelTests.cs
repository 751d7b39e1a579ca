using System.Globalization;
using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Tests;

/// <summary>Every scoring model over worked examples computed by hand: Cases/scoring.txt.</summary>
public class ScoringModelTests
{
    public static IEnumerable<object[]> Cases() =>
        File.ReadAllText(TestPaths.Case("scoring.txt")).Split("\n=== ").Skip(1)
            .Select(b => new object[] { b[..b.IndexOf('\n')].Trim(), b[(b.IndexOf('\n') + 1)..] });

    static readonly SourceSpan Nowhere = SourceSpan.None("scoring.txt");

    /// <summary>Builds the rule model and results a case describes.</summary>
    static (ChecklistModel Model, List<ItemResult> Results, List<string> Expected) Build(string text)
    {
        var lines = text.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
        var head = lines[0].Split(' ');
        var spec = new ScoringSpec("weighted", double.Parse(head[1], CultureInfo.InvariantCulture),
            head[3] == "none" ? null : Enum.Parse<Level>(head[3], ignoreCase: true));
        var results = new List<ItemResult>();
        var stack = new List<(int Indent, List<RuleNode> Children, string Id)> { (-1, [], "") };
        var sections = new Stack<(string Id, double Weight, int Indent)>();
        var body = lines.Skip(1).TakeWhile(l => !l.StartsWith(">>> ")).ToList();
        var i = 0;
        var root = new SectionModel("", "root", 1, null, Parse(-1, ""), Nowhere);
        return (new ChecklistModel("t", "t", "1", spec, [], [], root, root.AllItems().ToList(), [], []), results,
            lines.Where(l => l.StartsWith(">>> ")).Select(l => l[4..].Trim()).ToList());

        List<RuleNode> Parse(int indent, string sectionId)
        {
            var nodes = new List<RuleNode>();
            while (i < body.Count)
            {
                var line = body[i];
                var depth = line.Length - line.TrimStart().Length;
                if (depth <= indent) break;
                var f = line.Trim().Split(' ');
                i++;
                var weight = double.Parse(f[2], CultureInfo.InvariantCulture);
                if (f[0] == "section")
                {
                    nodes.Add(new SectionModel(f[1], f[1], weight, null, Parse(depth, f[1]), Nowhere));
                    continue;
                }
                var level = Enum.Parse<Level>(f[3], ignoreCase: true);
                var item = new ItemModel(f[1], f[1], weight, null, Nowhere, sectionId, level, "", TextTemplate.Of(f[1]), TextTemplate.Of(f[1]),
                    [new ConditionModel("true", new BoundLiteral(true, IqType.Bool, Nowhere))], null, null, null, null, false,
                    f.Length > 5 ? "x" : null, null, []);
                nodes.Add(item);
                foreach (var (row, n) in f.Skip(4).Select((r, n) => (r, n)))
                {
                    var parts = row.Split(':');
                    var outcome = OutcomeNames.Parse(parts[0]) ?? throw new FormatException(row);
                    var score = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : outcome == Outcome.Pass ? 1 : 0;
                    results.Add(new ItemResult(f.Length > 5 ? $"{f[1]}[{n + 1}]" : f[1], f[1], f[1], sectionId, "", level, weight, true,
                        outcome, score, [], Reason.None, null, null));
                }
            }
            return nodes;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Worked_example_scores_as_computed_by_hand(string name, string text)
    {
        var (model, results, expected) = Build(text);
        Assert.Equal(5, expected.Count);
        foreach (var line in expected)
        {
            var f = line.Split(' ');
            var score = Scorer.Score(model, results, f[0]);
            var actual = $"{f[0]} {(score.Score is { } s ? Scorer.Format(s) : "null")} {score.Verdict.ToString().ToLowerInvariant()}";
            Assert.True(line == actual, $"{name}: expected '{line}', got '{actual}'");
        }
    }

    [Fact]
    public void There_are_at_least_12_worked_examples() => Assert.True(Cases().Count() >= 12);

    [Fact]
    public void Every_model_has_a_formula_in_words()
    {
        foreach (var m in ScoringSpec.Models) Assert.StartsWith(m + " ", Scorer.Formula(m).Replace(":", " ").Replace("(", " "));
    }
}
