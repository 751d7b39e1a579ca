using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;
using Iq.Engine.Model;
using Iq.Engine.Model.Onnx;
using CsCheck;

namespace Iq.Tests;

/// <summary>Where the 001 sample and the model test cases are, and the independent tools the tests compare with.</summary>
static class ModelCases
{
    public static string Sample => Path.Combine(TestPaths.Checklists, "samples", "model-digits");

    /// <summary>The sample's judgments into <paramref name="folder"/> with their seal: a bundle's attestations document judges
    /// only when its seal holds (docs/trust.md).</summary>
    public static void CopyAttestations(string folder)
    {
        foreach (var f in new[] { "attestations.json", "attestations.json.seal" })
            File.Copy(Path.Combine(Sample, f), Path.Combine(folder, f), true);
    }
    public static string SampleModel => Path.Combine(Sample, "digits-cnn.onnx");
    public static string Cases => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "model");
    public static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-ptm.iq");

    /// <summary>Debian's python3 with python3-onnx and python3-numpy. Absent: the test skips and says what to install,
    /// except in CI (CI=true), where ./test installs them and a skip would hide a missing oracle.</summary>
    public static void RequirePythonOnnx()
    {
        var ok = File.Exists("/usr/bin/python3") && Run("/usr/bin/python3", ["-c", "import onnx, numpy"], out _) == 0;
        if (!ok && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("python3-onnx and python3-numpy are needed (apt-get install python3-onnx python3-numpy; ./test installs them)");
        Skip.IfNot(ok, "python3-onnx is not installed (apt-get install python3-onnx python3-numpy); the comparison with the onnx package is skipped");
    }

    public static int Run(string file, IEnumerable<string> args, out string stdout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(true); throw new TimeoutException($"{file} did not finish"); }
        stdout = output.Result;
        _ = error.Result;
        return p.ExitCode;
    }

    /// <summary>The one row of the sample whose outcome depends on the host, not the model: 6.3.2.sweep compares the
    /// measured gain from more threads with the sample's claim that its CNN does not scale (below contradicting_speedup,
    /// 1.5). On a 2-core machine that gain read 0.96-1.22 under load and 1.62 idle, so the claim is true on one host and
    /// false on another, and the row is right both times. What a test can hold is that the row follows the measurement:
    /// the expected outcome here is read from model_measurements.json itself, not from the audit.</summary>
    public const string HostTimedRow = "6.3.2.sweep";

    public static string HostTimedOutcome(string bundle)
    {
        var measured = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!;
        var speedup = measured["facts"]!["efficiency"]!["thread_speedup"]!.GetValue<double>();
        return speedup < 1.5 ? "pass" : "fail";
    }

    /// <summary>The ResNet-18 export (make_resnet18.py), unzipped into <paramref name="dir"/>.</summary>
    public static string ResNet18(TempDir dir)
    {
        var path = Path.Combine(dir.Path, "resnet18.onnx");
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Cases, "resnet18.onnx.gz")), CompressionMode.Decompress);
        using var file = File.Create(path);
        gz.CopyTo(file);
        return path;
    }

    public static JsonObject Measure(TempDir dir, string description, params string[] extra)
    {
        // A process of its own: peak_memory is the measuring process's peak working set, which in the test host would be
        // the whole test run's (6.3.4b.memory compared the claim with that and failed under load).
        var run = CliRunner.Process(["model", SampleModel, "--description", Path.Combine(Sample, description), "--cases", Path.Combine(Sample, "cases"),
            "--labels", Path.Combine(Sample, "labels.csv"), "--out", dir.Path, "--iterations", "20", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "model_measurements.json")))!["facts"]!.AsObject();
    }
}

/// <summary>ONNX inspection against the onnx Python package (python3-onnx): the sample and a torchvision ResNet-18.</summary>
public class ModelInspectionTests
{
    static void AgreesWithOnnx(string model)
    {
        ModelCases.RequirePythonOnnx();
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", [Path.Combine(ModelCases.Cases, "onnx_oracle.py"), model], out var json));
        var expected = JsonNode.Parse(json)!.AsObject();
        var actual = OnnxInspector.Inspect(model);
        foreach (var key in new[] { "file", "ir_version", "producer", "model_version", "doc_string", "opsets", "metadata" })
            Assert.True(JsonNode.DeepEquals(expected[key], actual[key]), $"{key}: onnx says {expected[key]?.ToJsonString()}, iq says {actual[key]?.ToJsonString()}");
        foreach (var key in new[] { "node_count", "op_types", "initializer_count", "parameter_count", "parameter_bytes", "parameters_by_type", "inputs", "outputs" })
        {
            var a = actual["graph"]![key]!.DeepClone();
            if (a is JsonArray values) foreach (var v in values) v!.AsObject().Remove("kind");
            Assert.True(JsonNode.DeepEquals(expected["graph"]![key], a), $"graph.{key}: onnx says {expected["graph"]![key]?.ToJsonString()}, iq says {a.ToJsonString()}");
        }
        Assert.Equal((double)expected["macs"]!["total"]!, (double)actual["macs"]!["total"]!);
        Assert.True(JsonNode.DeepEquals(expected["macs"]!["by_op"], actual["macs"]!["by_op"]), actual["macs"]!["by_op"]!.ToJsonString());
        Assert.Empty(actual["macs"]!["uncovered_ops"]!.AsArray());
    }

