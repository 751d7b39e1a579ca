using Iq.Rules.Messages;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Iq.Engine.Model;
using Iq.Engine.Probes;
using Iq.Rules.Io;

namespace Iq.Engine.Baseline;

/// <summary>What to measure, as <c>iq baseline</c>'s options say.</summary>
public sealed record BaselineOptions
{
    public required string Model { get; init; }
    public string? Cases { get; init; }
    public string? Labels { get; init; }
    public string Task { get; init; } = "classification";
    public int Warmup { get; init; } = 10;
    public int Iterations { get; init; } = 100;
    public TimeSpan? Duration { get; init; }
    public int[] Concurrency { get; init; } = [1, 2, 4, 8];
    public string Device { get; init; } = "cpu";
    public TimeSpan? LatencyBound { get; init; }
    public bool Synthetic { get; init; }
    public int Repeat { get; init; } = 10;
    public double[] Noise { get; init; } = [];
    public int ThreadsPerRun { get; init; } = 1;
}

/// <summary>What the runner is doing, and how far along (0–1), for a progress bar.</summary>
public readonly record struct BaselineProgress(string Stage, double Fraction);

/// <summary>One case: its input tensors by input name.</summary>
sealed record BaselineCase(string Name, IReadOnlyList<(string Input, float[] Data, int[] Shape)> Inputs);

/// <summary>Runs the device's own ONNX model on this machine and measures what IQ 4.3.2 and 6.4.2 ask: single-stream
/// latency after warm-up; at each concurrency level throughput, latency and errors; the largest level within the latency
/// bound; CPU time and peak memory; accuracy (A.10.1) or Dice/IoU/pixel accuracy (A.10.2) on labelled cases; output
/// repeatability; accuracy under Gaussian noise (A.12.2). The method is named in the facts, as MLPerf names its
/// scenarios. Each run uses <see cref="BaselineOptions.ThreadsPerRun"/> intra-op threads, so that concurrency, not one
/// run's own parallelism, is what the levels measure.</summary>
public sealed class BaselineRunner : IDisposable
{
    readonly BaselineOptions _o;
    readonly InferenceSession _session;
    readonly string _inputNames;
    public string Provider { get; }
    /// <summary>Why CUDA was not used (with --device auto), printed in the reader's language and stored as its English words.</summary>
    public MessageText? ProviderNote { get; }

    /// <summary>What the run found worth saying beside the facts (outputs that hold NaN …).</summary>
    public List<MessageText> Notes { get; } = [];

    /// <summary>The most elements iq makes up for one synthetic input (1 GiB of float32): a model that declares more is
    /// refused rather than allowed to exhaust memory.</summary>
    public const long MaxSyntheticElements = 1L << 28;

    public BaselineRunner(BaselineOptions options)
    {
        _o = options;
        // Refused as iq model refuses it, in the same words (one check, OnnxInspector's).
        if (OnnxInspector.Refusal(options.Model) is { } refused) throw new BaselineInputException(refused);
        (_session, Provider, ProviderNote) = Open(options);
        _inputNames = string.Join(", ", _session.InputMetadata.Keys);
    }

