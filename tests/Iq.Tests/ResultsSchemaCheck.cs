using System.Text.Json;
using Json.Schema;

namespace Iq.Tests;

/// <summary>Every results file the tests produce is checked against docs/schema/results.schema.json (JsonSchema.Net, an
/// implementation nobody here wrote): <see cref="CliRunner"/> calls this for each results file a run wrote.</summary>
static class ResultsSchemaCheck
{
    static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema", "results.schema.json"))));

    public static int Checked;

    public static void Validate(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).Take(10);
            Assert.Fail($"{path} does not match results.schema.json:\n{string.Join("\n", errors)}");
        }
        Interlocked.Increment(ref Checked);
    }

    /// <summary>The results files a command line names (--json F, --out DIR/results.json) that exist after the run.</summary>
    public static void ValidateOutputs(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            var file = args[i] switch
            {
                "--json" => args[i + 1],
                "--out" when args.Count > 0 && args[0] == "audit" => Path.Combine(args[i + 1], "results.json"),
                _ => null,
            };
            if (file is null || file == "-" || !File.Exists(file)) continue;
            if (File.ReadAllText(file).Contains("\"schema\": \"iq.results/", StringComparison.Ordinal)) Validate(file);
        }
    }
}