    [SkippableFact]
    public void The_sample_agrees_with_the_onnx_package() => AgreesWithOnnx(ModelCases.SampleModel);

    [SkippableFact]
    public void ResNet18_agrees_with_the_onnx_package()
    {
        using var dir = new TempDir();
        AgreesWithOnnx(ModelCases.ResNet18(dir));
    }

    [Fact]
    public void ResNet18_figures()
    {
        // Known figures of the architecture: 11,684,712 parameters once batch norm is folded into the convolutions by the
        // exporter, 1.814 GMACs at 224×224 (torchvision reports 1.81 GFLOPS as multiply-adds).
        using var dir = new TempDir();
        var facts = OnnxInspector.Inspect(ModelCases.ResNet18(dir));
        Assert.Equal(11_684_712, (long)facts["graph"]!["parameter_count"]!);
        Assert.Equal(1_814_073_344, (double)facts["macs"]!["total"]!);
        Assert.Equal(1, (long)facts["macs"]!["bindings"]!["batch"]!);
        Assert.Equal(["Relu"], facts["graph"]!["activation_functions"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void The_model_document_is_a_valid_fact_document()
    {
        using var dir = new TempDir();
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("7 nodes, 3818 parameters, opset 13, ~80896 MACs per inference", run.Stdout);
        var bundle = FactBundleReader.Load([dir.Path], FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
        Assert.Single(bundle.Inputs);
    }
}

/// <summary>The A.10 metrics, the bootstrap and the perturbations against PyTorch and numpy (make_sample.py wrote them).</summary>
public class ModelMeasurementTests
{
    static JsonObject Reference => JsonNode.Parse(File.ReadAllText(Path.Combine(ModelCases.Cases, "digits-reference.json")))!.AsObject();

    /// <summary>Dice, IoU and pixel accuracy with per-case bootstrap intervals, against numpy over the model evaluated from
    /// its weights (not by ONNX Runtime), with the same SplitMix64 resamples; a checklist reads the interval.</summary>
    [SkippableFact]
    public void Segmentation_metrics_and_their_bootstrap_intervals_equal_numpy()
    {
        ModelCases.RequirePythonOnnx();
        var seg = Path.Combine(TestPaths.Cases, "baseline", "seg");
        using var dir = new TempDir();
        var run = CliRunner.InProcess("model", Path.Combine(seg, "segmenter.onnx"), "--cases", seg, "--labels", Path.Combine(seg, "labels.csv"),
            "--task", "segmentation", "--suite", "performance", "--resamples", "1000", "--seed", "20261122", "--iterations", "5", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var performance = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "model_measurements.json")))!["facts"]!["performance"]!;
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", [Path.Combine(ModelCases.Cases, "seg_bootstrap_oracle.py"), Path.Combine(seg, "segmenter.onnx"),
            seg, Path.Combine(seg, "labels.csv"), "1000", "20261122", "0.95"], out var stdout));
        var oracle = JsonNode.Parse(stdout)!["metrics"]!;
        foreach (var m in new[] { "dice", "iou", "pixel_accuracy" })
            foreach (var bound in new[] { "value", "ci_low", "ci_high" })
                Assert.Equal((double)oracle[m]![bound]!, (double)performance["metrics"]![m]![bound]!, 12);
        Assert.True((double)performance["metrics"]!["dice"]!["ci_low"]! < (double)performance["metrics"]!["dice"]!["ci_high"]!);
        Assert.Equal(1000, (int)performance["bootstrap"]!["resamples"]!);