    static (InferenceSession, string, MessageText?) Open(BaselineOptions o)
    {
        // Read by iq (a regular file, bounded), never opened by the native runtime itself: a FIFO would block it.
        var bytes = InputFiles.ReadAllBytes(o.Model, InputKind.Model);
        // What iq model refuses (a negative dimension, a cycle, initializers whose data is not what they declare, external
        // data outside the model's folder …) is refused here with the same message, before the runtime sees the bytes.
        Iq.Engine.Model.Onnx.ModelProto model;
        try { model = OnnxInspector.Parse(o.Model, bytes); }
        catch (ModelInputException e) { throw new BaselineInputException(e.Text); }
        // The runtime gets the bytes, not the path, so it would look for external data (weights in a file beside the model)
        // relative to the working directory; it is told the model's folder, where iq model looks and OnnxInspector checked.
        var folder = Path.GetDirectoryName(Path.GetFullPath(o.Model))!;
        // The runtime opens those files itself: each must be one iq would read (a regular file within its limit), never a
        // FIFO it would block on or a device it would read without end. Their locations were checked to stay in the folder.
        foreach (var t in model.Graph.Initializer.Where(t => t.DataLocation == Iq.Engine.Model.Onnx.TensorProto.Types.DataLocation.External))
            if (t.ExternalData.FirstOrDefault(e => e.Key == "location") is { } location
                && InputFiles.Refusal(Path.Combine(folder, location.Value), InputKind.Model) is { } refused)
                throw new BaselineInputException(Msg.ModelRefused.With(Path.Combine(Path.GetDirectoryName(o.Model) ?? "", location.Value), refused.Text));
        SessionOptions Cpu()
        {
            var options = new SessionOptions { IntraOpNumThreads = o.ThreadsPerRun, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
            options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", folder);
            return options;
        }
        MessageText? cudaFailure = null;
        if (o.Device is "cuda" or "auto")
        {
            var options = Cpu();
            try
            {
                options.AppendExecutionProvider_CUDA(0);
                return (Load(o.Model, bytes, options), "cuda", null);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or OnnxRuntimeException)
            {
                options.Dispose();
                cudaFailure = e is EntryPointNotFoundException or DllNotFoundException
                    ? Msg.CudaNoProvider.Text
                    : (MissingLibrary(e.Message) ?? MissingProviderDependency()) is { } library
                        ? Msg.CudaLibraryMissing.With(library, typeof(InferenceSession).Assembly.GetName().Version?.ToString(3))
                        : Msg.CudaDidNotStart.With(OrtError(e.Message));
                if (o.Device == "cuda") throw new BaselineInputException(Msg.BaselineCudaRequired.With(cudaFailure));
            }
        }
        return (Load(o.Model, bytes, Cpu()), "cpu", cudaFailure is null ? null : Msg.BaselineCudaNotUsed.With(cudaFailure));
    }

    /// <summary>The shared library the loader could not find ("libcublasLt.so.13: cannot open shared object file"), if that was why.</summary>
    internal static string? MissingLibrary(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, @"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Which library the CUDA provider could not load. ONNX Runtime 1.31 logs the loader's message but throws only
    /// "Failed to load shared library", so the provider beside the loaded libonnxruntime.so is opened once more, and the
    /// loader's own message (dlerror) names the missing dependency.</summary>
    static string? MissingProviderDependency()
    {
        try
        {
            var runtime = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
                .FirstOrDefault(f => f is not null && f.EndsWith("/libonnxruntime.so", StringComparison.Ordinal));
            if (runtime is null) return null;
            var provider = Path.Combine(Path.GetDirectoryName(runtime)!, "libonnxruntime_providers_cuda.so");
            if (!File.Exists(provider)) return null;
            if (System.Runtime.InteropServices.NativeLibrary.TryLoad(provider, out var handle))
            {
                System.Runtime.InteropServices.NativeLibrary.Free(handle);
                return null;
            }
            System.Runtime.InteropServices.NativeLibrary.Load(provider);
            return null;
        }
        catch (DllNotFoundException e) { return MissingLibrary(e.Message); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    static InferenceSession Load(string model, byte[] bytes, SessionOptions options)
    {
        try { return new InferenceSession(bytes, options); }
        catch (OnnxRuntimeException e)
        {
            throw new BaselineInputException(Msg.BaselineModelUnloadable.With(model, OrtError(e.Message)));
        }
    }

    /// <summary>ONNX Runtime's refusal in the catalog's words, from the error code its exceptions begin with
    /// ("[ErrorCode:InvalidProtobuf] …", the native OrtErrorCode); its English (first line) only as a detail.</summary>
    internal static ILocalized OrtError(string message)
    {
        var text = message.Split('\n')[0];
        var code = System.Text.RegularExpressions.Regex.Match(text, @"^\[ErrorCode:(\w+)\]") is { Success: true } m ? m.Groups[1].Value : "";
        var kind = code switch
        {
            "InvalidProtobuf" or "InvalidGraph" or "NoModel" => Msg.OrtInvalidModel,
            "InvalidArgument" => Msg.OrtInvalidArgument,
            "NotImplemented" or "ShapeInferenceNotRegistered" or "RequirementNotRegistered" => Msg.OrtNotImplemented,
            "NoSuchFile" => Msg.OrtNoFile,
            "EPFail" or "ExecutionProviderFail" or "EngineError" => Msg.OrtProviderFailed,
            _ => Msg.OrtFailed,
        };
        return kind.With(LibraryError.English("ONNX Runtime", text));
    }

    public void Dispose() => _session.Dispose();

    // ---- cases and labels ----

    internal IReadOnlyList<BaselineCase> LoadCases()
    {
        var inputs = _session.InputMetadata.ToList();
        if (inputs.Any(i => i.Value.ElementType != typeof(float)))
            throw new BaselineInputException(Msg.BaselineFloatInputsOnly.With(_o.Model, _inputNames));
        if (_o.Synthetic)
        {
            var rng = new Random(20261122);
            foreach (var i in inputs)
            {
                double count = 1;
                foreach (var d in i.Value.Dimensions) count *= Math.Max(1L, d);
                // -1 is how ONNX Runtime shows a dimension left open; anything below is no dimension at all.
                if (i.Value.Dimensions.FirstOrDefault(d => d < -1) is var bad and < -1)
                    throw new BaselineInputException(Msg.BaselineBadDimension.With(_o.Model, i.Key, bad, string.Join(" × ", i.Value.Dimensions)));
                if (count > MaxSyntheticElements)
                    throw new BaselineInputException(Msg.BaselineSyntheticTooLarge.With(_o.Model, i.Key, count.ToString("0", CultureInfo.InvariantCulture),
                        string.Join(" × ", i.Value.Dimensions), MaxSyntheticElements));
            }
            return Enumerable.Range(0, 8).Select(n => new BaselineCase($"synthetic{n}", inputs.Select(i =>
            {
                var shape = i.Value.Dimensions.Select(d => d > 0 ? d : 1).ToArray();
                var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
                for (var k = 0; k < data.Length; k++) data[k] = (float)Gaussian(rng);
                return (i.Key, data, shape);
            }).ToList())).ToList();
        }
        if (_o.Cases is null) throw new BaselineInputException(Msg.BaselineNoCases.Text);
        if (!Directory.Exists(_o.Cases)) throw new BaselineInputException(Msg.BaselineCasesNotFound.With(_o.Cases));
        if (InputFiles.FolderRefusal(_o.Cases) is { } notFolder) throw notFolder;
        // Read as a whole: the run's documents never go into it, where they would join the cases the next run reads.
        InputLedger.NoteFolder(_o.Cases);
        var files = Directory.GetFiles(_o.Cases, "*.npy").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new BaselineInputException(Msg.BaselineNoNpy.With(_o.Cases));
        var cases = new List<BaselineCase>();
        if (inputs.Count == 1)
        {
            foreach (var f in files) cases.Add(new BaselineCase(Path.GetFileNameWithoutExtension(f), [Fit(f, inputs[0].Key, inputs[0].Value)]));
        }
        else
        {
            // case.<input>.npy for each of several inputs
            foreach (var group in files.GroupBy(f => Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(f))))
            {
                var parts = inputs.Select(i =>
                {
                    var file = group.FirstOrDefault(f => Path.GetFileName(f) == $"{group.Key}.{i.Key}.npy")
                               ?? throw new BaselineInputException(Msg.BaselineCaseMissingInput.With(_o.Cases, group.Key, $"{group.Key}.{i.Key}.npy", i.Key));
                    return Fit(file, i.Key, i.Value);
                }).ToList();
                cases.Add(new BaselineCase(group.Key, parts));
            }
        }
        return cases;
    }

    /// <summary>Checks a case against the model's declared input shape; a missing batch dimension is added.</summary>
    static (string, float[], int[]) Fit(string file, string input, NodeMetadata meta)
    {
        var array = Npy.Read(file);
        var shape = array.Shape;
        var declared = meta.Dimensions;
        if (shape.Length == declared.Length - 1) shape = [1, .. shape];
        var fits = shape.Length == declared.Length && shape.Zip(declared).All(p => p.Second <= 0 || p.First == p.Second);
        if (!fits)
            throw new BaselineInputException(Msg.BaselineShapeMismatch.With(file, string.Join(", ", array.Shape), input,
                string.Join(", ", declared.Select((d, i) => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : meta.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?"))));
        return (input, array.Data, shape);
    }

    internal Dictionary<string, object> LoadLabels(IReadOnlyList<BaselineCase> cases) =>
        LoadLabelRows(cases).Where(r => r.Label is not null).ToDictionary(r => r.Case, r => r.Label!, StringComparer.Ordinal);

    /// <summary>One row of the labels file: <c>case,label[,group][,tags]</c>. Tags (separated by ';') mark cases for the
    /// 001 suites: natural_noise, stress, ood, invalid. An ood or invalid case may have no label.</summary>
    internal sealed record LabelRow(string Case, object? Label, string Group, IReadOnlyList<string> Tags);

    internal IReadOnlyList<LabelRow> LoadLabelRows(IReadOnlyList<BaselineCase> cases)
    {
        var rows = new List<LabelRow>();
        if (_o.Labels is null) return rows;
        if (InputFiles.Refusal(_o.Labels, InputKind.Labels) is { Code: Iq.Rules.Diagnostics.Codes.FileNotFound })
            throw new BaselineInputException(Msg.LabelsNotFound.With(_o.Labels));
        // Read as every input is: a regular file within its limit (64 MiB), never a FIFO or a device; decoded by its
        // byte-order mark (UTF-8, UTF-16, GB18030), else strict UTF-8: a case name garbled into U+FFFD would match no case.
        string[] lines;
        try { lines = Iq.Rules.Syntax.TextDecoding.Decode(InputFiles.ReadAllBytes(_o.Labels, InputKind.Labels), null, encodingOption: false).Split('\n').Select(l => l.TrimEnd('\r')).ToArray(); }
        catch (Iq.Rules.Syntax.TextDecodingException e) { throw new BaselineInputException(Msg.LabelsAt.With($"{_o.Labels}:{e.Line}:{e.Column}", e.Text)); }
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        var header = lines.Length == 0 ? "" : lines[0].Trim();
        if (header is not ("case,label" or "case,label,group" or "case,label,group,tags"))
            throw new BaselineInputException(Msg.LabelsBadHeader.With($"{_o.Labels}:1"));
        var columns = header.Split(',').Length;
        var names = cases.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0) continue;
            var f = lines[n].Split(',');
            if (f.Length != columns) throw new BaselineInputException(Msg.LabelsBadRow.With($"{_o.Labels}:{n + 1}", header, lines[n]));
            var (name, value) = (f[0].Trim(), f[1].Trim());
            if (!names.Contains(name)) throw new BaselineInputException(Msg.LabelsUnknownCase.With($"{_o.Labels}:{n + 1}", name, _o.Cases));
            if (!seen.Add(name)) throw new BaselineInputException(Msg.LabelsSecondRow.With($"{_o.Labels}:{n + 1}", name));
            var group = columns > 2 ? f[2].Trim() : "";
            var tags = columns > 3 ? f[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            foreach (var t in tags)
                if (t is not ("natural_noise" or "stress" or "ood" or "invalid"))
                    throw new BaselineInputException(Msg.LabelsUnknownTag.With($"{_o.Labels}:{n + 1}", t));
            object? label;
            if (value.Length == 0 && tags.Any(t => t is "ood" or "invalid")) label = null;
            else if (_o.Task == "segmentation")
            {
                var mask = Npy.Read(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_o.Labels))!, value));
                label = mask.Data;
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l < 1_000_000) label = l;
            else throw new BaselineInputException(Msg.LabelsNotWholeNumber.With($"{_o.Labels}:{n + 1}", value));
            rows.Add(new LabelRow(name, label, group, tags));
        }
        return rows;
    }

    // ---- running ----

    internal static IReadOnlyList<NamedOnnxValue> Feed(BaselineCase c) =>
        c.Inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Input, new DenseTensor<float>(i.Data, i.Shape))).ToList();

    /// <summary>One timed inference: what the latency loops run (the benchmark compares it with a bare session.Run).
    /// The output is not copied: that would be timed too.</summary>
    public int RunOnce(IReadOnlyList<NamedOnnxValue> feed)
    {
        using var results = _session.Run(feed);
        return results.Count;
    }

    /// <summary>One inference and its first output, for metrics and repeatability (not timed).</summary>
    public float[] Output(IReadOnlyList<NamedOnnxValue> feed)
    {
        using var results = _session.Run(feed);
        return results[0].AsEnumerable<float>().ToArray();
    }

    /// <summary>The first output's declared shape (negative for symbolic dimensions).</summary>
    internal int[] OutputShape => _session.OutputMetadata.First().Value.Dimensions;

    /// <summary>The first input: name and declared shape (negative for symbolic dimensions).</summary>
    internal (string Name, int[] Shape) FirstInput => (_session.InputMetadata.First().Key, _session.InputMetadata.First().Value.Dimensions);

    public JsonObject Measure(IProgress<BaselineProgress>? progress, CancellationToken cancel)
    {
        var started = DateTimeOffset.UtcNow;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var cases = LoadCases();
        var labels = LoadLabels(cases);
        var feeds = cases.Select(Feed).ToList();
        var incomplete = false;
        var facts = new JsonObject { ["model"] = Path.GetFileName(_o.Model), ["provider"] = Provider };
        // GPU memory and utilisation come from nvidia-smi, sampled while the model runs on the GPU.
        var sampler = Provider == "cuda" ? new GpuSampler(ProbeContext.ForThisMachine(), TimeSpan.FromMilliseconds(250)) : null;
        if (ProviderNote is not null) facts["provider_note"] = ProviderNote.ToString();

        try
        {
            for (var i = 0; i < _o.Warmup; i++) { cancel.ThrowIfCancellationRequested(); RunOnce(feeds[i % feeds.Count]); }
            var single = Level(1, feeds, cancel, progress, "single-stream");
            facts["single_stream"] = Latency(single.Latencies);
            var levels = new JsonArray();
            var best = 0;
            // 6.4.2 a): concurrency is stepped up until the response time exceeds the acceptable range or errors occur. A level
            // that does so bounds the maximum; without a latency bound and with no level in error, the highest level tried
            // is a ceiling of the run, not the system's maximum.
            var bounded = _o.LatencyBound is not null;
            foreach (var level in _o.Concurrency)
            {
                var r = Level(level, feeds, cancel, progress, $"concurrency {level}");
                var sorted = r.Latencies.Order().ToArray();
                var p99 = Metrics.Percentile(sorted, 99);
                levels.Add(new JsonObject
                {
                    ["level"] = level,
                    ["throughput"] = Math.Round(r.Latencies.Length / r.Wall.TotalSeconds, 3),
                    ["mean"] = Ms(sorted.Length == 0 ? 0 : sorted.Average()),
                    ["p99"] = Ms(p99),
                    ["success"] = r.Latencies.Length,
                    ["errors"] = r.Errors,
                });
                if (r.Errors == 0 && (_o.LatencyBound is not { } bound || p99 <= bound.TotalMilliseconds)) best = Math.Max(best, level);
                else bounded = true;
            }
            facts["concurrency"] = levels;
            facts["max_concurrency"] = bounded || _o.Concurrency.Length == 0 ? best
                : Fact.Absent(Msg.BaselineConcurrencyUnbounded.With(_o.Concurrency.Max().ToString(CultureInfo.InvariantCulture)));

            if (labels.Count > 0)
            {
                progress?.Report(new BaselineProgress("accuracy", 0));
                foreach (var (k, v) in Accuracy(cases, feeds, labels, null)) facts[k] = v?.DeepClone();
                if (_o.Noise.Length > 0)
                {
                    var robustness = new JsonArray();
                    foreach (var level in _o.Noise)
                    {
                        var metrics = Accuracy(cases, feeds, labels, level);
                        robustness.Add(new JsonObject { ["noise"] = level, ["metric"] = metrics[_o.Task == "segmentation" ? "dice" : "accuracy"]!.DeepClone() });
                    }
                    facts["robustness"] = robustness;
                }
            }
            var first = Output(feeds[0]);
            double maxDiff = 0;
            for (var i = 1; i < _o.Repeat; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var again = Output(feeds[0]);
                for (var k = 0; k < first.Length; k++) maxDiff = Math.Max(maxDiff, Math.Abs(first[k] - again[k]));
            }
            facts["repeatability"] = new JsonObject
            {
                ["runs"] = _o.Repeat,
                // NaN is no difference of zero: an output that is not a number makes repeatability unknown, never perfect.
                ["max_abs_diff"] = double.IsFinite(maxDiff) && first.All(float.IsFinite) ? maxDiff : Undefined(Msg.BaselineCaseNaN.With(cases[0].Name)),
            };
        }
        catch (OperationCanceledException)
        {
            incomplete = true;
        }
        process.Refresh();
        var resources = new JsonObject
        {
            ["cpu_time"] = Ms((process.TotalProcessorTime - cpuBefore).TotalMilliseconds),
            ["peak_memory"] = process.PeakWorkingSet64,
        };
        if (sampler is not null)
        {
            sampler.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (sampler.Summary() is { } gpu)
            {
                resources["gpu_memory"] = gpu.PeakBytes;
                resources["gpu_utilization"] = Math.Round(gpu.MeanUtilization, 4);
            }
        }
        facts["resources"] = resources;
        facts["method"] = new JsonObject
        {
            ["scenarios"] = "single-stream (one request at a time), then server-like concurrency levels (N requests in flight)",
            ["warmup"] = _o.Warmup,
            ["iterations"] = _o.Duration is null ? _o.Iterations : null,
            ["duration"] = _o.Duration is { } d ? Ms(d.TotalMilliseconds) : null,
            ["threads_per_run"] = _o.ThreadsPerRun,
            ["latency_bound"] = _o.LatencyBound is { } b ? Ms(b.TotalMilliseconds) : null,
            ["cases"] = cases.Count,
            ["started"] = started.ToString("O", CultureInfo.InvariantCulture),
        };
        facts["incomplete"] = incomplete;
        return facts;
    }

    internal sealed record LevelResult(double[] Latencies, int Errors, TimeSpan Wall);

    /// <summary>N workers share the session (Run is thread-safe), each taking cases in turn, until the iterations (all
    /// workers together) or the duration are used up.</summary>
    internal LevelResult Level(int workers, List<IReadOnlyList<NamedOnnxValue>> feeds, CancellationToken cancel, IProgress<BaselineProgress>? progress, string stage)
    {
        var latencies = new List<double>[workers];
        var errors = 0;
        var remaining = _o.Iterations;
        var deadline = _o.Duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var wall = Stopwatch.StartNew();
        using var ticker = progress is null ? null : new Timer(_ => progress.Report(new BaselineProgress(stage, _o.Duration is { } dd
            ? Math.Min(1, wall.Elapsed / dd)
            : Math.Min(1, 1 - (double)Math.Max(0, Volatile.Read(ref remaining)) / _o.Iterations))), null, 0, 200);
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            var mine = latencies[w] = [];
            var next = w;
            while (!cancel.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline && (_o.Duration is not null || Interlocked.Decrement(ref remaining) >= 0))
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    RunOnce(feeds[next % feeds.Count]);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (OnnxRuntimeException) { Interlocked.Increment(ref errors); }
                next += workers;
            }
        })).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        wall.Stop();
        cancel.ThrowIfCancellationRequested();
        return new LevelResult(latencies.SelectMany(l => l).ToArray(), errors, wall.Elapsed);
    }

    JsonObject Accuracy(IReadOnlyList<BaselineCase> cases, List<IReadOnlyList<NamedOnnxValue>> feeds, Dictionary<string, object> labels, double? noise)
    {
        var rng = new Random(7);
        var outputs = new List<(string Case, float[] Output)>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (!labels.ContainsKey(cases[i].Name)) continue;
            var feed = noise is { } level ? Noisy(cases[i], level, rng) : feeds[i];
            outputs.Add((cases[i].Name, Output(feed)));
        }
        // A metric over outputs that are not numbers is no metric: the facts say why, and the items reading them end as errors.
        var nan = outputs.Where(o => !o.Output.All(float.IsFinite)).Select(o => o.Case).ToList();
        if (nan.Count > 0)
        {
            var why = Msg.BaselineOutputsNaN.With(nan.Count.ToString(CultureInfo.InvariantCulture), outputs.Count.ToString(CultureInfo.InvariantCulture),
                $"{string.Join(", ", nan.Take(5))}{(nan.Count > 5 ? ", …" : "")}");
            if (noise is null) Notes.Add(Msg.BaselineNoteNaN.With(_o.Model, why));
            string[] names = _o.Task == "segmentation" ? ["dice", "iou", "pixel_accuracy"] : ["accuracy", "precision", "recall", "f1"];
            return new JsonObject(names.Select(n => KeyValuePair.Create(n, (JsonNode?)Undefined(why))));
        }
        if (_o.Task == "segmentation")
        {
            var s = Metrics.Segment(outputs.Select(o =>
            {
                var truth = (float[])labels[o.Case];
                if (truth.Length != o.Output.Length)
                    throw new BaselineInputException(Msg.LabelsMaskSize.With(_o.Labels, o.Case, truth.Length, o.Output.Length));
                return (o.Output, truth);
            }));
            JsonNode Defined(double v, string what) => double.IsFinite(v) ? Metrics.Figure(v) : Undefined(Msg.BaselineNoForeground.With(what));
            return new JsonObject { ["dice"] = Defined(s.Dice, "Dice"), ["iou"] = Defined(s.Iou, "IoU"), ["pixel_accuracy"] = Defined(s.PixelAccuracy, "pixel accuracy") };
        }
        var c = Metrics.Classify(outputs.Select(o => (int)labels[o.Case]).ToList(), outputs.Select(o => Metrics.ArgMax(o.Output)).ToList());
        return new JsonObject { ["accuracy"] = Metrics.Figure(c.Accuracy), ["precision"] = Metrics.Figure(c.Precision), ["recall"] = Metrics.Figure(c.Recall), ["f1"] = Metrics.Figure(c.F1) };
    }

    /// <summary>The case with Gaussian noise of standard deviation <paramref name="level"/> × the case's own.</summary>
    static IReadOnlyList<NamedOnnxValue> Noisy(BaselineCase c, double level, Random rng) =>
        c.Inputs.Select(i =>
        {
            var mean = i.Data.Average(x => (double)x);
            var sd = Math.Sqrt(i.Data.Average(x => (x - mean) * (x - mean)));
            var data = i.Data.Select(x => (float)(x + level * sd * Gaussian(rng))).ToArray();
            return NamedOnnxValue.CreateFromTensor(i.Input, new DenseTensor<float>(data, i.Shape));
        }).ToList();

    static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    internal static JsonObject Latency(double[] latencies)
    {
        var sorted = latencies.Order().ToArray();
        return new JsonObject
        {
            ["mean"] = Ms(sorted.Length == 0 ? 0 : sorted.Average()),
            ["p50"] = Ms(Metrics.Percentile(sorted, 50)),
            ["p90"] = Ms(Metrics.Percentile(sorted, 90)),
            ["p95"] = Ms(Metrics.Percentile(sorted, 95)),
            ["p99"] = Ms(Metrics.Percentile(sorted, 99)),
            ["max"] = Ms(sorted.Length == 0 ? 0 : sorted[^1]),
        };
    }

    static JsonNode Ms(double ms) => Math.Round(ms, 4);

    /// <summary>A fact that could not be measured, as probes write it: the item reading it is <c>error</c>, never pass.</summary>
    static JsonObject Undefined(MessageText why) => Iq.Engine.Probes.Fact.Error(why);
}
