using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>001's rows on the vendor's training records (fresh eyes 7, F-A1): 6.3.1.curve, 6.3.1.final and 6.3.7.unseen
/// compare the losses of a training log and the overlap with a training manifest, the vendor's word, so they count as
/// declared only however measured the guards are (which log and manifest iq read); and a log or manifest must name the
/// model it records (<c># model sha256: DIGEST</c>): another model's log, or one naming none, passes none of them. Real
/// files: the digits sample (made by its generator) and the baseline fixtures' classifier, another ONNX model.</summary>
public class TrainingRecordTests
{
    static readonly string[] RecordRows = ["6.3.1.curve", "6.3.1.final", "6.3.7.unseen"];

    static readonly string OtherModel = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline", "cls", "classifier.onnx");

    /// <summary>The sample's description, training log and manifest in <paramref name="dir"/> (the log and manifest through
    /// <paramref name="edit"/>), measured with <paramref name="model"/> on <paramref name="cases"/>, then audited: the
    /// results' rows by id, and the console.</summary>
    static (Dictionary<string, JsonNode> Rows, JsonNode Results, string Console) Audit(TempDir dir, string model, string cases, string labels,
        Func<string, string>? edit = null)
    {
        File.Copy(Path.Combine(ModelCases.Sample, "description.yaml"), Path.Combine(dir.Path, "description.yaml"));
        foreach (var name in new[] { "training-log.csv", "training-manifest.txt" })
            File.WriteAllText(Path.Combine(dir.Path, name), (edit ?? (t => t))(File.ReadAllText(Path.Combine(ModelCases.Sample, name))));
        var bundle = Path.Combine(dir.Path, "bundle");
        var run = CliRunner.InProcess("model", model, "--description", Path.Combine(dir.Path, "description.yaml"), "--cases", cases,
            "--labels", labels, "--suite", "generalization", "--resamples", "10", "--out", bundle);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = Path.Combine(dir.Path, "results.json");
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle, "--json", json, "--html", Path.Combine(dir.Path, "results.html"), "--lang", "en");
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        var results = JsonNode.Parse(File.ReadAllText(json))!;
        return (results["items"]!.AsArray().ToDictionary(i => (string)i!["id"]!, i => i!), results, audit.Stdout);
    }

    static string Sample(string name) => Path.Combine(ModelCases.Sample, name);

    [Fact]
    public void Rows_that_compare_the_vendors_losses_and_overlap_pass_on_the_sample_and_count_as_declared_only()
    {
        using var dir = new TempDir();
        var (rows, results, console) = Audit(dir, ModelCases.SampleModel, Sample("cases"), Sample("labels.csv"));
        foreach (var id in RecordRows)
        {
            var row = rows[id];
            Assert.True((string)row["outcome"]! == "pass", $"{id}: {row.ToJsonString()}");
            var provenance = row["provenance"]!;
            // Measured guards (which log / manifest iq read) beside declared figures: declared only all the same.
            Assert.Contains("measured", provenance["kinds"]!.AsArray().Select(k => (string)k!));
            Assert.True((bool)provenance["declared_only"]!, $"{id} is not declared only: {provenance.ToJsonString()}");
            var facts = provenance["facts"]!.AsArray();
            var compared = facts.Where(f => f!["guard"] is null).ToList();
            Assert.NotEmpty(compared);
            Assert.All(compared, f => Assert.Equal("declared", (string)f!["provenance"]!));
            var guards = facts.Where(f => f!["guard"] is not null).ToList();
            Assert.NotEmpty(guards);
            Assert.All(guards, f => Assert.True((bool)f!["guard"]!));
        }
        Assert.Contains(rows["6.3.1.curve"]["provenance"]!["facts"]!.AsArray(),
            f => (string)f!["path"]! == "measured.training_run.log" && (string)f["provenance"]! == "measured" && f["guard"] is not null);
        Assert.Contains(rows["6.3.7.unseen"]["provenance"]!["facts"]!.AsArray(),
            f => (string)f!["path"]! == "measured.generalization.heldout.manifest" && f["guard"] is not null);
        // Counted in every output that counts: the results' declared_only, the console's list.
        var counted = results["declared_only"]!.AsObject().Sum(o => (int)o.Value!);
        Assert.Equal(rows.Values.Count(r => (bool)r["provenance"]!["declared_only"]!), counted);
        var line = console.Split('\n').Single(l => l.StartsWith("Declared only:", StringComparison.Ordinal));
        Assert.Contains($"Declared only: {counted} ", line);
        Assert.Contains($"<p class=\"declared-only\" data-count=\"{counted}\">", File.ReadAllText(Path.Combine(dir.Path, "results.html")));
        // A row comparing the vendor's claim with a measurement stays measured: the rule is the compared facts, not "any md".
        Assert.False((bool)rows["6.1.identity"]["provenance"]!["declared_only"]!);
    }

    [Fact]
    public void Another_models_training_log_and_manifest_pass_none_of_the_rows_that_rest_on_them()
    {
        // Fresh eyes 7's repro: the digits CNN's log and manifest next to another model. They name the digits CNN.
        using var dir = new TempDir();
        var cls = Path.GetDirectoryName(OtherModel)!;
        var (rows, _, _) = Audit(dir, OtherModel, cls, Path.Combine(cls, "labels.csv"));
        foreach (var id in RecordRows)
        {
            Assert.True((string)rows[id]["outcome"]! == "error", $"{id}: {rows[id].ToJsonString()}");
            Assert.Contains("names model SHA-256 fd9e91b8323ac3bbb7044d49e6412c31861e2a62f5ac6fe21a617171edf995f7, but the model inspected is",
                rows[id]["message"]!.ToString());
        }
    }

    [Fact]
    public void A_log_and_manifest_that_name_no_model_are_not_tied_and_pass_nothing()
    {
        // The sample's own model, its log and manifest without the line naming it: any model's log would read the same.
        using var dir = new TempDir();
        var (rows, _, _) = Audit(dir, ModelCases.SampleModel, Sample("cases"), Sample("labels.csv"),
            t => string.Join('\n', t.Split('\n').Where(l => !l.StartsWith("# model sha256:", StringComparison.Ordinal))));
        foreach (var id in RecordRows)
        {
            Assert.True((string)rows[id]["outcome"]! == "error", $"{id}: {rows[id].ToJsonString()}");
            Assert.Contains("names no model (no '# model sha256: DIGEST' line): not tied to the model inspected", rows[id]["message"]!.ToString());
        }
    }

    [Fact]
    public void The_samples_log_and_manifest_name_the_sample_model_by_its_sha256()
    {
        // The tie the generator writes, checked against sha256sum (a tool nobody here wrote).
        Assert.Equal(0, ModelCases.Run("/usr/bin/sha256sum", [ModelCases.SampleModel], out var sum));
        foreach (var name in new[] { "training-log.csv", "training-manifest.txt" })
            Assert.Equal($"# model sha256: {sum.Split(' ')[0]}", File.ReadLines(Sample(name)).First());
    }
}