        // The performance-claim items read the interval's upper end: it is evidence now, not missing.
        var explain = CliRunner.InProcess("explain", "measured.performance.metrics[\"dice\"].ci_high >= 0", "--checklist", ModelCases.Checklist, "--facts", dir.Path);
        Assert.True(explain.ExitCode == 0, explain.Stderr + explain.Stdout);
        Assert.Contains("true", explain.Stdout);
    }

    [Fact]
    public void Metrics_from_the_confusion_matrix_equal_numpy_over_torch_logits()
    {
        var reference = Reference;
        using var dir = new TempDir();
        var facts = ModelCases.Measure(dir, "description.yaml", "--suite", "performance", "--resamples", "1000");
        var performance = facts["performance"]!;
        Assert.True(JsonNode.DeepEquals(reference["confusion"], performance["confusion"]), performance["confusion"]!.ToJsonString());
        foreach (var m in new[] { "accuracy", "precision", "recall", "f1" })
        {
            Assert.Equal((double)reference["metrics"]![m]!, (double)performance["metrics"]![m]!["value"]!, 12);
            // The same SplitMix64 resamples drawn in Python: the same interval, exactly.
            Assert.Equal((double)reference["bootstrap"]!["ci"]![m]![0]!, (double)performance["metrics"]![m]!["ci_low"]!, 12);
            Assert.Equal((double)reference["bootstrap"]!["ci"]![m]![1]!, (double)performance["metrics"]![m]!["ci_high"]!, 12);
        }
        var perClass = performance["per_class"]!.AsArray();
        for (var k = 0; k < 10; k++)
            foreach (var m in new[] { "precision", "recall", "f1" })
                Assert.Equal((double)reference["per_class"]![k]![m]!, (double)perClass[k]![m]!, 12);
    }

    [Fact]
    public void Onnx_runtime_logits_equal_torch_logits()
    {
        var reference = Reference;
        using var runner = new BaselineRunner(new BaselineOptions { Model = ModelCases.SampleModel, Cases = Path.Combine(ModelCases.Sample, "cases") });
        var cases = runner.LoadCases().ToDictionary(c => c.Name);
        var names = reference["cases"]!.AsArray().Select(n => (string)n!).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var y = runner.Output(BaselineRunner.Feed(cases[names[i]]));
            var expected = reference["logits"]![i]!.AsArray().Select(v => (double)v!).ToArray();
            for (var k = 0; k < 10; k++) Assert.True(Math.Abs(expected[k] - y[k]) < 1e-4, $"{names[i]}[{k}]: torch {expected[k]}, onnxruntime {y[k]}");
            Assert.Equal((int)reference["predictions"]![i]!, Metrics.ArgMax(y));
        }
    }

    [Fact]
    public void Seeded_measurements_are_reproducible_run_to_run()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var first = ModelCases.Measure(a, "description.yaml", "--suite", "performance,robustness,generalization,adversarial", "--attack-cases", "20", "--queries", "20");
        var second = ModelCases.Measure(b, "description.yaml", "--suite", "performance,robustness,generalization,adversarial", "--attack-cases", "20", "--queries", "20");
        foreach (var suite in new[] { "performance", "robustness", "generalization", "adversarial" })
            Assert.True(JsonNode.DeepEquals(first[suite], second[suite]), $"{suite} differs between two runs with the same seed");
        // Another seed draws other resamples.
        using var c = new TempDir();
        var third = ModelCases.Measure(c, "description.yaml", "--suite", "performance", "--seed", "7");
        Assert.False(JsonNode.DeepEquals(first["performance"]!["metrics"], third["performance"]!["metrics"]));
    }

    [Fact]
    public void Deterministic_perturbations_give_what_torch_gave()
    {
        // make_sample.py applied the same definitions with numpy and ran PyTorch: contrast, brightness and blur are
        // deterministic, so the accuracies agree (up to one near-tie case of 450 between the two runtimes).
        var vendor = Reference["vendor_measurements"]!;
        using var dir = new TempDir();
        var facts = ModelCases.Measure(dir, "description.yaml", "--suite", "robustness");
        double At(string name, double level) => (double)facts["robustness"]!["perturbations"]!.AsArray()
            .First(p => (string)p!["name"]! == name && (double)p["level"]! == level)!["metric"]!;
        Assert.Equal((double)vendor["ROB_CONTRAST"]!, At("contrast", 0.5), 1.0 / 450 + 1e-12);
        Assert.Equal((double)vendor["ROB_BRIGHT"]!, At("brightness", 0.2), 1.0 / 450 + 1e-12);
        Assert.Equal((double)vendor["ROB_BLUR"]!, At("box_blur", 3), 1.0 / 450 + 1e-12);
        Assert.Equal((double)vendor["NATURAL"]!, (double)facts["robustness"]!["natural_noise"]!["metric"]!, 12);
        Assert.Equal((double)vendor["OOD_REJECT"]!, (double)facts["robustness"]!["ood"]!["rejection_rate"]!, 12);
    }

    [Fact]
    public void Perturbation_formulas()
    {
        float[] x = [0, 0.5f, 1, 0.25f];
        int[] shape = [1, 2, 2];
        Assert.Equal([0.25f, 0.5f, 0.75f, 0.375f], Perturbations.Apply("contrast", 0.5, x, shape, 0, 1));
        Assert.Equal([0.2f, 0.7f, 1, 0.45f], Perturbations.Apply("brightness", 0.2, x, shape, 0, 1));
        // 3×3 box with edges replicated: each output is the mean of a 3×3 window over the padded 2×2 image
        var blurred = Perturbations.Apply("box_blur", 3, x, shape, 0, 1);
        Assert.Equal((4 * 0 + 2 * 0.5 + 2 * 1 + 0.25) / 9.0, blurred[0], 6); // x[0][0] ×4, x[0][1] ×2, x[1][0] ×2, x[1][1] ×1
        Assert.Throws<ArgumentException>(() => Perturbations.Apply("box_blur", 2, x, shape, 0, 1));
        var a = Perturbations.Apply("gaussian_noise", 0.1, x, shape, 0, 1, new SplitMix64(1));
        var b = Perturbations.Apply("gaussian_noise", 0.1, x, shape, 0, 1, new SplitMix64(1));
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void SplitMix64_is_the_published_generator()
    {
        // Reference values of SplitMix64 seeded with 1234567 (from the reference C implementation by Vigna).
        var r = new SplitMix64(1234567);
        Assert.Equal(6457827717110365317UL, r.Next());
        Assert.Equal(3203168211198807973UL, r.Next());
        Assert.Equal(9817491932198370423UL, r.Next());
    }

    [Fact]
    public void Chi_square_and_auroc()
    {
        // 2×2 table [[10, 10], [20, 0]]: chi-square 13.33 with 1 degree of freedom, p = 2.6e-4 (scipy.stats.chi2_contingency, correction=False).
        Assert.Equal(0.000260645, Metrics.ChiSquarePValue([(10, 10), (20, 0)]), 6);
        Assert.Equal(1.0, Metrics.Auroc([0.9, 0.8], [0.1, 0.2]));
        Assert.Equal(0.5, Metrics.Auroc([0.5], [0.5]));
    }
}

