using System.Text;
using System.Text.Json;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Model;

namespace Iq.Tests;

/// <summary>The bundled installation-qualification checklist: compiles clean, covers every evaluation point of
/// chapter 6, and gives exactly the expected outcome of every row over the two sample bundles.</summary>
public class IqChecklistTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    static ChecklistModel Model()
    {
        var result = ChecklistCompiler.CompileFile(Checklist, FactSchema.Default);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics); // no warnings either
        return result.Checklist!.Model;
    }

    [Theory]
    [InlineData("compliant", 0)]
    [InlineData("failing", 1)]
    public void Sample_bundle_gives_its_expected_outcomes(string sample, int exitCode)
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "results.json");
        var bundle = Path.Combine(TestPaths.Checklists, "samples", sample);
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22");
        Assert.Equal("", run.Stderr);
        Assert.Equal(exitCode, run.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var actual = doc.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("id").GetString()} ⇶ {i.GetProperty("outcome").GetString()}")
            .Append($"verdict ⇶ {doc.RootElement.GetProperty("verdict").GetString()}");
        var expected = File.ReadAllLines(Path.Combine(bundle, "expected.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
    }

    /// <summary>Issue 5's list of chapter 6 evaluation points, letters as the text uses them.</summary>
    public static readonly string[] EvaluationPoints =
    [
        "6.1.1 a)", "6.1.1 b)", "6.1.1 c)", "6.1.2 a)", "6.1.2 b)", "6.1.2 c)", "6.1.3 a)", "6.1.3 b)",
        "6.2.1 c)", "6.2.1 d)", "6.2.1 e)", "6.2.2 f)", "6.2.2 g)",
        "6.3.1 a)", "6.3.1 b)", "6.3.1 c)", "6.3.1 d)", "6.3.2 a)", "6.3.2 b)", "6.3.2 c)",
        "6.4.1", "6.4.2 a)", "6.4.2 b)", "6.4.2 c)", "6.4.2 d)",
        "6.5.1 a)", "6.5.1 b)", "6.5.1 c)", "6.5.1 d)", "6.5.2 a)", "6.5.2 b)", "6.5.2 c)",
        "6.6.1 d)", "6.6.1 e)", "6.6.1 f)",
    ];

    /// <summary>An item covers "6.1.1 a)" when its id starts with "6.1.1a" (or "6.4.1." for a point without letters).</summary>
    static IEnumerable<ItemModel> Covering(ChecklistModel model, string point)
    {
        var key = point.Replace(" ", "").Replace(")", "");
        return model.Items.Where(i => i.Id.StartsWith(key + ".", StringComparison.Ordinal) || i.Id.StartsWith(key + "[", StringComparison.Ordinal)
                                      || key.Length > 5 && char.IsAsciiLetter(key[^1]) && i.Id.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_evaluation_point_of_chapter_6_has_an_item()
    {
        var model = Model();
        var uncovered = EvaluationPoints.Where(p => !Covering(model, p).Any()).ToList();
        Assert.Equal([], uncovered);
    }

    /// <summary>The coverage table in checklists/README.md, generated from the checklist so it cannot go stale.</summary>
    public static string CoverageTable(ChecklistModel model)
    {
        var sb = new StringBuilder("| clause | items | method |\n|---|---|---|\n");
        foreach (var point in EvaluationPoints)
        {
            var items = Covering(model, point).ToList();
            var methods = items.Select(i => i.Automated ? "automatic" : "manual").Distinct().Order();
            sb.Append($"| {point} | {string.Join(", ", items.Select(i => $"`{i.Id}`"))} | {string.Join(" + ", methods)} |\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void The_readme_coverage_table_matches_the_checklist()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.Checklists, "README.md"));
        var table = CoverageTable(Model());
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "checklists/README.md must contain this table:\n" + table);
    }

    [Fact]
    public void Every_requirement_clause_of_chapters_4_and_5_is_cited()
    {
        var refs = string.Join(" ", Model().Items.Select(i => i.Clause));
        string[] clauses = ["4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.2.2", "4.3.1", "4.3.2", "5.1.1", "5.1.2", "5.2.1", "5.2.2", "5.3.1", "5.3.2",
            "5.4.1", "5.4.2", "5.5.1"];
        var uncited = clauses.Where(c => !refs.Contains(c, StringComparison.Ordinal)).ToList();
        Assert.Equal([], uncited);
        Assert.Contains("5.4.1（原文误引 5.6.1）", refs);
        Assert.Contains("5.4.2（原文误引 5.6.2）", refs);
    }
}
