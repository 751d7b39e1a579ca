using Iq.Engine.Model;
using Iq.Engine.Probes;
using Iq.Rules.Messages;
using Iq.Rules.Io;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Engine.Baseline;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Iq.Engine.Model;

/// <summary>What <c>iq model</c> measures, as its options say. Every number without a source in the standard is a tool
/// default (001 gives no repeat count, level, ε, budget or threshold): the document records what was used.</summary>
public sealed record ModelMeasureOptions
{
    public static readonly string[] AllSuites = ["performance", "efficiency", "repeatability", "robustness", "generalization", "adversarial"];

    public required string Model { get; init; }
    public required string Cases { get; init; }
    public string? Labels { get; init; }
    public string Task { get; init; } = "classification";
    public IReadOnlyCollection<string> Suites { get; init; } = AllSuites;
    public string Device { get; init; } = "cpu";
    /// <summary>The vendor's description: its declared value range, claimed robustness levels, ε and OOD threshold join the grid.</summary>
    public JsonObject? Description { get; init; }
    /// <summary>Where the description's relative references (manifest, training log) are.</summary>
    public string? DescriptionFolder { get; init; }
    public int Resamples { get; init; } = 1000;
    public ulong Seed { get; init; } = 20261122;
    public double Confidence { get; init; } = 0.95;
    public int Warmup { get; init; } = 10;
    public int Iterations { get; init; } = 200;
    public int[] Threads { get; init; } = Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];
    public int[] Batches { get; init; } = [1, 8, 32];
    public int Sessions { get; init; } = 3;
    public int RepeatCases { get; init; } = 50;
    public double[] Epsilons { get; init; } = [0.02, 0.05, 0.1, 0.2];
    public int QueryBudget { get; init; } = 100;
    public int AttackCases { get; init; } = 100;
    public double OodThreshold { get; init; } = 0.9;
    public string[]? RunCommand { get; init; }
    /// <summary>The ONNX model the training command writes (<c>--trained</c>): the run is 6.3.1's training of the model
    /// inspected only when it writes that model re-trained.</summary>
    public string? TrainedModel { get; init; }
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromHours(2);
}

/// <summary>Runs the pre-trained model on labelled cases and measures what 001 chapter 6 evaluates (6.3.2 and 6.3.4–6.3.8,
/// and 6.3.1 when a training command is given), on the baseline runner: one case loader, one session runner, one set of
/// metrics (Iq.Engine.Baseline.Metrics) for <c>iq baseline</c> and <c>iq model</c> alike. A NaN or infinite output makes
/// the metrics that rest on it <c>$error</c> facts, so no item can pass on them.</summary>
public sealed class ModelMeasurer(ModelMeasureOptions o)
{
    sealed record Case(BaselineCase Data, IReadOnlyList<NamedOnnxValue> Feed, int? Label, string Group, IReadOnlyList<string> Tags)
    {
        public bool InDistribution => Label is not null && !Tags.Contains("ood") && !Tags.Contains("invalid");
    }

    BaselineOptions Baseline(int threads) => new()
    {
        Model = o.Model, Cases = o.Cases, Labels = o.Labels, Task = o.Task, Device = o.Device, ThreadsPerRun = threads,
        Warmup = o.Warmup, Iterations = o.Iterations,
    };

    public JsonObject Measure(IProgress<BaselineProgress>? progress, CancellationToken cancel)
    {
        var facts = new JsonObject();
        var timings = new JsonObject();
        using var runner = new BaselineRunner(Baseline(1));
        var loaded = runner.LoadCases();
        var rows = runner.LoadLabelRows(loaded).ToDictionary(r => r.Case, StringComparer.Ordinal);
        if (o.Task == "segmentation" && o.Suites.Any(s => s != "performance" && s != "efficiency"))
            throw new BaselineInputException(Msg.ModelSegmentationSuites.Text);
        var cases = loaded.Select(c => rows.TryGetValue(c.Name, out var r)
            ? new Case(c, BaselineRunner.Feed(c), r.Label as int?, r.Group, r.Tags)
            : new Case(c, BaselineRunner.Feed(c), null, "", [])).ToList();
        var masks = rows.Values.Where(r => r.Label is float[]).ToDictionary(r => r.Case, r => (float[])r.Label!, StringComparer.Ordinal);
        string sha;
        using (var s = InputFiles.OpenRead(o.Model, InputKind.Model, 1 << 16)) sha = Convert.ToHexStringLower(SHA256.HashData(s));
        facts["model"] = new JsonObject { ["file"] = Path.GetFileName(o.Model), ["sha256"] = sha };
        facts["provider"] = runner.Provider;
        facts["runtime"] = "ONNX Runtime " + typeof(InferenceSession).Assembly.GetName().Version;
        facts["suites"] = new JsonArray(o.Suites.Select(s => (JsonNode?)s).ToArray());
        facts["cases"] = new JsonObject
        {
            ["total"] = cases.Count,
            ["labelled"] = cases.Count(c => c.InDistribution) + masks.Count,
            ["ood"] = cases.Count(c => c.Tags.Contains("ood")),
            ["invalid"] = cases.Count(c => c.Tags.Contains("invalid")),
        };
        var (lo, hi) = ValueRange(cases);

        // 6.3.4 a): every case once; the outputs feed the other suites.
        var watch = Stopwatch.StartNew();
        progress?.Report(new BaselineProgress("smoke run", 0));
        var outputs = new Dictionary<string, float[]>(StringComparer.Ordinal);
        int errors = 0, nan = 0, inf = 0;
        var shapeOk = true;
        var declared = runner.OutputShape;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var c in cases)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                var y = runner.Output(c.Feed);
                outputs[c.Data.Name] = y;
                if (y.Any(float.IsNaN)) nan++;
                if (y.Any(float.IsInfinity)) inf++;
                foreach (var v in y) if (float.IsFinite(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
                var fixedCount = declared.Where(d => d > 0).Aggregate(1L, (a, b) => a * b);
                if (declared.All(d => d > 0) ? y.Length != fixedCount : y.Length % fixedCount != 0) shapeOk = false;
            }
            catch (OnnxRuntimeException) { errors++; }
        }
        facts["smoke"] = new JsonObject
        {
            ["runs"] = cases.Count, ["errors"] = errors, ["nan"] = nan, ["inf"] = inf, ["shape_ok"] = shapeOk,
            ["output_min"] = Finite(min, Msg.ModelNoFiniteOutput.Text), ["output_max"] = Finite(max, Msg.ModelNoFiniteOutput.Text),
        };
        timings["smoke"] = Ms(watch);

        var labelled = cases.Where(c => c.InDistribution && outputs.ContainsKey(c.Data.Name)).ToList();
        string? broken = labelled.FirstOrDefault(c => outputs[c.Data.Name].Any(v => !float.IsFinite(v)))?.Data.Name;