/// <summary>The 001 audit of the sample: the truthful description passes; each planted error fails the item for it, naming the field.</summary>
public class ModelAuditTests
{
    static (int Exit, JsonObject Results) Audit(TempDir bundle)
    {
        ModelCases.CopyAttestations(bundle.Path);
        var json = Path.Combine(bundle.Path, "..", Path.GetFileName(bundle.Path) + "-results.json");
        var run = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle.Path, "--json", json);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr + run.Stdout);
        var results = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        File.Delete(json);
        return (run.ExitCode, results);
    }

    static IEnumerable<JsonObject> Items(JsonObject results) => results["items"]!.AsArray().Select(i => i!.AsObject());

    [Fact]
    public void The_truthful_sample_passes()
    {
        using var dir = new TempDir();
        ModelCases.Measure(dir, "description.yaml", "--attack-cases", "100");
        var (exit, results) = Audit(dir);
        var bad = Items(results).Where(i => (string)i["id"]! != ModelCases.HostTimedRow && (string)i["outcome"]! is "fail" or "error")
            .Select(i => $"{i["id"]}: {i["message"]}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        // The host-timed row follows the measurement; the verdict and exit follow that row (a shall item).
        var timed = ModelCases.HostTimedOutcome(dir.Path);
        Assert.Equal(timed, (string)Items(results).Single(i => (string)i["id"]! == ModelCases.HostTimedRow)["outcome"]!);
        Assert.Equal(timed == "pass" ? 0 : 1, exit);
        Assert.Equal(timed, (string)results["verdict"]!);
    }

    [Fact]
    public void Each_planted_error_fails_its_item_and_names_the_field()
    {
        using var dir = new TempDir();
        ModelCases.Measure(dir, "description-planted.yaml", "--suite", "performance");
        var (exit, results) = Audit(dir);
        Assert.Equal(1, exit);
        var failed = Items(results).Where(i => (string)i["outcome"]! is "fail" or "error").ToDictionary(i => (string)i["id"]!);
        (string Item, string Field)[] planted =
        [
            ("4.2.3.count", "md.architecture.parameters.total_count"),          // wrong parameter count
            ("4.5.2.measured[digit classification]", "e.value"),               // inflated accuracy: the claimed value, against the measured interval
            ("4.2.4b.shape[image]", "i.shape"),                                // wrong input shape
            ("4.3.2.differences", "md.source_data.split.distribution_differences"), // a missing chapter-4 field
        ];
        foreach (var (item, field) in planted)
        {
            Assert.True(failed.TryGetValue(item, out var row), $"{item} did not fail; failed: {string.Join(", ", failed.Keys)}");
            Assert.Equal("fail", (string)row!["outcome"]!);
            Assert.Contains(field, row["evidence"]!.AsArray().Select(e => (string)e!["expression"]!).First());
        }
        Assert.Contains("[\"N\", 1, 28, 28]", failed["4.2.4b.shape[image]"]["evidence"]![0]!["actual"]!.ToString());
        Assert.Equal("0.999", (string)failed["4.5.2.measured[digit classification]"]["evidence"]![0]!["actual"]!);
    }
}

