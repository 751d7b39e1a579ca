using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>The files a model description names (source_data.manifest_ref, claims.trainability.loss_curve_ref): a training
/// manifest iq cannot read as SHA-256 digests is an error at its line, never an overlap of 0 that passes 6.3.7.unseen; a
/// reference leaving the description's folder is refused (exit 2), by the rule ONNX external data follows.</summary>
public class DescriptionReferenceTests
{
    /// <summary>The sample's description and training log copied into <paramref name="dir"/>, the description's
    /// <paramref name="field"/> line set to <paramref name="value"/>.</summary>
    static string Description(TempDir dir, string field, string value)
    {
        var text = File.ReadAllText(Path.Combine(ModelCases.Sample, "description.yaml"));
        var old = field == "manifest_ref" ? "manifest_ref: training-manifest.txt" : "loss_curve_ref: training-log.csv";
        Assert.Contains(old, text);
        var path = Path.Combine(dir.Path, "description.yaml");
        File.WriteAllText(path, text.Replace(old, $"{field}: \"{value}\""));
        File.Copy(Path.Combine(ModelCases.Sample, "training-log.csv"), Path.Combine(dir.Path, "training-log.csv"));
        File.Copy(Path.Combine(ModelCases.Sample, "training-manifest.txt"), Path.Combine(dir.Path, "training-manifest.txt"));
        return path;
    }

    static CliRunner.Run Model(string description, string outDir) =>
        CliRunner.InProcess("model", ModelCases.SampleModel, "--description", description, "--cases", Path.Combine(ModelCases.Sample, "cases"),
            "--labels", Path.Combine(ModelCases.Sample, "labels.csv"), "--suite", "generalization", "--resamples", "10", "--out", outDir);

    [Theory]
    [InlineData("hello world\nnot a hash\n", "junk.txt:1: 'hello world' is not a SHA-256 digest")]
    [InlineData("# only a comment\n\n", "junk.txt: lists no SHA-256 digest")]
    [InlineData("", "junk.txt: lists no SHA-256 digest")]
    // One good digest does not make the rest of the file a manifest.
    [InlineData("15d7d61331100863aefd70b8ff838e1a616b2bc5dfbb324068c6ed6bb58454dc\n15d7d61331100863aefd70b8ff838e1a616b2bc5dfbb324068c6ed6bb58454d\n",
        "junk.txt:2: '15d7d61331100863aefd70b8ff838e1a616b2bc5dfbb324068c6ed6bb58454d' is not a SHA-256 digest")]
    [InlineData("15d7d61331100863aefd70b8ff838e1a616b2bc5dfbb324068c6ed6bb58454dz\n", "junk.txt:1: '15d7d61331100863aefd70b8ff838e1a616b2bc5dfbb324068c6ed6bb58454dz' is not")]
    public void A_manifest_that_lists_no_digests_is_an_error_at_its_line_and_6_3_7_unseen_errors(string manifest, string expected)
    {
        using var dir = new TempDir();
        var description = Description(dir, "manifest_ref", "junk.txt");
        File.WriteAllText(Path.Combine(dir.Path, "junk.txt"), manifest);
        var bundle = Path.Combine(dir.Path, "b");
        var run = Model(description, bundle);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!;
        var overlap = facts["generalization"]!["heldout"]!["overlap_count"]!;
        Assert.True(overlap is JsonObject, $"overlap_count is {overlap.ToJsonString()}, not an error");
        Assert.Contains(expected, (string)overlap["$error"]!);

        var json = Path.Combine(dir.Path, "results.json");
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle, "--json", json);
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        var row = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Single(i => (string)i!["id"]! == "6.3.7.unseen")!;
        Assert.Equal("error", (string)row["outcome"]!);
        Assert.Contains(expected, row["reason"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void The_samples_manifest_in_sha256sum_form_counts_the_same_overlap()
    {
        // sha256sum writes "digest  name": the same digests, the same count as the bare form.
        using var dir = new TempDir();
        var description = Description(dir, "manifest_ref", "sums.txt");
        File.WriteAllLines(Path.Combine(dir.Path, "sums.txt"), File.ReadAllLines(Path.Combine(ModelCases.Sample, "training-manifest.txt"))
            .Select((l, i) => l.StartsWith('#') ? l : $"{l}  case-{i}.npy"));
        var a = Path.Combine(dir.Path, "a");
        Assert.Equal(0, Model(description, a).ExitCode);
        using var bare = new TempDir();
        var b = Path.Combine(bare.Path, "b");
        Assert.Equal(0, Model(Description(bare, "manifest_ref", "training-manifest.txt"), b).ExitCode);
        JsonNode Overlap(string bundle) => JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["generalization"]!["heldout"]!["overlap_count"]!;
        Assert.Equal(Overlap(b).ToJsonString(), Overlap(a).ToJsonString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, Overlap(a).GetValueKind());
    }

    [Fact]
    public void The_measurements_name_the_vendors_training_log_and_manifest_with_their_sha256_in_sources()
    {
        // The overlap and the losses are declared on the vendor's files: the document's sources say which bytes (the
        // digests checked against sha256sum, a tool nobody here wrote).
        using var dir = new TempDir();
        var description = Description(dir, "manifest_ref", "training-manifest.txt");
        var bundle = Path.Combine(dir.Path, "b");
        var run = Model(description, bundle);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sources = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["sources"]!.AsArray();
        foreach (var name in new[] { "training-log.csv", "training-manifest.txt" })
        {
            var file = Path.Combine(dir.Path, name);
            Assert.Equal(0, ModelCases.Run("/usr/bin/sha256sum", [file], out var sum));
            var source = sources.Single(s => (string)s!["path"]! == file)!;
            Assert.Equal(sum.Split(' ')[0], (string)source["sha256"]!);
            Assert.Equal(new FileInfo(file).Length, (long)source["size"]!);
        }
    }

    [Theory]
    [InlineData("manifest_ref", "/etc/passwd", "source_data.manifest_ref '/etc/passwd' leaves the description's folder")]
    [InlineData("manifest_ref", "../training-manifest.txt", "source_data.manifest_ref '../training-manifest.txt' leaves the description's folder")]
    [InlineData("loss_curve_ref", "/etc/passwd", "claims.trainability.loss_curve_ref '/etc/passwd' leaves the description's folder")]
    [InlineData("loss_curve_ref", "sub/../../training-log.csv", "claims.trainability.loss_curve_ref 'sub/../../training-log.csv' leaves the description's folder")]
    [InlineData("manifest_ref", "link.txt", "source_data.manifest_ref 'link.txt' is a link that points out of the description's folder")]
    public void A_reference_leaving_the_descriptions_folder_is_refused_and_nothing_is_written(string field, string value, string expected)
    {
        using var outer = new TempDir();
        var inner = new TempDir();
        try
        {
            File.Copy(Path.Combine(ModelCases.Sample, "training-manifest.txt"), Path.Combine(outer.Path, "training-manifest.txt"));
            File.Copy(Path.Combine(ModelCases.Sample, "training-log.csv"), Path.Combine(outer.Path, "training-log.csv"));
            var description = Description(inner, field, value);
            File.CreateSymbolicLink(Path.Combine(inner.Path, "link.txt"), Path.Combine(outer.Path, "training-manifest.txt"));
            var bundle = Path.Combine(outer.Path, "b");
            var run = Model(description, bundle);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(expected, run.Stderr);
            Assert.False(Directory.Exists(bundle) && Directory.EnumerateFileSystemEntries(bundle).Any(), "something was written");
        }
        finally { inner.Dispose(); }
    }
}
