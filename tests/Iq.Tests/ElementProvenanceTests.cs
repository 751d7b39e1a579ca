using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>A foreach row's provenance names the element it read (<c>plan.software[0].min_version</c>, the language's index
/// form), not every element (<c>plan.software[].min_version</c>), in results.json and the console's from: lines. The oracle
/// is the failing sample's plan.json, read here: the position of each software entry by its name.</summary>
public class ElementProvenanceTests
{
    [Fact]
    public void Each_software_row_names_its_own_plan_entry()
    {
        var sample = Path.Combine(TestPaths.Checklists, "samples", "failing");
        var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(sample, "plan.json")))!["facts"]!["software"]!.AsArray();
        using var dir = new TempDir();
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", sample, "--lang", "en", "-v", "--out", dir.Path);
        var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "results.json")))!["items"]!.AsArray()
            .Where(r => ((string)r!["id"]!).StartsWith("6.1.1a.sw[", StringComparison.Ordinal)).ToList();
        Assert.Equal(plan.Count, rows.Count);
        for (var i = 0; i < plan.Count; i++)
        {
            var name = (string)plan[i]!["name"]!;
            var row = rows.Single(r => (string)r!["id"]! == $"6.1.1a.sw[{name}]")!;
            var paths = row["provenance"]!["facts"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
            Assert.Contains($"plan.software[{i}].min_version", paths);
            Assert.DoesNotContain(paths, p => p.StartsWith("plan.software[]", StringComparison.Ordinal));
            Assert.Contains($"plan.software[{i}].min_version", run.Stdout);
        }
        // A row about the item as a whole, or another item, keeps its paths.
        Assert.Contains(JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "results.json")))!["items"]!.AsArray(),
            r => r!["provenance"]!["facts"]!.AsArray().Any(f => (string)f!["path"]! == "env.cpu.logical_cores"));
    }

    /// <summary>A map read with a key the checklist gives names the key (<c>software["Docker"].version</c>, the language's own
    /// form), whether the key is a fact of the foreach element (<c>software[s.name]</c>: the plan's name of the row's entry,
    /// read here from plan.json) or a constant (<c>software["prometheus"]</c>), in results.json, the console's from: lines and
    /// the HTML report.</summary>
    [Fact]
    public void A_map_read_names_its_key_in_results_console_and_html()
    {
        var sample = Path.Combine(TestPaths.Checklists, "samples", "failing");
        var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(sample, "plan.json")))!["facts"]!["software"]!.AsArray();
        using var dir = new TempDir();
        var html = Path.Combine(dir.Path, "r.html");
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", sample, "--lang", "en", "-v",
            "--out", dir.Path, "--html", html);
        var items = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "results.json")))!["items"]!.AsArray();
        var page = File.ReadAllText(html);
        List<string> PathsOf(string id) =>
            items.Single(r => (string)r!["id"]! == id)!["provenance"]!["facts"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        foreach (var entry in plan)
        {
            var name = (string)entry!["name"]!;
            var paths = PathsOf($"6.1.1a.sw[{name}]");
            var keyed = $"software[\"{name}\"].version";
            Assert.Contains(keyed, paths);
            Assert.Contains($"software[\"{name}\"]", paths);
            Assert.DoesNotContain(paths, p => p.StartsWith("software[]", StringComparison.Ordinal));
            // No other entry's key: each row read its own.
            Assert.DoesNotContain(paths, p => p.StartsWith("software[\"", StringComparison.Ordinal) && !p.StartsWith($"software[\"{name}\"]", StringComparison.Ordinal));
            Assert.Contains(keyed, run.Stdout);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(keyed), page);
        }
        var tools = PathsOf("6.5.2a.tools");
        Assert.Equal(["software[\"grafana\"]", "software[\"prometheus\"]"], tools.Where(p => p.StartsWith("software", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("software[\"prometheus\"]", run.Stdout);
    }
}