/// <summary>Corrupt and hostile inputs: exit 2 with what is wrong, never a crash, never a pass.</summary>
public class ModelHostileInputTests
{
    static string Error(params string[] args)
    {
        var run = CliRunner.InProcess(["model", .. args, "--out", Path.Combine(Path.GetTempPath(), "iq-never-written")]);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "iq-never-written")));
        return run.Stderr.Trim();
    }

    static string Write(TempDir dir, ModelProto model, string name = "m.onnx")
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    static ModelProto Minimal(params TensorProto[] initializers)
    {
        var g = new GraphProto { Name = "g" };
        g.Initializer.AddRange(initializers);
        var m = new ModelProto { IrVersion = 8, Graph = g };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return m;
    }

    [Fact]
    public void A_truncated_model_is_an_error()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(ModelCases.SampleModel);
        var path = Path.Combine(dir.Path, "cut.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.StartsWith($"iq: error IQ4007: {path}: not a readable ONNX model: ", Error(path));
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_an_error()
    {
        var labels = Path.Combine(ModelCases.Sample, "labels.csv");
        Assert.StartsWith($"iq: error IQ4007: {labels}: not", Error(labels));
        Assert.Equal("iq: error IQ4007: nope.onnx: model file not found", Error("nope.onnx"));
    }

    [Fact]
    public void Huge_declared_dimensions_without_data_are_an_error()
    {
        using var dir = new TempDir();
        var t = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange([1L << 40, 1L << 40]);
        Assert.Equal($"iq: error IQ4007: {Path.Combine(dir.Path, "m.onnx")}: initializer 'w' declares dimensions [1099511627776, 1099511627776] whose product overflows 64 bits",
            Error(Write(dir, Minimal(t))));
        var u = new TensorProto { Name = "u", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(new byte[8]) };
        u.Dims.AddRange([1000, 1000]);
        Assert.Equal($"iq: error IQ4007: {Path.Combine(dir.Path, "m.onnx")}: initializer 'u' declares dimensions [1000, 1000] of float32, which need 4000000 raw_data bytes; the file stores 8",
            Error(Write(dir, Minimal(u))));
        var n = new TensorProto { Name = "n", DataType = (int)TensorProto.Types.DataType.Float };
        n.Dims.Add(-3);
        Assert.Equal($"iq: error IQ4007: {Path.Combine(dir.Path, "m.onnx")}: initializer 'n' declares a negative dimension (-3)", Error(Write(dir, Minimal(n))));
    }

    [Fact]
    public void External_data_leaving_the_folder_is_an_error()
    {
        using var dir = new TempDir();
        var t = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        t.Dims.Add(4);
        t.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "../../etc/passwd" });
        Assert.Equal($"iq: error IQ4007: {Path.Combine(dir.Path, "m.onnx")}: initializer 'w': external data location '../../etc/passwd' leaves the model's folder",
            Error(Write(dir, Minimal(t))));
        t.ExternalData[0].Value = "/etc/passwd";
        Assert.Contains("external data location '/etc/passwd' leaves the model's folder", Error(Write(dir, Minimal(t))));
        // Inside the folder but absent: inspected, and the status says so (6.3.9.graph then fails).
        t.ExternalData[0].Value = "weights.bin";
        var facts = OnnxInspector.Inspect(Write(dir, Minimal(t)));
        Assert.Equal("missing", (string)facts["graph"]!["external_data"]![0]!["status"]!);
    }

    [Fact]
    public void Deeply_nested_subgraphs_are_an_error()
    {
        using var dir = new TempDir();
        var inner = new GraphProto { Name = "leaf" };
        for (var i = 0; i < 200; i++)
        {
            var node = new NodeProto { OpType = "If" };
            node.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = inner });
            inner = new GraphProto { Name = $"g{i}" };
            inner.Node.Add(node);
        }
        var m = new ModelProto { IrVersion = 8, Graph = inner };
        var path = Path.Combine(dir.Path, "deep.onnx");
        File.WriteAllBytes(path, m.ToByteArray());
        Assert.StartsWith($"iq: error IQ4007: {path}: not a readable ONNX model: ", Error(path));
    }

    [Fact]
    public void A_lying_npy_header_is_an_error()
    {
        using var dir = new TempDir();
        var cases = Directory.CreateDirectory(Path.Combine(dir.Path, "cases")).FullName;
        var bytes = File.ReadAllBytes(Path.Combine(ModelCases.Sample, "cases", "t000.npy"));
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        File.WriteAllBytes(Path.Combine(cases, "t000.npy"), System.Text.Encoding.Latin1.GetBytes(text.Replace("(1, 1, 8, 8)", "(9, 1, 8, 8)")));
        Assert.Contains("data bytes, but shape (9, 1, 8, 8) of <f4 needs 2304", Error(ModelCases.SampleModel, "--cases", cases));
    }

    [Fact]
    public void A_description_with_an_unknown_field_names_line_column_and_a_suggestion()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "d.yaml");
        File.WriteAllText(path, "schema_version: \"001-draft-1\"\nidentity:\n  nmae: x\n  version: 1.0\n");
        Assert.Equal($"{path}:3:3: error IQ4003: unknown member 'nmae' of identity; did you mean 'name'? at $.identity.nmae",
            Error(ModelCases.SampleModel, "--description", path));
        File.WriteAllText(path, "identity: &a {name: x}\nintended_use: *a\n");
        Assert.Contains("Anchors and aliases are not allowed", Error(ModelCases.SampleModel, "--description", path));
        File.WriteAllText(path, "identity:\n  version: [1\n");
        Assert.StartsWith($"{path}:", Error(ModelCases.SampleModel, "--description", path));
        // Found by the property test below: YamlDotNet throws ArgumentException, not YamlException, on a stray alias.
        File.WriteAllText(path, "architecture:\n  activation_functions: [Relu]*&\n");
        Assert.Contains("Malformed YAML: an alias (*) or anchor (&)", Error(ModelCases.SampleModel, "--description", path));
        // A plain 1.0 where a string is expected is the string "1.0", as written.
        File.WriteAllText(path, "identity:\n  version: 1.0\n");
        Assert.Equal("1.0", (string)DescriptionReader.Read(path).Facts!["identity"]!["version"]!);
    }

    [Fact]
    public void The_template_reads_back()
    {
        using var dir = new TempDir();
        var template = Path.Combine(dir.Path, "t.yaml");
        Assert.Equal(0, CliRunner.InProcess("model-template", "-o", template).ExitCode);
        var (facts, diagnostics) = DescriptionReader.Read(template);
        Assert.True(facts is not null, string.Join("\n", diagnostics));
    }

    [Fact]
    public void Nan_outputs_make_the_metrics_errors_never_a_pass()
    {
        // A model whose logits are NaN: Sqrt(−|x| − 1).
        using var dir = new TempDir();
        var g = new GraphProto { Name = "nan" };
        g.Node.Add(new NodeProto { OpType = "Flatten", Input = { "image" }, Output = { "f" } });
        g.Node.Add(new NodeProto { OpType = "Abs", Input = { "f" }, Output = { "a" } });
        g.Node.Add(new NodeProto { OpType = "Neg", Input = { "a" }, Output = { "n" } });
        g.Node.Add(new NodeProto { OpType = "Sqrt", Input = { "n" }, Output = { "logits" } });
        g.Input.Add(Value("image", "N", 1, 8, 8));
        g.Output.Add(Value("logits", "N", 64));
        var m = new ModelProto { IrVersion = 8, Graph = g };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        var model = Write(dir, m, "nan.onnx");
        var run = CliRunner.InProcess("model", model, "--cases", Path.Combine(ModelCases.Sample, "cases"), "--labels", Path.Combine(ModelCases.Sample, "labels.csv"),
            "--suite", "performance", "--out", dir.Path, "--resamples", "10");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "model_measurements.json")))!["facts"]!;
        Assert.True((double)doc["smoke"]!["nan"]! > 0);
        Assert.StartsWith("case '", (string)doc["performance"]!["metrics"]!["accuracy"]!["value"]!["$error"]!);
        var bundle = FactBundleReader.Load([dir.Path], FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
    }

    static ValueInfoProto Value(string name, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = (int)d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }

    static NodeProto Node(string name, string op, string[] inputs, string[] outputs)
    {
        var n = new NodeProto { Name = name, OpType = op };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        return n;
    }

    [Fact]
    public void A_cycle_is_found_by_its_nodes_and_an_unsorted_acyclic_graph_is_none()
    {
        // Nodes listed out of order (C reads B's output, B reads A's) but acyclic: ONNX's checker wants them sorted; iq
        // names no cycle, as there is none (ONNX Runtime sorts them itself).
        var unsorted = new GraphProto();
        unsorted.Node.Add(Node("C", "Relu", ["b"], ["y"]));
        unsorted.Node.Add(Node("B", "Relu", ["a"], ["b"]));
        unsorted.Node.Add(Node("A", "Relu", ["x"], ["a"]));
        Assert.Null(OnnxInspector.Cycle(unsorted));

        // A node that reads its own output.
        var self = new GraphProto();
        self.Node.Add(Node("S", "Add", ["x", "s"], ["s"]));
        Assert.Equal([0, 0], OnnxInspector.Cycle(self));

        // A ring of three below a node that only waits on it (D), after an acyclic head (0): the ring, from its first node.
        var ring = new GraphProto();
        ring.Node.Add(Node("head", "Relu", ["x"], ["h"]));
        ring.Node.Add(Node("D", "Relu", ["r3"], ["d"]));
        ring.Node.Add(Node("R1", "Add", ["h", "r3"], ["r1"]));
        ring.Node.Add(Node("R2", "Relu", ["r1"], ["r2"]));
        ring.Node.Add(Node("R3", "Relu", ["r2"], ["r3"]));
        Assert.Equal([2, 3, 4, 2], OnnxInspector.Cycle(ring));
    }
}

