using System.Xml.Linq;

namespace Iq.Tests;

/// <summary>References point down only: Iq.Cli → Iq.Engine(.Onnx) → Iq.Scoring → Iq.Rules. Read from the project files,
/// so that a reference added the wrong way fails here before it tangles the layers.</summary>
public class LayoutTests
{
    // Lower rank = lower layer. A product project may reference only projects of a lower rank.
    static readonly Dictionary<string, int> Rank = new()
    {
        ["Iq.Rules"] = 0,
        ["Iq.Scoring"] = 1,
        ["Iq.Engine"] = 2,
        ["Iq.Engine.Onnx"] = 3,
        ["Iq.Engine.Postgres"] = 3, // the PostgreSQL results store, at the edge like ONNX Runtime
        ["iq"] = 4, // engine/Iq.Cli (assembly name iq)
        ["Iq.Cli"] = 4,
    };

    public static IEnumerable<object[]> Projects() =>
        Directory.EnumerateFiles(TestPaths.RepoRoot, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains("/bin/"))
            .Select(p => new object[] { Path.GetRelativePath(TestPaths.RepoRoot, p) });

    [Theory]
    [MemberData(nameof(Projects))]
    public void References_point_down_only(string project)
    {
        var name = Path.GetFileNameWithoutExtension(project);
        if (!Rank.TryGetValue(name, out var rank)) return; // tests, benchmarks, tools: may reference anything
        var dir = Path.GetDirectoryName(Path.Combine(TestPaths.RepoRoot, project))!;
        var references = XDocument.Load(Path.Combine(TestPaths.RepoRoot, project)).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value));
        foreach (var target in references)
        {
            Assert.True(Rank.TryGetValue(target, out var targetRank), $"{project} references {target}, which has no place in the layering (LayoutTests.Rank)");
            Assert.True(targetRank < rank, $"{project} references {target}: references must point down (Cli → Engine → Scoring → Rules)");
        }
    }

    [Fact]
    public void Every_product_project_is_ranked()
    {
        var product = Projects().Select(p => (string)p[0]).Where(p => !p.StartsWith("tests") && !p.StartsWith("bench")).ToList();
        Assert.NotEmpty(product);
        foreach (var p in product) Assert.True(Rank.ContainsKey(Path.GetFileNameWithoutExtension(p)), $"{p} is not in LayoutTests.Rank");
    }

    [Fact]
    public void Scoring_and_rules_do_not_use_engine_namespaces()
    {
        foreach (var folder in new[] { "rules", "scoring" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
                Assert.DoesNotContain("using Iq.Engine", File.ReadAllText(file));
    }

    /// <summary>The device binary carries the checklists and the schemas they name, not the sample bundles (the 001 sample
    /// alone is 475 case files). Asked of MSBuild itself: what the CLI project copies to its output.</summary>
    [Fact]
    public void The_cli_carries_the_checklists_and_schemas_not_the_samples()
    {
        var project = Path.Combine(TestPaths.RepoRoot, "engine", "Iq.Cli", "Iq.Cli.csproj");
        Assert.Equal(0, ModelCases.Run("dotnet", ["msbuild", project, "-getItem:None", "-getItem:Content", "-nologo"], out var json));
        var items = System.Text.Json.Nodes.JsonNode.Parse(json)!["Items"]!.AsObject()
            .SelectMany(kind => kind.Value!.AsArray())
            .Where(i => (string?)i!["CopyToOutputDirectory"] is "PreserveNewest" or "Always")
            .Select(i => ((string?)i!["Link"] ?? (string)i["Identity"]!).Replace('\\', '/')).ToList();
        var checklists = items.Where(i => i.StartsWith("checklists/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(checklists, i => i.Contains("/samples/", StringComparison.Ordinal));
        Assert.All(checklists, i => Assert.True(i.EndsWith(".iq", StringComparison.Ordinal) || i.EndsWith(".schema.json", StringComparison.Ordinal), i));
        foreach (var file in Directory.GetFiles(TestPaths.Checklists, "*.iq").Concat(Directory.GetFiles(TestPaths.Checklists, "*.schema.json")))
            Assert.Contains($"checklists/{Path.GetFileName(file)}", checklists);
    }
}
