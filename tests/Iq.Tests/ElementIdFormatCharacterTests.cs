using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>Row ids a <c>foreach</c> builds from fact data (<c>6.1.1a.sw[Docker]</c>) cannot hold an invisible format
/// character from the data (U+200B zero-width space, U+202E right-to-left override): a written id refuses them (IQ1009),
/// and a built one shows them escaped (<c>\u200B</c>), so two rows never look alike.</summary>
public class ElementIdFormatCharacterTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    [Fact]
    public void Format_characters_from_the_facts_are_escaped_in_the_row_ids()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "compliant"), "*.json*"))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        // The plan (declared, not sealed) lists a second "Docker" with a zero-width space after it, and a data path ending
        // in a right-to-left override: one id from the element's name, one from the item's id template.
        var planFile = Path.Combine(bundle, "plan.json");
        var plan = JsonNode.Parse(File.ReadAllText(planFile))!;
        plan["facts"]!["software"]!.AsArray().Add(new JsonObject { ["name"] = "Docker\u200B", ["min_version"] = "20.10", ["required"] = true });
        plan["facts"]!["data_paths"]!.AsArray().Add("/data/ai-pacs\u202E");
        File.WriteAllText(planFile, plan.ToJsonString());

        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", TestClock.AsOfFor(bundle));
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var ids = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.DoesNotContain(id, c => char.GetUnicodeCategory(c) == UnicodeCategory.Format));
        Assert.Contains("6.1.1a.sw[Docker]", ids);
        Assert.Contains(@"6.1.1a.sw[Docker\u200B]", ids);
        Assert.Contains("6.2.2g.data-watch[/data/ai-pacs]", ids);
        Assert.Contains(@"6.2.2g.data-watch[/data/ai-pacs\u202E]", ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // The console names the rows as the results file does.
        Assert.Contains(@"6.1.1a.sw[Docker\u200B]", run.Stdout);
        Assert.DoesNotContain("[Docker\u200B]", run.Stdout);
    }
}