/// <summary>Property tests of the 001 readers: mutated ONNX files, descriptions and label files give a result or a clear
/// error (ModelInputException, diagnostics, BaselineInputException), never another exception.</summary>
public class ModelPropertyTests
{
    static readonly byte[] Onnx = File.ReadAllBytes(ModelCases.SampleModel);
    static readonly string Description = File.ReadAllText(Path.Combine(ModelCases.Sample, "description.yaml"));

    [Fact]
    public void Mutated_onnx_files_are_inspected_or_refused_clearly()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "m.onnx");
        // Edits: overwrite a byte, cut the file, or splice a run of random bytes — anywhere in the file.
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, Onnx.Length - 1], Gen.Byte, Gen.Int[1, 64]);
        Gen.Select(edit.Array[1, 8], Gen.Int).Sample((edits, seed) =>
        {
            var bytes = new List<byte>(Onnx);
            var rng = new Random(seed);
            foreach (var (kind, at, value, length) in edits)
            {
                var i = Math.Min(at, Math.Max(0, bytes.Count - 1));
                switch (kind)
                {
                    case 0: if (bytes.Count > 0) bytes[i] = value; break;
                    case 1: bytes.RemoveRange(i, bytes.Count - i); break;
                    default: bytes.InsertRange(i, Enumerable.Range(0, length).Select(_ => (byte)rng.Next(256))); break;
                }
            }
            File.WriteAllBytes(path, bytes.ToArray());
            try { return OnnxInspector.Inspect(path)["graph"] is not null; }
            catch (ModelInputException e) { return e.Message.StartsWith(path + ": ", StringComparison.Ordinal); }
        }, iter: 400);
    }

    [Fact]
    public void Mutated_descriptions_are_read_or_refused_with_positions()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "d.yaml");
        var lines = Description.Split('\n');
        var edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, lines.Length - 1], Gen.Int[0, 200], Gen.String[0, 12]);
        edit.Array[1, 5].Sample(edits =>
        {
            var l = lines.ToList();
            foreach (var (kind, at, col, text) in edits)
            {
                var i = Math.Min(at, l.Count - 1);
                if (i < 0) break;
                switch (kind)
                {
                    case 0: l[i] = l[i][..Math.Min(col, l[i].Length)] + text + l[i][Math.Min(col, l[i].Length)..]; break;
                    case 1: l.RemoveAt(i); break;
                    case 2: l.Insert(i, l[Math.Min(col, l.Count - 1)]); break;
                    default: l[i] = l[i][..Math.Min(col, l[i].Length)]; break;
                }
            }
            File.WriteAllText(path, string.Join('\n', l));
            var (facts, diagnostics) = DescriptionReader.Read(path);
            return facts is not null && diagnostics.Count == 0
                   || facts is null && diagnostics.Count > 0 && diagnostics.All(d => d.Span.File == path && d.Span.Line >= 1 && d.Span.Column >= 1);
        }, iter: 400);
    }

    [Fact]
    public void Mutated_label_files_are_read_or_refused_with_the_line()
    {
        using var dir = new TempDir();
        var labels = Path.Combine(dir.Path, "labels.csv");
        var original = File.ReadAllLines(Path.Combine(ModelCases.Sample, "labels.csv"));
        using var runner = new BaselineRunner(new BaselineOptions { Model = ModelCases.SampleModel, Cases = Path.Combine(ModelCases.Sample, "cases"), Labels = labels });
        var cases = runner.LoadCases();
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.String[0, 20], Gen.Int[0, 3]).Array[1, 4].Sample(edits =>
        {
            var l = original.ToList();
            foreach (var (at, text, kind) in edits)
                if (kind == 0) l[at] = text; else if (kind == 1) l[at] += text; else l.Insert(at, text);
            File.WriteAllLines(labels, l);
            try { return runner.LoadLabelRows(cases).Count > 0 || l.Skip(1).All(x => x.Trim().Length == 0); }
            catch (BaselineInputException e) { return e.Message.StartsWith(labels + ":", StringComparison.Ordinal); }
        }, iter: 300);
    }
}

