using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;

namespace Iq.Tests;

/// <summary>iq baseline over models the project makes itself (Cases/baseline/make_fixtures.py): metrics equal the ones
/// numpy computed independently; bad models, shapes and labels are clear errors; the document is a valid baseline fact.</summary>
public class BaselineTests
{
    static string Dir => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline");
    static string P(params string[] parts) => Path.Combine([Dir, .. parts]);

    static JsonObject Run(TempDir dir, params string[] args)
    {
        var run = CliRunner.InProcess(["baseline", .. args, "--out", dir.Path, "--iterations", "20", "--warmup", "2", "--concurrency", "1,2"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "baseline.json")))!.AsObject();
        Assert.Equal("baseline", (string)doc["kind"]!);
        return doc["facts"]!.AsObject();
    }

    static JsonElement Expected(string task) => JsonDocument.Parse(File.ReadAllText(P(task, "expected.json"))).RootElement.Clone();

    [Fact]
    public void Classification_metrics_equal_the_independent_computation()
    {
        using var dir = new TempDir();
        var facts = Run(dir, "--model", P("cls", "classifier.onnx"), "--cases", P("cls"), "--labels", P("cls", "labels.csv"));
        var expected = Expected("cls");
        foreach (var m in new[] { "accuracy", "precision", "recall", "f1" })
            Assert.Equal(expected.GetProperty(m).GetDouble(), (double)facts[m]!, 12);
        Assert.Equal("cpu", (string)facts["provider"]!);
        Assert.Equal(24, (int)facts["method"]!["cases"]!);
        Assert.Equal(0, (double)facts["repeatability"]!["max_abs_diff"]!);
        Assert.False((bool)facts["incomplete"]!);
        Assert.Equal(2, facts["concurrency"]!.AsArray().Count);
        Assert.All(facts["concurrency"]!.AsArray(), c => Assert.Equal(0, (int)c!["errors"]!));
        Assert.Equal(20, (int)facts["concurrency"]![1]!["success"]!);
        var ss = facts["single_stream"]!;
        Assert.True((double)ss["p50"]! <= (double)ss["p99"]! && (double)ss["p99"]! <= (double)ss["max"]!);
        var read = FactBundleReader.Load([dir.Path], FactSchema.Default);
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
    }

    [Fact]
    public void Segmentation_metrics_equal_the_independent_computation()
    {
        using var dir = new TempDir();
        var facts = Run(dir, "--model", P("seg", "segmenter.onnx"), "--cases", P("seg"), "--labels", P("seg", "labels.csv"), "--task", "segmentation",
            "--noise", "0,0.5");
        var expected = Expected("seg");
        Assert.Equal(expected.GetProperty("dice").GetDouble(), (double)facts["dice"]!, 12);
        Assert.Equal(expected.GetProperty("iou").GetDouble(), (double)facts["iou"]!, 12);
        Assert.Equal(expected.GetProperty("pixel_accuracy").GetDouble(), (double)facts["pixel_accuracy"]!, 12);
        // Noise 0 leaves the cases as they are: the same Dice; noise 0.5 changes predictions.
        Assert.Equal((double)facts["dice"]!, (double)facts["robustness"]![0]!["metric"]!, 12);
        Assert.NotEqual((double)facts["dice"]!, (double)facts["robustness"]![1]!["metric"]!);
    }

    [Fact]
    public void The_metric_formulas_of_a10()
    {
        // 3 classes: labels 0,0,1,1,2,2; predictions 0,1,1,1,2,0 → per class P = 1/2, 2/3, 1; R = 1/2, 1, 1/2.
        var c = Metrics.Classify([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]);
        Assert.Equal(4.0 / 6, c.Accuracy, 12);
        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, c.Precision, 12);
        Assert.Equal((0.5 + 1 + 0.5) / 3, c.Recall, 12);
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, c.F1, 12);
        var s = Metrics.Segment([([0.9f, 0.9f, 0.1f, 0.1f], [1f, 0f, 1f, 0f])]); // TP 1, FP 1, FN 1, TN 1
        Assert.Equal(0.5, s.Dice, 12);
        Assert.Equal(1.0 / 3, s.Iou, 12);
        Assert.Equal(0.5, s.PixelAccuracy, 12);
    }

    /// <summary>6.4.2 a): concurrency is stepped up "直至系统请求响应时间超出可接受范围或出现错误". Without a latency bound and
    /// with no level in error, the highest level tried (2 here) is the run's ceiling, not the system's maximum: the fact is
    /// missing with its reason (so 6.4.2a is an error, not a pass on the ceiling). With a bound, the bound is recorded.</summary>
    [Fact]
    public void Max_concurrency_is_a_measurement_only_when_a_latency_bound_or_an_error_bounds_it()
    {
        using var dir = new TempDir();
        var unbounded = Run(dir, "--model", P("cls", "classifier.onnx"), "--cases", P("cls"));
        var marker = Assert.IsType<JsonObject>(unbounded["max_concurrency"]);
        Assert.Equal("IQ7132", (string)marker["$code"]!);
        Assert.StartsWith("maximum concurrency not measured: every level up to 2 ran without errors", (string)marker["$absent"]!);
        Assert.Null(unbounded["method"]!["latency_bound"]);
        using var dir2 = new TempDir();
        var bounded = Run(dir2, "--model", P("cls", "classifier.onnx"), "--cases", P("cls"), "--latency-bound", "3600000");
        Assert.Equal(2, (int)bounded["max_concurrency"]!);
        Assert.Equal(3600000, (double)bounded["method"]!["latency_bound"]!);
    }

    [Fact]
    public void Synthetic_inputs_of_the_declared_shape_for_performance_only()
    {
        using var dir = new TempDir();
        var facts = Run(dir, "--model", P("perf", "convnet.onnx"), "--synthetic");
        Assert.Null(facts["accuracy"]);
        Assert.True((double)facts["single_stream"]!["mean"]! > 0);
        Assert.Equal(8, (int)facts["method"]!["cases"]!);
    }

    /// <summary>A switch given a value it cannot take (<c>--synthetic=maybe</c>) is refused, naming the option and the value;
    /// the parser would otherwise leave "maybe" for the MODEL argument and measure nothing the user asked for. A value it can
    /// take still works.</summary>
    [Fact]
    public void A_switch_given_a_value_other_than_true_or_false_is_refused()
    {
        var model = P("perf", "convnet.onnx");
        // The first line; usage's hint (iq baseline --help) follows.
        string First(params string[] args) => Error(args).Split('\n')[0];
        Assert.Equal("iq: error IQ6003: --synthetic: 'maybe' is not valid; expected true or false", First(model, "--synthetic=maybe"));
        Assert.Equal("iq: error IQ6003: --synthetic: 'maybe' is not valid; expected true or false", First("--synthetic=maybe", model));
        Assert.Equal("iq: error IQ6003: --synthetic: 'yes' is not valid; expected true or false", First("--model", model, "--synthetic:yes"));
        using var dir = new TempDir();
        Assert.Equal(8, (int)Run(dir, model, "--synthetic=true")["method"]!["cases"]!);
    }

    static string Error(params string[] args)
    {
        var run = CliRunner.InProcess(["baseline", .. args, "--out", Path.GetTempPath(), "--iterations", "2", "--warmup", "0", "--concurrency", "1"]);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr);
        return run.Stderr.Trim();
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_a_clear_error()
    {
        // Refused by iq model's own check, in iq model's words (one declaration of the check: OnnxInspector).
        var notModel = P("cls", "labels.csv");
        var baseline = Error("--model", notModel, "--synthetic");
        Assert.StartsWith($"iq: error IQ4007: {notModel}: not", baseline);
        using var dir = new TempDir();
        var model = CliRunner.InProcess("model", notModel, "--out", Path.Combine(dir.Path, "b"));
        Assert.Equal(2, model.ExitCode);
        Assert.Equal(model.Stderr.Trim(), baseline);
        Assert.Equal("iq: error IQ4007: nope.onnx: model file not found", Error("--model", "nope.onnx", "--synthetic"));
    }

    [SkippableFact]
    public void A_model_with_external_data_runs_from_any_working_directory()
    {
        // The onnx package writes the weights beside the model (weights.bin); this process's working directory is not the
        // model's folder, so the runtime must be told where they are. Labels are numpy's predictions with those weights.
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        var model = Path.Combine(dir.Path, "m");
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", [P("make_external.py"), model], out _));
        Assert.True(File.Exists(Path.Combine(model, "weights.bin")));
        Assert.NotEqual(Path.GetFullPath(Directory.GetCurrentDirectory()), Path.GetFullPath(model));
        var facts = Run(dir, "--model", Path.Combine(model, "classifier.onnx"), "--cases", model, "--labels", Path.Combine(model, "labels.csv"));
        Assert.Equal(1.0, (double)facts["accuracy"]!);
        // iq model reads the same file, and finds its external data present.
        var described = CliRunner.InProcess("model", Path.Combine(model, "classifier.onnx"), "--out", Path.Combine(dir.Path, "d"));
        Assert.True(described.ExitCode == 0, described.Stderr);
    }

    /// <summary>The committed fixtures are exactly what make_fixtures.py makes (run in an empty folder: every file byte for
    /// byte, none missing, none extra), and the classifier it and make_external.py make is defined once (fixture_models.py),
    /// so the model the external-data tests build is the committed one's graph, never a copy that drifted.</summary>
    [SkippableFact]
    public void The_fixtures_are_what_make_fixtures_makes_and_the_classifier_is_defined_once()
    {
        var scripts = Directory.GetFiles(Dir, "*.py");
        Assert.Equal([P("fixture_models.py")], scripts.Where(f => File.ReadAllText(f).Contains("\"classifier\",", StringComparison.Ordinal)));
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        foreach (var f in scripts) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-B", "make_fixtures.py"])
            { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using (var p = System.Diagnostics.Process.Start(psi)!)
        {
            var error = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, error.Result);
        }
        string[] Made(string root) => [.. new[] { "cls", "seg", "perf" }.SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
        var made = Made(dir.Path);
        Assert.Equal(Made(Dir), made);
        Assert.NotEmpty(made);
        foreach (var f in made)
            Assert.True(File.ReadAllBytes(Path.Combine(Dir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, f))), $"{f} differs from what make_fixtures.py makes");
    }

    [SkippableFact]
    public void External_data_that_is_a_fifo_is_refused_before_the_runtime_opens_it()
    {
        // The runtime now reads the weights beside the model itself: a FIFO there would block it for ever.
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        var model = Path.Combine(dir.Path, "m");
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", [P("make_external.py"), model], out _));
        File.Delete(Path.Combine(model, "weights.bin"));
        System.Diagnostics.Process.Start("mkfifo", [Path.Combine(model, "weights.bin")])!.WaitForExit();
        var error = Error("--model", Path.Combine(model, "classifier.onnx"), "--synthetic");
        Assert.StartsWith($"iq: error IQ4007: {Path.Combine(model, "weights.bin")}: ", error);
        Assert.Contains("FIFO", error);
    }

    [Fact]
    public void A_case_of_the_wrong_shape_is_a_clear_error()
    {
        using var dir = new TempDir();
        File.Copy(P("seg", "s000.npy"), Path.Combine(dir.Path, "odd.npy"));
        Assert.Equal($"iq: error IQ4007: {Path.Combine(dir.Path, "odd.npy")}: shape (1, 1, 8, 8) does not fit input 'input' of shape (N, 3, 4, 4)",
            Error("--model", P("cls", "classifier.onnx"), "--cases", dir.Path));
    }

    [Fact]
    public void A_label_for_a_missing_case_is_a_clear_error()
    {
        using var dir = new TempDir();
        var labels = Path.Combine(dir.Path, "labels.csv");
        File.WriteAllText(labels, "case,label\nc000,1\nc099,2\n");
        Assert.Equal($"iq: error IQ4007: {labels}:3: label for case 'c099', which has no .npy in {P("cls")}",
            Error("--model", P("cls", "classifier.onnx"), "--cases", P("cls"), "--labels", labels));
    }

    [Fact]
    public void A_bad_npy_header_is_a_clear_error()
    {
        using var dir = new TempDir();
        var bad = Path.Combine(dir.Path, "bad.npy");
        var bytes = File.ReadAllBytes(P("cls", "c000.npy"));
        bytes[1] = (byte)'X';
        File.WriteAllBytes(bad, bytes);
        Assert.Equal($"iq: error IQ4007: {bad}: not a .npy file (no \\x93NUMPY magic)", Error("--model", P("cls", "classifier.onnx"), "--cases", dir.Path));
        File.WriteAllBytes(bad, File.ReadAllBytes(P("cls", "c000.npy"))[..^8]);
        Assert.Equal($"iq: error IQ4007: {bad}: 184 data bytes, but shape (1, 3, 4, 4) of <f4 needs 192", Error("--model", P("cls", "classifier.onnx"), "--cases", dir.Path));
    }

    [Fact]
    public void Cuda_on_the_cpu_build_fails_clearly_and_auto_falls_back()
    {
        Assert.Equal("iq: error IQ4007: --device cuda: this ONNX Runtime build has no CUDA execution provider (the CPU package Microsoft.ML.OnnxRuntime is installed; " +
                     "build with -p:IqOnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu where a package source serves it); use --device cpu or auto",
            Error("--model", P("cls", "classifier.onnx"), "--synthetic", "--device", "cuda"));
        using var dir = new TempDir();
        var facts = Run(dir, "--model", P("cls", "classifier.onnx"), "--synthetic", "--device", "auto");
        Assert.Equal("cpu", (string)facts["provider"]!);
        Assert.StartsWith("CUDA not used: this ONNX Runtime build has no CUDA execution provider", (string)facts["provider_note"]!);
    }
}

