using System.Text.Json;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>A passing any(...) names the elements that held it and what each compared, so that a lab can write down what was
/// measured: before, 6.1.1a.network read "true: 1 of 2 hold" and nothing said which interface, at what speed, against what.
/// The expected text is worked out here from the sample's own environment.json and plan.json (the interfaces that are up at
/// the plan's minimum speed or more), not written down; a list of 20,000 holding elements names three and reads no further.</summary>
public class AnyWitnessTests
{
    static string Failing => Path.Combine(TestPaths.Checklists, "samples", "failing");
    const string Condition = "any(env.network, n => n.up and n.speed_mbps >= plan.hardware.minimum.network_mbps)";

    static JsonElement NetworkEvidence(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "6.1.1a.network")
            .GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("expression").GetString() == Condition);

    static string Witness(string name, double speed, double minimum) =>
        $"{name} (n.up: true, n.speed_mbps >= plan.hardware.minimum.network_mbps: {speed} >= {minimum})";

    [Fact]
    public void A_passing_any_names_the_elements_that_held_and_their_values_in_every_report()
    {
        using var dir = new TempDir();
        var env = JsonNode.Parse(File.ReadAllText(Path.Combine(Failing, "environment.json")))!["facts"]!["network"]!.AsArray();
        var minimum = (double)JsonNode.Parse(File.ReadAllText(Path.Combine(Failing, "plan.json")))!["facts"]!["hardware"]!["minimum"]!["network_mbps"]!;
        var held = env.Where(n => (bool)n!["up"]! && (double)n["speed_mbps"]! >= minimum).ToList();
        Assert.NotEmpty(held);
        Assert.True(held.Count < env.Count, "the sample should have an interface that does not hold");
        var expected = $"true: {held.Count} of {env.Count} hold ("
            + string.Join(", ", held.Select(n => Witness((string)n!["name"]!, (double)n["speed_mbps"]!, minimum))) + ")";

        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", "--facts", Failing, "--lang", "en", "--json", json);
        Assert.True(run.ExitCode == 1, run.Stderr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var e = NetworkEvidence(doc.RootElement);
            Assert.Equal(expected, e.GetProperty("actual").GetString());
            Assert.Equal("IQ8050", e.GetProperty("actual_words").GetProperty("code").GetString());
        }
        var explain = CliRunner.InProcess("explain", "6.1.1a.network", "--facts", Failing, "--lang", "en");
        Assert.Contains(expected, explain.Stdout);

        // Read back in Chinese: the catalog's words around the same values.
        var html = Path.Combine(dir.Path, "r.html");
        var report = CliRunner.InProcess("report", json, "--html", html, "--lang", "zh");
        Assert.True(report.ExitCode == 1, report.Stderr);
        var zhWitness = string.Join(", ", held.Select(n => Witness((string)n!["name"]!, (double)n["speed_mbps"]!, minimum)));
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"true：{env.Count} 个中 {held.Count} 个成立（{zhWitness}）"), File.ReadAllText(html));
    }

    [Fact]
    public void A_passing_any_over_twenty_thousand_elements_names_three_and_stops_there()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "b");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Failing).Where(f => !f.EndsWith("expected.txt", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        var path = Path.Combine(bundle, "environment.json");
        var env = JsonNode.Parse(File.ReadAllText(path))!;
        var network = new JsonArray();
        const int n = 20_000;
        for (var i = 0; i < n; i++)
            network.Add(new JsonObject { ["name"] = $"eth{i}", ["up"] = true, ["mtu"] = 1500, ["speed_mbps"] = 200000, ["addresses"] = new JsonArray(), ["infiniband"] = false });
        env["facts"]!["network"] = network;
        File.WriteAllText(path, env.ToJsonString());
        Assert.Equal(0, CliRunner.InProcess("seal", path).ExitCode);

        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", "--facts", bundle, "--lang", "en", "--json", json);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var actual = NetworkEvidence(doc.RootElement).GetProperty("actual").GetString()!;
        // Its value could not change after the first; it reads on only to name three, and says so.
        Assert.Equal($"true: 3 of the first 3 of {n} hold (" + string.Join(", ", Enumerable.Range(0, 3).Select(i => Witness($"eth{i}", 200000, 100000)))
            + "); any() was decided there, the rest not read", actual);
        Assert.Equal("IQ8051", NetworkEvidence(doc.RootElement).GetProperty("actual_words").GetProperty("code").GetString());
    }
}