/// <summary>001 Annex B written as a description: the standard's own example is incomplete against chapter 4 (§D-26 of
/// the reading), and each gap fails its completeness item, naming the missing field.</summary>
public class AnnexBDescriptionTests
{
    [Fact]
    public void Annex_b_fails_the_completeness_items_for_what_it_leaves_out()
    {
        using var dir = new TempDir();
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--description", Path.Combine(ModelCases.Cases, "annex-b.yaml"), "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        File.Delete(Path.Combine(dir.Path, "model.json")); // the description alone: no model of Annex B exists
        // Beside the bundle, not in it: no output goes into a folder the run reads.
        using var results = new TempDir();
        var json = Path.Combine(results.Path, "results.json");
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", dir.Path, "--json", json);
        Assert.Equal(1, audit.ExitCode);
        var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => (string)i["id"]!);
        (string Item, string Field)[] gaps =
        [
            ("4.1.version", "md.identity.version"),
            ("4.3.1.simulated", "md.source_data.simulated_data.used"),
            ("4.3.2.differences", "md.source_data.split.distribution_differences"),
            ("4.3.3.quality", "md.source_data.quality.accuracy"),
            ("4.5.2.scope", "md.applicability.domain_similarity"),
            ("4.5.2.expected", "md.applicability.expected_performance"),
            ("4.5.3", "md.environment.training.hardware.cpu"),
        ];
        foreach (var (item, field) in gaps)
        {
            Assert.Equal("fail", (string)items[item]["outcome"]!);
            Assert.Contains(field, string.Join(" ", items[item]["evidence"]!.AsArray().Select(e => (string)e!["expression"]!)));
        }
        // What Annex B does give passes: the structure (4.2.1), the training task domain (4.4.3), the modality (4.3.1).
        foreach (var item in new[] { "4.2.1.structure", "4.4.3", "4.3.1.modality", "4.2.5" })
            Assert.Equal("pass", (string)items[item]["outcome"]!);
    }
}

