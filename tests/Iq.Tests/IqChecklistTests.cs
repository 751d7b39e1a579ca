using System.Text.Json.Nodes;
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

    [Fact]
    public void A_manifest_that_lists_no_documents_leaves_5_5_1b_in_error_not_passed()
    {
        // An SBOM iq manifest reads has components but no documents: "all documents match the version" compared nothing
        // (fresh eyes 3, #4), so the shall item is missing evidence, and the verdict cannot be pass.
        using var dir = new TempDir();
        var bundle = FleetTests.CopyBundle("compliant", Path.Combine(dir.Path, "b"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "manifest.json")))!.AsObject();
        manifest["facts"]!["documents"] = new JsonArray();
        File.WriteAllText(Path.Combine(bundle, "manifest.json"), manifest.ToJsonString());
        File.Delete(Path.Combine(bundle, "manifest.json.seal"));
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22");
        Assert.Equal(1, run.ExitCode);
        var row = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Single(i => (string)i!["id"]! == "5.5.1b.documents")!;
        Assert.Equal("error", (string)row["outcome"]!);
        Assert.Contains("manifest.documents is an empty list", (string)row["message"]!);
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

    /// <summary>The clauses of the standard's text (Cases/standard/000.txt, a copy of the draft the checklist follows), by
    /// number: a heading is "4.1.1 环境要求" or, as the draft lays some out, "安装验证性能评估要求 4.3"; its text runs to the next.</summary>
    static Dictionary<string, string> Clauses()
    {
        var clauses = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder? current = null;
        foreach (var raw in File.ReadLines(TestPaths.Case(Path.Combine("standard", "000.txt"))))
        {
            var line = raw.Trim();
            var heading = System.Text.RegularExpressions.Regex.Match(line, @"^(\d+(?:\.\d+)+)\s+\S|^\S+\s+(\d+(?:\.\d+)+)$");
            if (heading.Success)
            {
                var number = heading.Groups[1].Success ? heading.Groups[1].Value : heading.Groups[2].Value;
                current = clauses.TryGetValue(number, out var known) ? known : clauses[number] = new StringBuilder();
                continue;
            }
            current?.AppendLine(line);
        }
        return clauses.ToDictionary(c => c.Key, c => c.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The text a reference cites: the clause ("5.1.1"), or its lead-in and one list entry ("4.1.1 a)"), whose verb
    /// the lead-in may give; null when the text has no such clause or entry.</summary>
    static string? Cited(Dictionary<string, string> clauses, string reference)
    {
        var m = System.Text.RegularExpressions.Regex.Match(reference, @"^(\d+(?:\.\d+)+)\s*(?:([a-z])\))?");
        if (!m.Success || !clauses.TryGetValue(m.Groups[1].Value, out var text)) return null;
        if (!m.Groups[2].Success) return text;
        var parts = System.Text.RegularExpressions.Regex.Split(text, @"(?m)^([a-z])\)");
        for (var i = 1; i + 1 < parts.Length; i += 2)
            if (parts[i] == m.Groups[2].Value) return parts[0] + parts[i + 1];
        return null;
    }

    [Fact]
    public void Every_level_is_the_verb_of_its_clause_where_the_clause_has_one_kind()
    {
        var clauses = Clauses();
        Assert.True(clauses.ContainsKey("4.1.1") && clauses.ContainsKey("6.4.2"), "the standard's text was not read");
        var source = File.ReadAllLines(Checklist);
        var wrong = new List<string>();
        var checkedItems = 0;
        foreach (var item in Model().Items)
        {
            if (Cited(clauses, item.Clause) is not { } text) continue;
            // 应 as a verb: not inside 响应, 供应, 相应, 对应, 适应, 应用, 应急, 反应.
            var shall = System.Text.RegularExpressions.Regex.Replace(text, "响应|供应|相应|对应|适应|应用|应急|反应", "").Contains('应');
            var should = text.Contains('宜');
            // Unambiguous: the clause has a verb of one kind and not the item's (可 is left out: it is also part of 可用, 可靠 …).
            // A level that departs from the verb says why, in a comment just above the item: "# Should, not shall: …".
            if (item.Level == Level.Should && shall && !should && !Says(item.Id, "Should, not shall"))
                wrong.Add($"{item.Id}: level should, but {item.Clause} says 应 and never 宜");
            if (item.Level == Level.Shall && should && !shall && !Says(item.Id, "Shall, not should"))
                wrong.Add($"{item.Id}: level shall, but {item.Clause} says 宜 and never 应");
            checkedItems++;
        }
        Assert.True(checkedItems > 50, $"only {checkedItems} items cite a clause the text has");

        bool Says(string id, string why)
        {
            var at = Array.FindIndex(source, l => l.TrimStart().StartsWith($"item \"{id}\"", StringComparison.Ordinal));
            for (var i = at - 1; i >= 0 && source[i].TrimStart().StartsWith('#'); i--)
                if (source[i].Contains(why, StringComparison.Ordinal)) return true;
            return false;
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