        if (o.Suites.Contains("performance"))
        {
            watch.Restart();
            progress?.Report(new BaselineProgress("performance", 0));
            facts["performance"] = o.Task == "segmentation" ? Segmentation(cases, outputs, masks) : Performance(labelled, outputs, broken);
            timings["performance"] = Ms(watch);
        }
        if (o.Suites.Contains("efficiency"))
        {
            watch.Restart();
            facts["efficiency"] = Efficiency(runner, cases, progress, cancel);
            timings["efficiency"] = Ms(watch);
        }
        if (o.Suites.Contains("repeatability"))
        {
            watch.Restart();
            facts["repeatability"] = Repeatability(cases.Where(c => c.Label is not null || c.Tags.Count == 0).Take(o.RepeatCases).ToList(), outputs, progress, cancel);
            timings["repeatability"] = Ms(watch);
        }
        if (o.Suites.Contains("robustness"))
        {
            watch.Restart();
            facts["robustness"] = Robustness(runner, cases, labelled, outputs, broken, lo, hi, progress, cancel);
            timings["robustness"] = Ms(watch);
        }
        if (o.Suites.Contains("generalization"))
        {
            watch.Restart();
            facts["generalization"] = Generalization(labelled, outputs, broken, sha);
            timings["generalization"] = Ms(watch);
        }
        if (o.Suites.Contains("adversarial"))
        {
            watch.Restart();
            facts["adversarial"] = Adversarial(runner, labelled, outputs, lo, hi, progress, cancel);
            timings["adversarial"] = Ms(watch);
        }
        if (TrainingRun(sha, cancel) is { } training) facts["training_run"] = training;
        facts["timings"] = timings;
        return facts;
    }

    /// <summary>The facts of a measurement that rest on the vendor's word rather than on what iq did: the losses of a
    /// training log the description names (iq did not run the training), and the overlap with the training manifest the
    /// vendor names (iq hashes the cases, but which data were trained on is the vendor's record). Written into the
    /// document's <c>fact_provenance</c> as declared, so that no row resting on them counts as measured. Which log iq read
    /// (<c>training_run.log</c>) stays measured: the 001 rows require that iq made the reading (a document iq did not seal
    /// makes them an error).</summary>
    public static IReadOnlyList<Iq.Rules.Model.ProvenanceOverride> DeclaredFacts(JsonObject facts)
    {
        var declared = new List<Iq.Rules.Model.ProvenanceOverride>();
        if (facts["training_run"] is JsonObject run && run["command"] is null)
            foreach (var content in LogContent)
                declared.Add(new($"measured.training_run.{content}", Iq.Rules.Model.Provenance.Declared));
        if (facts["generalization"]?["heldout"] is JsonObject heldout && heldout.ContainsKey("overlap_count"))
            declared.Add(new(OverlapFact, Iq.Rules.Model.Provenance.Declared));
        return declared;
    }

    /// <summary>The overlap of the cases with the vendor's training manifest: the manifest's word on what was trained on.</summary>
    const string OverlapFact = "measured.generalization.heldout.overlap_count";

    /// <summary>What a training log gives (<see cref="TrainingRun"/>): the vendor's record when iq did not run the training.</summary>
    static readonly string[] LogContent = ["losses", "first_loss", "final_loss", "relative_decrease", "nan_free"];

    // ---- helpers ----

    static JsonNode Ms(Stopwatch w) => Math.Round(w.Elapsed.TotalMilliseconds, 1);

    /// <summary>A number, or the fact an item reading it must error on.</summary>
    static JsonNode Finite(double v, MessageText why) => double.IsFinite(v) ? Metrics.Figure(v) : Fact.Error(why);

    static JsonNode Metric(double v, string? broken) =>
        broken is not null ? Fact.Error(Msg.ModelCaseNaN.With(broken)) : Finite(v, Msg.ModelNotANumber.Text);

    /// <summary>The member of the description at <paramref name="path"/> (names and indexes), or null. The description
    /// passed its schema, but a fact there may be a <c>$absent</c>/<c>$error</c> marker (an object) where the schema has a
    /// list, a string or a number: the vendor declared it absent, so it is read as absent, never indexed or cast.</summary>
    static JsonNode? Declared(JsonNode? node, params object[] path)
    {
        foreach (var step in path)
            node = (step, node) switch
            {
                (string name, JsonObject obj) => obj[name],
                (int i, JsonArray list) => i < list.Count ? list[i] : null,
                _ => null,
            };
        return node;
    }

    static string? DeclaredText(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static double? DeclaredNumber(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;

    (float Lo, float Hi) ValueRange(List<Case> cases)
    {
        if (Declared(o.Description, "io", "inputs", 0, "constraints", "value_range") is JsonArray { Count: 2 } r
            && DeclaredNumber(r[0]) is { } a && DeclaredNumber(r[1]) is { } b && a < b)
            return ((float)a, (float)b);
        var all = cases.SelectMany(c => c.Data.Inputs[0].Data).Where(float.IsFinite).DefaultIfEmpty(0f).ToList();
        var (lo, hi) = (all.Min(), all.Max());
        return lo < hi ? (lo, hi) : (lo, lo + 1);
    }

    static double Accuracy(IEnumerable<(int Label, int Prediction)> pairs)
    {
        var list = pairs.ToList();
        return list.Count == 0 ? double.NaN : list.Count(p => p.Label == p.Prediction) / (double)list.Count;
    }

    // ---- performance (A.10) ----

    JsonObject Performance(List<Case> labelled, Dictionary<string, float[]> outputs, string? broken)
    {
        var labels = labelled.Select(c => c.Label!.Value).ToList();
        var predictions = labelled.Select(c => Metrics.ArgMax(outputs[c.Data.Name])).ToList();
        var result = new JsonObject { ["task"] = "classification", ["n"] = labels.Count };
        if (labels.Count == 0)
        {
            result["metrics"] = Fact.Absent(Msg.ModelNoLabels.Text);
            return result;
        }
        var c = Metrics.Classify(labels, predictions);
        var ci = Metrics.Bootstrap(labels, predictions, o.Resamples, o.Seed, o.Confidence);
        JsonObject Value(string name, double v) => new() { ["value"] = Metric(v, broken), ["ci_low"] = Metric(ci[name].Low, broken), ["ci_high"] = Metric(ci[name].High, broken) };
        result["metrics"] = new JsonObject
        {
            ["accuracy"] = Value("accuracy", c.Accuracy), ["precision"] = Value("precision", c.Precision),
            ["recall"] = Value("recall", c.Recall), ["f1"] = Value("f1", c.F1),
        };
        var m = Metrics.ConfusionMatrix(labels, predictions);
        result["per_class"] = new JsonArray(Metrics.PerClass(m).Select(k => (JsonNode?)new JsonObject
        {
            ["class"] = k.Class, ["support"] = k.Support, ["precision"] = k.Precision, ["recall"] = k.Recall, ["f1"] = k.F1,
        }).ToArray());
        result["confusion"] = new JsonArray(Enumerable.Range(0, m.GetLength(0)).Select(r =>
            (JsonNode?)new JsonArray(Enumerable.Range(0, m.GetLength(1)).Select(col => (JsonNode?)m[r, col]).ToArray())).ToArray());
        result["bootstrap"] = new JsonObject
        {
            ["resamples"] = o.Resamples, ["seed"] = o.Seed, ["confidence"] = o.Confidence,
            ["method"] = "percentile bootstrap over cases; index = SplitMix64(seed).Next() mod n; bounds v[⌊α/2·B⌋], v[⌈(1−α/2)·B⌉−1]",
        };
        return result;
    }

    JsonObject Segmentation(List<Case> cases, Dictionary<string, float[]> outputs, Dictionary<string, float[]> masks)
    {
        var pairs = cases.Where(c => masks.ContainsKey(c.Data.Name) && outputs.ContainsKey(c.Data.Name)).Select(c =>
        {
            var (y, t) = (outputs[c.Data.Name], masks[c.Data.Name]);
            if (y.Length != t.Length) throw new BaselineInputException(Msg.LabelsMaskSize.With(o.Labels, c.Data.Name, t.Length, y.Length));
            return (y, t);
        }).ToList();
        var broken = pairs.Any(p => p.y.Any(v => !float.IsFinite(v))) ? "a segmentation case" : null;
        var counts = pairs.Select(p => Metrics.Count(p.y, p.t)).ToList();
        var result = new JsonObject { ["task"] = "segmentation", ["n"] = pairs.Count };
        if (counts.Count == 0)
        {
            result["metrics"] = Fact.Absent(Msg.ModelNoMasks.Text);
            return result;
        }
        var s = Metrics.Pool(counts);
        // Per-case bootstrap, as for classification: a performance claim is judged against the interval's upper end.
        var ci = Metrics.BootstrapSegmentation(counts, o.Resamples, o.Seed, o.Confidence);
        JsonObject Value(string name, double v) => new() { ["value"] = Metric(v, broken), ["ci_low"] = Metric(ci[name].Low, broken), ["ci_high"] = Metric(ci[name].High, broken) };
        result["metrics"] = new JsonObject
        {
            ["dice"] = Value("dice", s.Dice), ["iou"] = Value("iou", s.Iou), ["pixel_accuracy"] = Value("pixel_accuracy", s.PixelAccuracy),
        };
        result["bootstrap"] = new JsonObject
        {
            ["resamples"] = o.Resamples, ["seed"] = o.Seed, ["confidence"] = o.Confidence,
            ["method"] = "percentile bootstrap over cases, pixel counts pooled per resample; index = SplitMix64(seed).Next() mod n; bounds v[⌊α/2·B⌋], v[⌈(1−α/2)·B⌉−1]",
        };
        return result;
    }

    // ---- efficiency (6.3.2, 6.3.4 b) ----

    JsonObject Efficiency(BaselineRunner runner, List<Case> cases, IProgress<BaselineProgress>? progress, CancellationToken cancel)
    {
        var feeds = cases.Select(c => c.Feed).ToList();
        for (var i = 0; i < o.Warmup; i++) runner.RunOnce(feeds[i % feeds.Count]);
        var single = runner.Level(1, feeds, cancel, progress, "efficiency: latency");
        var result = new JsonObject
        {
            ["latency"] = BaselineRunner.Latency(single.Latencies),
            ["throughput"] = Math.Round(single.Latencies.Length / single.Wall.TotalSeconds, 3),
        };
        var sweep = new JsonArray();
        var (input, shape) = runner.FirstInput;
        var batches = shape.Length > 0 && shape[0] <= 0 ? o.Batches : [1];
        double baseThroughput = double.NaN, best = 0;
        // 6.3.2 adds compute at a fixed workload: throughput (from the median time, which one stall cannot move) with the
        // most threads over that with one thread, both at the largest batch size (the most work per run to share out). One
        // ratio, not the best of several: the best of several noisy ratios is biased upwards.
        var largest = batches.Max();
        var pairRatio = double.NaN;
        var total = o.Threads.Length * batches.Length;
        var done = 0;
        foreach (var threads in o.Threads)
        {
            using var r = new BaselineRunner(Baseline(threads));
            foreach (var batch in batches)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(new BaselineProgress($"efficiency: {threads} thread(s), batch {batch}", (double)done++ / total));
                var feed = Batch(input, cases, batch);
                for (var i = 0; i < 3; i++) r.RunOnce(feed);
                var runs = Math.Max(5, o.Iterations / batch);
                var times = new double[runs];
                for (var i = 0; i < runs; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    r.RunOnce(feed);
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
                Array.Sort(times);
                var throughput = batch / (times.Average() / 1000);
                if (threads == 1 && batch == 1) baseThroughput = throughput;
                best = Math.Max(best, throughput);
                sweep.Add(new JsonObject
                {
                    ["threads"] = threads, ["batch"] = batch, ["latency_p50"] = Math.Round(Metrics.Percentile(times, 50), 4),
                    ["throughput"] = Math.Round(throughput, 3),
                });
            }
        }
        // The ratio itself from paired runs, one thread and the most threads taking turns at the largest batch: a load that
        // comes and goes on a shared machine then slows both alike, where separate blocks of runs let it fall on one side
        // (the sample's ratio read 1.08-1.13 alone and over 1.5 beside a test run when measured in blocks of 5).
        if (o.Threads.Contains(1) && o.Threads.Max() > 1)
        {
            using var one = new BaselineRunner(Baseline(1));
            using var most = new BaselineRunner(Baseline(o.Threads.Max()));
            var feed = Batch(input, cases, largest);
            for (var i = 0; i < 3; i++) { one.RunOnce(feed); most.RunOnce(feed); }
            var pairs = Math.Max(15, o.Iterations / largest);
            var (t1, tn) = (new double[pairs], new double[pairs]);
            for (var i = 0; i < pairs; i++)
            {
                cancel.ThrowIfCancellationRequested();
                // Alternate which goes first, so that neither always runs just after the other's cache warm-up.
                if (i % 2 == 0) { t1[i] = Time(one, feed); tn[i] = Time(most, feed); }
                else { tn[i] = Time(most, feed); t1[i] = Time(one, feed); }
            }
            // The median of the pairs' own ratios: a load that shifts between pairs cancels within each pair, where the
            // ratio of the two sides' medians let it fall on one side (the sample read 0.98 and 1.37 in turn at load ~3).
            pairRatio = Metrics.Percentile(Enumerable.Range(0, pairs).Select(i => t1[i] / tn[i]).Order().ToArray(), 50);
        }
        result["sweep"] = sweep;
        result["best_speedup"] = double.IsFinite(baseThroughput) ? Math.Round(best / baseThroughput, 4) : Fact.Absent(Msg.ModelNoBaseConfig.Text);
        var threadSpeedup = pairRatio;
        result["thread_speedup"] = double.IsFinite(threadSpeedup) ? Math.Round(threadSpeedup, 4) : Fact.Absent(Msg.ModelNoThreadScaling.Text);
        result["peak_memory"] = Process.GetCurrentProcess().PeakWorkingSet64;
        return result;
    }

    /// <summary>The first <paramref name="batch"/> cases of the first case's shape (repeated when there are fewer) stacked
    /// along the first axis. A case is fed as its file has it: a batch of one is the case itself, whatever its rank (a
    /// model of one-dimensional inputs has no batch axis to put a 1 on), and cases of other shapes (free dimensions) are
    /// left out rather than copied past the end.</summary>
    static double Time(BaselineRunner runner, IReadOnlyList<NamedOnnxValue> feed)
    {
        var start = Stopwatch.GetTimestamp();
        runner.RunOnce(feed);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    static IReadOnlyList<NamedOnnxValue> Batch(string input, List<Case> cases, int batch)
    {
        var first = cases[0].Data.Inputs[0];
        var same = cases.Select(c => c.Data.Inputs[0]).Where(x => x.Shape.SequenceEqual(first.Shape)).ToList();
        if (batch == 1 || first.Shape.Length == 0) return [NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(first.Data, first.Shape))];
        var per = first.Data.Length;
        var data = new float[per * batch];
        for (var b = 0; b < batch; b++) same[b % same.Count].Data.CopyTo(data, b * per);
        return [NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(data, [first.Shape[0] * batch, .. first.Shape[1..]]))];
    }

    // ---- repeatability (6.3.5) ----

    JsonObject Repeatability(List<Case> cases, Dictionary<string, float[]> reference, IProgress<BaselineProgress>? progress, CancellationToken cancel)
    {
        double maxDiff = 0;
        var identical = true;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        const int runs = 2;
        var total = o.Sessions * o.Threads.Length;
        var done = 0;
        foreach (var threads in o.Threads)
            for (var s = 0; s < o.Sessions; s++)
            {
                progress?.Report(new BaselineProgress($"repeatability: session {s + 1}, {threads} thread(s)", (double)done++ / total));
                using var r = new BaselineRunner(Baseline(threads));
                foreach (var c in cases)
                    for (var k = 0; k < runs; k++)
                    {
                        cancel.ThrowIfCancellationRequested();
                        if (!reference.TryGetValue(c.Data.Name, out var first)) continue;
                        var y = r.Output(c.Feed);
                        for (var i = 0; i < y.Length; i++)
                        {
                            if (BitConverter.SingleToInt32Bits(y[i]) != BitConverter.SingleToInt32Bits(first[i])) identical = false;
                            var d = Math.Abs((double)y[i] - first[i]);
                            maxDiff = double.IsNaN(d) ? double.NaN : Math.Max(maxDiff, d);
                        }
                        if (Metrics.ArgMax(y) != Metrics.ArgMax(first)) changed.Add(c.Data.Name);
                    }
            }
        return new JsonObject
        {
            ["sessions"] = o.Sessions, ["runs"] = runs,
            ["thread_counts"] = new JsonArray(o.Threads.Select(t => (JsonNode?)t).ToArray()),
            ["bitwise_identical"] = identical,
            ["max_abs_diff"] = Finite(maxDiff, Msg.ModelOutputNaN.Text),
            ["label_agreement"] = cases.Count == 0 ? Fact.Absent(Msg.ModelNoCases.Text) : Metrics.Figure(1 - changed.Count / (double)cases.Count),
        };
    }

    // ---- robustness (6.3.6; A.12.2) ----

    IReadOnlyList<(string Name, double Level)> Grid()
    {
        var grid = Perturbations.DefaultLevels.SelectMany(p => p.Value.Select(l => (p.Key, l))).ToList();
        if (Declared(o.Description, "claims", "robustness", "conditions") is JsonArray claimed)
            foreach (var c in claimed)
                if (DeclaredText(Declared(c, "perturbation")) is { } name && Perturbations.Names.Contains(name)
                    && DeclaredNumber(Declared(c, "level")) is { } level && !grid.Contains((name, level)))
                    grid.Add((name, level));
        return grid.OrderBy(g => Array.IndexOf(Perturbations.Names, g.Item1)).ThenBy(g => g.Item2).ToList();
    }

    /// <summary>The JSON path of the description's first claim of <paramref name="name"/> at <paramref name="level"/>, or null.</summary>
    string? ClaimOf(string name, double level)
    {
        if (Declared(o.Description, "claims", "robustness", "conditions") is JsonArray claimed)
            for (var i = 0; i < claimed.Count; i++)
                if (DeclaredText(Declared(claimed[i], "perturbation")) == name && DeclaredNumber(Declared(claimed[i], "level")) == level)
                    return $"$.claims.robustness.conditions[{i}]";
        return null;
    }

    JsonObject Robustness(BaselineRunner runner, List<Case> cases, List<Case> labelled, Dictionary<string, float[]> outputs, string? broken, float lo, float hi,
        IProgress<BaselineProgress>? progress, CancellationToken cancel)
    {
        var clean = labelled.Select(c => Metrics.ArgMax(outputs[c.Data.Name])).ToList();
        var cleanMetric = Accuracy(labelled.Select((c, i) => (c.Label!.Value, clean[i])));
        var result = new JsonObject { ["clean_metric"] = Metric(cleanMetric, broken) };
        var list = new JsonArray();
        var grid = Grid();
        for (var g = 0; g < grid.Count; g++)
        {
            var (name, level) = grid[g];
            progress?.Report(new BaselineProgress($"robustness: {name} {level.ToString(CultureInfo.InvariantCulture)}", (double)g / grid.Count));
            // A perturbation the cases' shape cannot take (box_blur of a one-dimensional input) is not measured: its
            // measurements are errors saying why, naming the claim when the description claimed it.
            if (labelled.FirstOrDefault(c => !Perturbations.FitsShape(name, c.Data.Inputs[0].Shape)) is { } unfit)
            {
                var shape = "[" + string.Join(", ", unfit.Data.Inputs[0].Shape) + "]";
                var unmeasured = ClaimOf(name, level) is { } at ? Msg.ModelClaimedBlurNeedsImage.With(shape, at) : Msg.ModelBlurNeedsImage.With(shape);
                list.Add(new JsonObject
                {
                    ["name"] = name, ["level"] = level, ["definition"] = Perturbations.Definition(name, level),
                    ["metric"] = Fact.Error(unmeasured), ["drop"] = Fact.Error(unmeasured), ["flip_rate"] = Fact.Error(unmeasured),
                });
                continue;
            }
            var rng = new SplitMix64(o.Seed);
            int correct = 0, flipped = 0;
            var bad = false;
            for (var i = 0; i < labelled.Count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var input = labelled[i].Data.Inputs[0];
                var x = Perturbations.Apply(name, level, input.Data, input.Shape, lo, hi, rng);
                var y = runner.Output([NamedOnnxValue.CreateFromTensor(input.Input, new DenseTensor<float>(x, input.Shape))]);
                if (y.Any(v => !float.IsFinite(v))) bad = true;
                var p = Metrics.ArgMax(y);
                if (p == labelled[i].Label) correct++;
                if (p != clean[i]) flipped++;
            }
            var metric = labelled.Count == 0 ? double.NaN : correct / (double)labelled.Count;
            var why = broken ?? (bad ? $"{name} {level}: NaN or infinite output" : null);
            list.Add(new JsonObject
            {
                ["name"] = name, ["level"] = level, ["definition"] = Perturbations.Definition(name, level),
                ["metric"] = Metric(metric, why), ["drop"] = Metric(cleanMetric - metric, why),
                ["flip_rate"] = Finite(labelled.Count == 0 ? double.NaN : flipped / (double)labelled.Count, Msg.ModelNoLabelledCases.Text),
            });
        }
        result["perturbations"] = list;
        var noisy = labelled.Where(c => c.Tags.Contains("natural_noise")).ToList();
        result["natural_noise"] = noisy.Count == 0 ? Fact.Absent(Msg.ModelNoTag.With("natural_noise")) : new JsonObject
        {
            ["n"] = noisy.Count, ["metric"] = Metric(Accuracy(noisy.Select(c => (c.Label!.Value, Metrics.ArgMax(outputs[c.Data.Name])))), broken),
        };
        var threshold = DeclaredNumber(Declared(o.Description, "claims", "robustness", "ood", "threshold")) ?? o.OodThreshold;
        var odd = cases.Where(c => (c.Tags.Contains("ood") || c.Tags.Contains("invalid")) && outputs.ContainsKey(c.Data.Name)).ToList();
        double Confidence(Case c) => Softmax(outputs[c.Data.Name]).Max();
        if (odd.Count == 0) result["ood"] = Fact.Absent(Msg.ModelNoOodCases.Text);
        else
        {
            var oddScores = odd.Select(c => 1 - Confidence(c)).ToList();
            var inScores = labelled.Select(c => 1 - Confidence(c)).ToList();
            var oddBroken = odd.FirstOrDefault(c => outputs[c.Data.Name].Any(v => !float.IsFinite(v)))?.Data.Name;
            result["ood"] = new JsonObject
            {
                ["n"] = odd.Count, ["threshold"] = threshold,
                ["rejection_rate"] = Metric(odd.Count(c => Confidence(c) < threshold) / (double)odd.Count, oddBroken),
                ["in_distribution_rejection_rate"] = Metric(labelled.Count == 0 ? double.NaN : labelled.Count(c => Confidence(c) < threshold) / (double)labelled.Count, broken),
                ["auroc"] = Metric(Metrics.Auroc(oddScores, inScores), oddBroken ?? broken),
            };
            // 5.2.6 i) read literally ("拟合能力": correct outputs on OOD data): the accuracy on the OOD cases that carry a
            // label, what a claim that the model predicts there is compared by. Invalid cases have no right answer.
            var shifted = odd.Where(c => c.Label is not null && c.Tags.Contains("ood") && !c.Tags.Contains("invalid")).ToList();
            var shiftedBroken = shifted.FirstOrDefault(c => outputs[c.Data.Name].Any(v => !float.IsFinite(v)))?.Data.Name;
            result["ood"]!["labelled"] = shifted.Count;
            result["ood"]!["accuracy"] = shifted.Count == 0 ? Fact.Absent(Msg.ModelNoLabelledOod.Text)
                : Metric(Accuracy(shifted.Select(c => (c.Label!.Value, Metrics.ArgMax(outputs[c.Data.Name])))), shiftedBroken);
        }
        return result;
    }

    static double[] Softmax(float[] z)
    {
        var m = z.Max();
        var e = z.Select(v => Math.Exp(v - m)).ToArray();
        var s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }

    // ---- generalisation (6.3.7; A.12.1) ----

    JsonObject Generalization(List<Case> labelled, Dictionary<string, float[]> outputs, string? broken, string modelSha)
    {
        int Pred(Case c) => Metrics.ArgMax(outputs[c.Data.Name]);
        var heldout = new JsonObject { ["n"] = labelled.Count, ["accuracy"] = Metric(Accuracy(labelled.Select(c => (c.Label!.Value, Pred(c)))), broken) };
        if (DeclaredText(Declared(o.Description, "source_data", "manifest_ref")) is { } manifest)
        {
            var path = Beside(o.DescriptionFolder, ManifestField, manifest);
            var (text, problem) = File.Exists(path) ? Referenced(path, manifest, [OverlapFact]) : (null, Msg.ModelManifestNotFound.With(manifest));
            var hashes = text is null ? null : ManifestDigests(text, manifest, out problem);
            // Another model's manifest, or one naming no model, says nothing of what THIS model was trained on.
            if (hashes is not null && Untied(text!, manifest, modelSha) is { } untied) (hashes, problem) = (null, untied);
            if (hashes is null) heldout["overlap_count"] = Fact.Error(problem!);
            else
            {
                heldout["overlap_count"] = labelled.Count(c =>
                {
                    var data = c.Data.Inputs[0].Data;
                    var bytes = new byte[data.Length * 4];
                    Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
                    return hashes.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)));
                });
                heldout["manifest"] = manifest;
            }
        }
        else heldout["overlap_count"] = Fact.Absent(Msg.ModelNoManifestRef.Text);
        var result = new JsonObject { ["heldout"] = heldout };
        var groups = labelled.Where(c => c.Group.Length > 0).GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (groups.Count >= 2)
        {
            var rows = groups.Select(g => (Group: g.Key, N: g.Count(), Correct: g.Count(c => Pred(c) == c.Label))).ToList();
            result["subgroups"] = new JsonArray(rows.Select(r => (JsonNode?)new JsonObject { ["group"] = r.Group, ["n"] = r.N, ["metric"] = Metric(r.Correct / (double)r.N, broken) }).ToArray());
            var rates = rows.Select(r => r.Correct / (double)r.N).ToList();
            result["subgroup_gap"] = Metric(rates.Max() - rates.Min(), broken);
            result["subgroup_p_value"] = Finite(Metrics.ChiSquarePValue(rows.Select(r => ((long)r.Correct, (long)(r.N - r.Correct))).ToList()),
                Msg.ModelNoChiSquare.Text);
        }
        else result["subgroups"] = Fact.Absent(Msg.ModelFewGroups.Text);
        var stress = labelled.Where(c => c.Tags.Contains("stress")).ToList();
        result["stress"] = stress.Count == 0 ? Fact.Absent(Msg.ModelNoTag.With("stress"))
            : new JsonObject { ["n"] = stress.Count, ["metric"] = Metric(Accuracy(stress.Select(c => (c.Label!.Value, Pred(c)))), broken) };
        return result;
    }

    // ---- black-box adversarial robustness (6.3.8) ----

    IReadOnlyList<double> Epsilons()
    {
        var list = o.Epsilons.ToList();
        if (Declared(o.Description, "claims", "adversarial", "cases") is JsonArray claimed)
            foreach (var c in claimed)
                if (DeclaredNumber(Declared(c, "epsilon")) is { } e && !list.Contains(e)) list.Add(e);
        return list.Order().ToList();
    }

    JsonObject Adversarial(BaselineRunner runner, List<Case> labelled, Dictionary<string, float[]> outputs, float lo, float hi,
        IProgress<BaselineProgress>? progress, CancellationToken cancel)
    {
        var targets = labelled.Take(o.AttackCases).ToList();
        var results = new JsonArray();
        var epsilons = Epsilons();
        var step = 0;
        foreach (var attack in new[] { "random_search", "simba" })
            foreach (var eps in epsilons)
            {
                progress?.Report(new BaselineProgress($"adversarial: {attack} ε={eps.ToString(CultureInfo.InvariantCulture)}", (double)step++ / (2 * epsilons.Count)));
                var rng = new SplitMix64(o.Seed);
                int robust = 0, wasCorrect = 0, flipped = 0;
                var queries = new List<int>();
                foreach (var c in targets)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (Metrics.ArgMax(outputs[c.Data.Name]) != c.Label) continue;
                    wasCorrect++;
                    var q = attack == "random_search" ? RandomSearch(runner, c, eps, lo, hi, rng) : Simba(runner, c, eps, lo, hi, rng);
                    if (q is { } used) { flipped++; queries.Add(used); }
                    else robust++;
                }
                queries.Sort();
                results.Add(new JsonObject
                {
                    ["attack"] = attack, ["epsilon"] = eps,
                    ["success_rate"] = Finite(wasCorrect == 0 ? double.NaN : flipped / (double)wasCorrect, Msg.ModelNoCorrectCase.Text),
                    ["robust_accuracy"] = Finite(targets.Count == 0 ? double.NaN : robust / (double)targets.Count, Msg.ModelNoLabelledCase.Text),
                    ["median_queries"] = queries.Count == 0 ? Fact.Absent(Msg.ModelNoAttackSucceeded.Text) : queries[queries.Count / 2],
                });
            }
        return new JsonObject
        {
            ["attack"] = "black-box, L∞: random_search (uniform random sign perturbations of size ε, one query each) and simba " +
                         "(SimBA, Guo et al. 2019, pixel basis: each coordinate in random order moved by −ε, else +ε, kept when the true class's probability falls)",
            ["n"] = targets.Count, ["query_budget"] = o.QueryBudget, ["seed"] = o.Seed, ["results"] = results,
        };
    }

    static IReadOnlyList<NamedOnnxValue> Feed((string Input, float[] Data, int[] Shape) input, float[] x) =>
        [NamedOnnxValue.CreateFromTensor(input.Input, new DenseTensor<float>(x, input.Shape))];

    /// <summary>Queries until the prediction changes (returns the queries used) or the budget is spent (null).</summary>
    int? RandomSearch(BaselineRunner runner, Case c, double eps, float lo, float hi, SplitMix64 rng)
    {
        var input = c.Data.Inputs[0];
        var x = new float[input.Data.Length];
        for (var q = 1; q <= o.QueryBudget; q++)
        {
            for (var i = 0; i < x.Length; i++) x[i] = Math.Clamp(input.Data[i] + (float)((rng.Next() & 1) == 0 ? -eps : eps), lo, hi);
            if (Metrics.ArgMax(runner.Output(Feed(input, x))) != c.Label) return q;
        }
        return null;
    }

    int? Simba(BaselineRunner runner, Case c, double eps, float lo, float hi, SplitMix64 rng)
    {
        var input = c.Data.Inputs[0];
        var x = (float[])input.Data.Clone();
        var label = c.Label!.Value;
        var order = Enumerable.Range(0, x.Length).ToArray();
        for (var i = order.Length - 1; i > 0; i--) { var j = (int)(rng.Next() % (ulong)(i + 1)); (order[i], order[j]) = (order[j], order[i]); }
        var p = Softmax(runner.Output(Feed(input, x)))[label];
        var queries = 1;
        foreach (var k in order)
            foreach (var sign in new[] { -1.0, 1.0 })
            {
                if (queries >= o.QueryBudget) return null;
                var old = x[k];
                x[k] = Math.Clamp(input.Data[k] + (float)(sign * eps), lo, hi);
                if (x[k] == old) continue;
                var y = runner.Output(Feed(input, x));
                queries++;
                if (Metrics.ArgMax(y) != label) return queries;
                var np = Softmax(y)[label];
                if (np < p) { p = np; break; }
                x[k] = old;
            }
        return null;
    }

    // ---- trainability (6.3.1) ----

    static readonly Regex LossValue = new(@"\bloss\b\s*[=:]?\s*(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|nan|inf)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    /// <summary>The vendor's training command run under iq (measured), else the loss column of the training log the
    /// description names (the vendor's record).</summary>
    JsonObject? TrainingRun(string modelSha, CancellationToken cancel)
    {
        List<double> losses;
        var result = new JsonObject();
        if (o.RunCommand is { Length: > 0 } command)
        {
            // 6.3.1 trains "the pre-trained model": the run counts only when it wrote the model inspected re-trained. Its
            // structure is taken now, before the command runs (which may write over the model file).
            var inspected = OnnxInspector.StructureOf(OnnxInspector.Parse(o.Model));
            var before = o.TrainedModel is { } named ? Stamp(named) : null;
            // Run as the rollback is (one routine): timed to the program's own exit, so that a process it leaves in the
            // background (holding the output open) cannot hang iq; what it left running is recorded, not stopped.
            var lines = new List<string>();
            var ran = Iq.Engine.Evidence.CommandRun.Run(command, o.RunTimeout, l => { lock (lines) lines.Add(l); }, cancel);
            switch (ran.End)
            {
                case Iq.Engine.Evidence.CommandEnd.NotStarted:
                    throw new BaselineInputException(Msg.ModelRunNotStarted.With(command[0], ran.StartFailure));
                case Iq.Engine.Evidence.CommandEnd.Interrupted:
                    throw new OperationCanceledException(cancel);
                case Iq.Engine.Evidence.CommandEnd.TimedOut:
                    throw new BaselineInputException(Msg.ModelRunTimeout.With(o.RunTimeout.ToString()));
            }
            lock (lines) losses = lines.SelectMany(l => LossValue.Matches(l).Select(m => Parse(m.Groups[1].Value))).ToList();
            result["command"] = string.Join(" ", command);
            result["exit_code"] = ran.ExitCode;
            result["left_running"] = Iq.Engine.Evidence.CommandRun.Facts(ran.LeftRunning);
            result["trained"] = Trained(inspected, modelSha, before);
        }
        else if (DeclaredText(Declared(o.Description, "claims", "trainability", "loss_curve_ref")) is { } log)
        {
            var path = Beside(o.DescriptionFolder, LogField, log);
            if (!File.Exists(path)) return Unread(log, Msg.ModelLogNotFound.With(log));
            var (logText, problem) = Referenced(path, log, [.. LogContent.Select(c => "measured.training_run." + c)]);
            if (logText is null) return Unread(log, problem!);
            // The vendor's log of another model (or of no model it names) is no record of this one's training.
            if (Untied(logText, log, modelSha) is { } untied) return Unread(log, untied);
            // Comment lines (the model tie) kept as blank lines, so a line named in a refusal is the file's own line.
            var lines = logText.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => l.TrimStart().StartsWith('#') ? "" : l).Take(1_000_000).ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            var (read, wrong) = ReadLog(log, lines, CrossEntropy(o.Description));
            if (read is null) return Unread(log, wrong!);
            losses = read;
            result["log"] = log;
        }
        else return null;
        // A run not tied to the model inspected (training_run.trained an error) printed another training's losses: none
        // of them is this model's, as with another model's log.
        if (result["trained"] is JsonObject trained && trained.ContainsKey("$error"))
        {
            foreach (var name in TrainingLogFacts) result[name] = trained.DeepClone();
            return result;
        }
        result["losses"] = new JsonArray(losses.Select(l => double.IsFinite(l) ? (JsonNode?)l : null).ToArray());
        if (losses.Count == 0) return result;
        result["first_loss"] = Finite(losses[0], Msg.ModelFirstLossNaN.Text);
        result["final_loss"] = Finite(losses[^1], Msg.ModelFinalLossNaN.Text);
        result["relative_decrease"] = Finite((losses[0] - losses[^1]) / losses[0], Msg.ModelLossesNaN.Text);
        result["nan_free"] = losses.All(double.IsFinite);
        return result;
    }

    /// <summary>When and how long a file was last written, or null when there is none: a model file the training command
    /// did not touch is not a model it wrote.</summary>
    sealed record FileStamp(DateTime Written, long Length);

    static FileStamp? Stamp(string path) => new FileInfo(path) is { Exists: true } f ? new(f.LastWriteTimeUtc, f.Length) : null;

    /// <summary>The model the training command wrote (<c>training_run.trained</c>), when it is the model inspected
    /// re-trained (the same <see cref="OnnxInspector.Structure"/>; other weights are what a training gives); else why
    /// the run cannot stand as 6.3.1's training of the model inspected: no model named, none written (absent, or untouched
    /// by the run), not a readable ONNX model, or a model of another structure.</summary>
    JsonNode Trained(OnnxInspector.Structure inspected, string inspectedSha, FileStamp? before)
    {
        if (o.TrainedModel is not { } path) return Fact.Error(Msg.ModelRunTrainedNotNamed.Text);
        var name = Path.GetFileName(path);
        if (Stamp(path) is not { } after || after == before) return Fact.Error(Msg.ModelRunTrainedNotWritten.With(name));
        OnnxInspector.Structure structure;
        string sha;
        try
        {
            structure = OnnxInspector.StructureOf(OnnxInspector.Parse(path));
            using var stream = InputFiles.OpenRead(path, InputKind.Model, 1 << 16);
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (ModelInputException e) { return Fact.Error(Msg.ModelRunTrainedUnreadable.With(name, e.Text)); }
        catch (InputFileException e) { return Fact.Error(Msg.ModelRunTrainedUnreadable.With(name, e.Text)); }
        if (structure.Sha256 != inspected.Sha256)
            return Fact.Error(Msg.ModelRunTrainedOther.With(name, sha, structure.Nodes, structure.Parameters, inspected.Nodes, inspected.Parameters));
        return new JsonObject
        {
            ["file"] = name, ["sha256"] = sha, ["structure_sha256"] = structure.Sha256, ["same_structure"] = true,
            // Whether the training gave the very bytes inspected (a bit-reproducible training), shown, not judged.
            ["identical"] = sha == inspectedSha,
        };
    }

    /// <summary>The losses of a training log (a header naming a <c>loss</c> column, one row a line), or why they cannot be
    /// read. An <c>epoch</c> or <c>step</c> column, where the log has one, must increase strictly down the file: the first
    /// and last losses are read as the start and end of training, so a log out of order or repeating an epoch (30, 2, 1
    /// passed 6.3.1 with the loss rising: fresh eyes 7, F-A2) is refused at the line, as a log with no loss column is
    /// (every fact from it an error), never re-ordered: iq does not guess which of two records of an epoch is the true
    /// one. A negative loss where the description's <c>hyperparameters.loss</c> is a cross-entropy (never below 0) is
    /// refused at its line too. A loss cell that is not a number stays NaN (<c>nan_free</c> false), as before.</summary>
    internal static (List<double>? Losses, MessageText? Problem) ReadLog(string log, IReadOnlyList<string> lines, bool crossEntropy)
    {
        var first = 0; // the header: the first line with text (blank and comment lines before it are skipped)
        while (first < lines.Count && lines[first].Trim().Length == 0) first++;
        var header = first == lines.Count ? [] : lines[first].Split(',').Select(h => h.Trim()).ToArray();
        var column = Array.FindIndex(header, h => h.Equals("loss", StringComparison.OrdinalIgnoreCase));
        if (column < 0) return (null, Msg.ModelLogNoLoss.With(log));
        var order = Array.FindIndex(header, h => h.Equals("epoch", StringComparison.OrdinalIgnoreCase) || h.Equals("step", StringComparison.OrdinalIgnoreCase));
        var losses = new List<double>();
        (double At, int Line)? previous = null;
        for (var i = first + 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var line = (i + 1).ToString(CultureInfo.InvariantCulture);
            var cells = lines[i].Split(',');
            if (order >= 0)
            {
                var text = cells.Length > order ? cells[order].Trim() : "";
                var at = Parse(text);
                if (!double.IsFinite(at)) return (null, Msg.ModelLogOrderNotNumber.With(log, line, header[order], text));
                if (previous is { } p && at <= p.At)
                    return (null, Msg.ModelLogOutOfOrder.With(log, line, header[order], text, p.Line.ToString(CultureInfo.InvariantCulture), p.At.ToString(CultureInfo.InvariantCulture)));
                previous = (at, i + 1);
            }
            var loss = cells.Length > column ? Parse(cells[column].Trim()) : double.NaN;
            if (crossEntropy && loss < 0) return (null, Msg.ModelLogNegativeLoss.With(log, line, cells[column].Trim()));
            losses.Add(loss);
        }
        return (losses, null);
    }

    /// <summary>Whether the description's <c>training.hyperparameters.loss</c> names a cross-entropy (or negative
    /// log-likelihood) loss, which is never below 0.</summary>
    internal static bool CrossEntropy(JsonNode? description) =>
        DeclaredText(Declared(description, "training", "hyperparameters", "loss")) is { } name
        && new string(name.Where(char.IsLetter).ToArray()).ToLowerInvariant() is var n
        && (n.Contains("crossentropy", StringComparison.Ordinal) || n is "nll" or "nllloss" || n.Contains("negativeloglikelihood", StringComparison.Ordinal));

    /// <summary>A training log that could not be read: the losses and every fact drawn from them carry why, so that an item
    /// reading any of them says so (an item read nan_free, left out, as missing with no reason: fresh eyes 4, #5).</summary>
    static JsonObject Unread(string log, MessageText why)
    {
        var facts = new JsonObject { ["log"] = log };
        foreach (var name in TrainingLogFacts) facts[name] = Fact.Error(why);
        return facts;
    }

    /// <summary>Why a vendor's training log or manifest is not this model's record, or null when it is: it must name the
    /// model it records in a comment line <c># model sha256: DIGEST</c> (the SHA-256 of the ONNX file), and every such line
    /// must name the model inspected. A file that names none is not tied (any model's log would do); one naming another
    /// digest is another model's record.</summary>
    static MessageText? Untied(string text, string name, string modelSha)
    {
        var named = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('#')) continue;
            var m = ModelTie.Match(line);
            if (m.Success) named.Add(m.Groups[1].Value.ToLowerInvariant());
        }
        if (named.Count == 0) return Msg.ModelRecordNotTied.With(name);
        return named.FirstOrDefault(n => n != modelSha) is { } other ? Msg.ModelRecordOtherModel.With(name, other, modelSha) : null;
    }

    static readonly Regex ModelTie = new(@"^#\s*model\s+sha256\s*:?\s*([0-9a-fA-F]{64})\s*$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    /// <summary>The facts of training_run drawn from its losses.</summary>
    static readonly string[] TrainingLogFacts = ["losses", "first_loss", "final_loss", "relative_decrease", "nan_free"];

    /// <summary>The vendor's files iq read (the training log, the training manifest), each with the SHA-256 of the bytes
    /// read: written as the measurements document's <c>sources</c>, so the facts declared on them name their origin.</summary>
    public List<Iq.Engine.Facts.SourceArtefact> VendorFiles { get; } = [];

    public const string ManifestField = "source_data.manifest_ref", LogField = "claims.trainability.loss_curve_ref";

    /// <summary>The files the description names (its training manifest and training log), each checked to lie beside it
    /// (<see cref="FolderContainment"/>, the rule of an ONNX model's external data): one leaving the description's
    /// folder is refused (exit 2) before anything is measured.</summary>
    public static void CheckReferences(JsonObject description, string folder)
    {
        if (DeclaredText(Declared(description, "source_data", "manifest_ref")) is { } manifest) Beside(folder, ManifestField, manifest);
        if (DeclaredText(Declared(description, "claims", "trainability", "loss_curve_ref")) is { } log) Beside(folder, LogField, log);
    }

    static string Beside(string? folder, string field, string name)
    {
        folder ??= Directory.GetCurrentDirectory();
        var (where, full) = FolderContainment.Resolve(folder, name);
        return where switch
        {
            Containment.Leaves => throw new BaselineInputException(Msg.DescriptionReferenceLeaves.With(Path.GetFullPath(folder), field, name)),
            Containment.LinkLeaves => throw new BaselineInputException(Msg.DescriptionReferenceLinkLeaves.With(Path.GetFullPath(folder), field, name)),
            _ => full,
        };
    }

    /// <summary>The SHA-256 digests a training manifest lists, one a line (64 hexadecimal digits, optionally followed by
    /// blanks and a name, as sha256sum writes them; blank lines and # comments skipped). Any other line, or no digest at
    /// all, is an error at its line: a manifest iq cannot read would otherwise count an overlap of 0 and pass 6.3.7.</summary>
    static HashSet<string>? ManifestDigests(string text, string name, out MessageText? problem)
    {
        var digests = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var digest = line.Length >= 64 && (line.Length == 64 || char.IsWhiteSpace(line[64])) ? line[..64] : null;
            if (digest is null || !digest.All(char.IsAsciiHexDigit))
            {
                problem = Msg.ModelManifestBadLine.With(name, (i + 1).ToString(CultureInfo.InvariantCulture), line.Length > 80 ? line[..80] + "…" : line);
                return null;
            }
            digests.Add(digest);
        }
        problem = digests.Count == 0 ? Msg.ModelManifestNoDigest.With(name) : null;
        return digests.Count == 0 ? null : digests;
    }

    /// <summary>A file the description names (a training manifest, a training log), read as every input is: a FIFO or a
    /// device is refused unopened, a file over its bound or not UTF-8 text is refused with the line. Null with why.
    /// <paramref name="facts"/>: the fact paths taken from it.</summary>
    (string? Text, MessageText? Problem) Referenced(string path, string name, IReadOnlyList<string> facts)
    {
        try
        {
            var bytes = InputFiles.ReadAllBytes(path, InputKind.Description);
            // The vendor's file, by the hash of the bytes read, with the facts taken from it: a row reading them names it.
            VendorFiles.Add(new Iq.Engine.Facts.SourceArtefact(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length)
                { Facts = facts });
            return (Iq.Rules.Syntax.TextDecoding.Decode(bytes, null, encodingOption: false), null);
        }
        catch (InputFileException e) { return (null, Msg.ModelReferencedUnreadable.With(name, e.Reason)); }
        catch (Iq.Rules.Syntax.TextDecodingException e) { return (null, Msg.ModelReferencedNotText.With(name, e.Line.ToString(CultureInfo.InvariantCulture), e.Column.ToString(CultureInfo.InvariantCulture), e.Message)); }
    }

    static double Parse(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