/// <summary>5.2.6 i): a claim that the model predicts on out-of-distribution data (the clause's "拟合能力") is compared by
/// the accuracy on the labelled cases tagged ood, against PyTorch's predictions (digits-reference.json); a claim that it
/// detects or rejects them (A.12.2 b)) by the rejection rate or the AUROC; a claim whose metric is not its behaviour's is
/// refused. Before, every claim was compared by the rejection rate or the AUROC, predict included: a model predicting on
/// OOD data as claimed was judged by how often it refused to.</summary>
public class ModelOodClaimTests
{
    [Fact]
    public void A_predict_claim_is_compared_by_the_accuracy_on_the_labelled_ood_cases()
    {
        using var dir = new TempDir();
        // Twelve labelled test cases tagged ood as well: the six PyTorch gets wrong and six it gets right.
        var reference = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelCases.Cases, "digits-reference.json")))!.AsObject();
        var cases = reference["cases"]!.AsArray().Select(c => (string)c!).ToList();
        var labels = reference["labels"]!.AsArray().Select(l => (int)l!).ToList();
        var predictions = reference["predictions"]!.AsArray().Select(p => (int)p!).ToList();
        var wrong = Enumerable.Range(0, cases.Count).Where(i => labels[i] != predictions[i]).ToList();
        var right = Enumerable.Range(0, cases.Count).Where(i => labels[i] == predictions[i]).Take(wrong.Count).ToList();
        var shifted = wrong.Concat(right).Select(i => cases[i]).ToHashSet();
        var expected = (double)right.Count / shifted.Count;
        var labelsCsv = Path.Combine(dir.Path, "labels.csv");
        File.WriteAllLines(labelsCsv, File.ReadAllLines(Path.Combine(ModelCases.Sample, "labels.csv"))
            .Select(l => l.Split(',') is var f && shifted.Contains(f[0]) ? $"{f[0]},{f[1]},{f[2]},ood" : l));
        var bundle = Path.Combine(dir.Path, "bundle");
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--description", Path.Combine(ModelCases.Sample, "description.yaml"),
            "--cases", Path.Combine(ModelCases.Sample, "cases"), "--labels", labelsCsv, "--suite", "robustness", "--out", bundle);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var ood = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["robustness"]!["ood"]!;
        Assert.Equal(shifted.Count, (int)ood["labelled"]!);
        Assert.Equal(expected, (double)ood["accuracy"]!, 12);

        string Audit(string behaviour, string metric, double value, out int exit, out string stderr)
        {
            var path = Path.Combine(bundle, "model_description.json");
            var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            doc["facts"]!["claims"]!["robustness"]!["ood"] = new JsonObject
            {
                ["expected_behaviour"] = behaviour, ["metric"] = metric, ["expected_value"] = value,
            };
            File.WriteAllText(path, doc.ToJsonString());
            var json = Path.Combine(dir.Path, "results.json");
            if (File.Exists(json)) File.Delete(json);
            var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle, "--json", json);
            (exit, stderr) = (audit.ExitCode, audit.Stderr);
            if (!File.Exists(json)) return "";
            return JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Single(i => (string)i!["id"]! == "6.3.6i")!["outcome"]!.ToString();
        }
        // ood_tolerance 0.05: a claim at the measured accuracy holds, one 0.1 above it does not.
        Assert.Equal("pass", Audit("predict", "accuracy", expected, out _, out _));
        Assert.Equal("fail", Audit("predict", "accuracy", expected + 0.1, out _, out _));
        // A predict claim in a rejection rate contradicts itself: refused where it is written, exit 2.
        Assert.Equal("", Audit("predict", "rejection_rate", 0.1, out var exit, out var stderr));
        Assert.Equal(2, exit);
        Assert.Contains("$.facts.claims.robustness.ood.metric", stderr);
        Assert.Contains("contradicts itself", stderr);
    }
}