/// <summary>The GPU sampler against the nvidia-smi stand-in of the GPU-server fixture, and a measurement stopped early.</summary>
public class BaselineEdgeTests
{
    [Fact]
    public async Task Gpu_memory_and_utilisation_are_sampled_from_nvidia_smi()
    {
        var tools = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines", "gpu-server", "tools");
        await using var sampler = new GpuSampler(new Iq.Engine.Probes.ProbeContext("/", [tools], TimeSpan.FromSeconds(2)), TimeSpan.FromHours(1));
        await sampler.SampleOnce();
        var (peak, mean) = sampler.Summary()!.Value;
        Assert.Equal(22528L * 1024 * 1024, peak);
        Assert.Equal(0.68, mean, 6); // (71 + 65) / 2 %, two samples per call (two GPUs) × at least one call
    }

    [Fact]
    public void A_measurement_stopped_early_keeps_what_it_has_and_says_so()
    {
        var model = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline", "cls", "classifier.onnx");
        using var runner = new BaselineRunner(new BaselineOptions { Model = model, Synthetic = true, Warmup = 0 });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var facts = runner.Measure(null, cancel.Token);
        Assert.True((bool)facts["incomplete"]!);
        Assert.NotNull(facts["resources"]);
        Assert.Null(facts["single_stream"]);
    }
}
