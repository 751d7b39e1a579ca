using Iq.Engine.Facts;

namespace Iq.Tests;

/// <summary>docs/facts.md and the published JSON Schemas are generated from the engine's schema; they must match it.</summary>
public class SchemaDocsTests
{
    [Fact]
    public void Fact_reference_is_up_to_date()
    {
        var expected = SchemaDocs.Markdown(FactSchema.Default);
        Assert.True(expected == File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "facts.md")),
            "docs/facts.md is stale: regenerate it with ./iq schema --markdown > docs/facts.md");
    }

    [Fact]
    public void Json_schemas_are_up_to_date()
    {
        foreach (var root in FactSchema.Default.Roots)
        {
            var file = Path.Combine(TestPaths.RepoRoot, "docs", "schema", root.Kind + ".schema.json");
            Assert.True(File.Exists(file), $"missing {file}");
            Assert.True(SchemaDocs.JsonSchema(root) == File.ReadAllText(file), $"{file} is stale: regenerate it with ./iq schema --kind {root.Kind}");
        }
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema", "plan.schema.json")),
            File.ReadAllText(Path.Combine(TestPaths.Checklists, "plan.schema.json")));
    }
}
