using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary><c>iq model --run</c> is 6.3.1's training by the lab ("对预训练模型进行训练"): the run must be of the model
/// inspected. The training command names the ONNX model it writes (<c>--trained FILE</c>); iq checks that the run wrote it
/// and that it is the inspected model re-trained (the same graph, initializers of the same names, types and shapes; the
/// weights may differ), and records it in <c>training_run.trained</c>. Any run that cannot be tied (no model named, none
/// written, another model written) leaves <c>training_run.trained</c> an error with why, so 6.3.1.witness is an error,
/// never n/a on a run of anything. Before, any command made the row n/a (a run that trained another model, or trained
/// nothing, counted as the reproduction). The models are written by the onnx package (Cases/model/retrain.py).</summary>
public class ModelRunTieTests
{
    static (CliRunner.Run Run, JsonObject Training, JsonObject Results) RunAndAudit(TempDir dir, string? trained, params string[] command)
    {
        var bundle = Path.Combine(dir.Path, "bundle");
        var run = CliRunner.InProcess(["model", ModelCases.SampleModel, "--description", Path.Combine(ModelCases.Sample, "description.yaml"),
            "--cases", Path.Combine(ModelCases.Sample, "cases"), "--labels", Path.Combine(ModelCases.Sample, "labels.csv"),
            "--suite", "performance", "--resamples", "10", "--out", bundle,
            .. trained is null ? Array.Empty<string>() : ["--trained", trained], "--run", "--", .. command]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var training = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["training_run"]!.AsObject();
        var json = Path.Combine(dir.Path, "results.json");
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle, "--json", json);
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        return (run, training, JsonNode.Parse(File.ReadAllText(json))!.AsObject());
    }

    static JsonObject Row(JsonObject results, string id) =>
        results["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => (string)i["id"]! == id);

    static string[] Retrain(string output, string kind) =>
        ["/usr/bin/python3", Path.Combine(ModelCases.Cases, "retrain.py"), ModelCases.SampleModel, output, kind];

    [SkippableFact]
    public void A_run_that_writes_the_inspected_model_retrained_makes_the_witness_row_not_applicable()
    {
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "retrained.onnx");
        var (_, training, results) = RunAndAudit(dir, output, Retrain(output, "same"));
        var trained = training["trained"]!.AsObject();
        Assert.Equal("retrained.onnx", (string)trained["file"]!);
        Assert.True((bool)trained["same_structure"]!);
        // New weights: not the inspected file's bytes (the SHA-256 sha256sum would give), but the same structure.
        Assert.False((bool)trained["identical"]!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(output))), (string)trained["sha256"]!);
        var witness = Row(results, "6.3.1.witness");
        Assert.Equal("notapplicable", (string)witness["outcome"]!);
        Assert.Equal("pass", (string)Row(results, "6.3.1.curve")["outcome"]!);
    }

    [SkippableFact]
    public void A_run_that_writes_another_model_makes_the_witness_row_an_error_naming_both_structures()
    {
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "other.onnx");
        var (run, training, results) = RunAndAudit(dir, output, Retrain(output, "other"));
        var why = (string)training["trained"]!["$error"]!;
        Assert.Contains("other.onnx", why);
        Assert.Contains("not the model inspected re-trained", why);
        Assert.Contains("not the model inspected re-trained", run.Stderr);
        // The losses it printed are another training's: each is the same error, never this model's curve.
        foreach (var fact in new[] { "losses", "final_loss", "relative_decrease", "nan_free" })
            Assert.Equal(why, (string)training[fact]!["$error"]!);
        foreach (var id in new[] { "6.3.1.witness", "6.3.1.curve", "6.3.1.final" })
        {
            var row = Row(results, id);
            Assert.Equal("error", (string)row["outcome"]!);
            Assert.Contains("not the model inspected re-trained", (string)row["message"]!);
        }
    }

    [Fact]
    public void A_run_that_writes_no_model_or_names_none_makes_the_witness_row_an_error()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "never-written.onnx");
        var (_, training, results) = RunAndAudit(dir, output, "/bin/sh", "-c", "echo 'loss 0.9'; echo 'loss 0.4'");
        Assert.Contains("did not write never-written.onnx", (string)training["trained"]!["$error"]!);
        Assert.Equal("error", (string)Row(results, "6.3.1.witness")["outcome"]!);

        // The inspected model itself, untouched by the command, is not a model the run wrote either.
        using var dir2 = new TempDir();
        var copy = Path.Combine(dir2.Path, "old.onnx");
        File.Copy(ModelCases.SampleModel, copy);
        var (_, old, _) = RunAndAudit(dir2, copy, "/bin/sh", "-c", "echo 'loss 0.9'; echo 'loss 0.4'");
        Assert.Contains("did not write old.onnx", (string)old["trained"]!["$error"]!);

        using var dir3 = new TempDir();
        var (_, unnamed, unnamedResults) = RunAndAudit(dir3, null, "/bin/sh", "-c", "echo 'loss 0.9'; echo 'loss 0.4'");
        Assert.Contains("--trained", (string)unnamed["trained"]!["$error"]!);
        var witness = Row(unnamedResults, "6.3.1.witness");
        Assert.Equal("error", (string)witness["outcome"]!);
        Assert.Contains("--trained", (string)witness["message"]!);
    }
}
