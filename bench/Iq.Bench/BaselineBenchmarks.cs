using BenchmarkDotNet.Attributes;
using Iq.Engine.Baseline;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Iq.Bench;

/// <summary>Issue 7's target: the runner's own overhead. Its single run (what every measurement loop calls) against a
/// bare InferenceSession.Run on the same model, input and thread settings: within 3 %.</summary>
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class BaselineBenchmarks
{
    BaselineRunner _runner = null!;
    InferenceSession _bare = null!;
    IReadOnlyList<NamedOnnxValue> _feed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = Path.Combine(Paths.Repo, "tests", "Iq.Tests", "Cases", "baseline", "perf", "convnet.onnx");
        _runner = new BaselineRunner(new BaselineOptions { Model = model, Synthetic = true });
        _bare = new InferenceSession(model, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL });
        var data = new float[16 * 64 * 64];
        var rng = new Random(1);
        for (var i = 0; i < data.Length; i++) data[i] = (float)rng.NextDouble();
        _feed = [NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(data, [1, 16, 64, 64]))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runner.Dispose();
        _bare.Dispose();
    }

    [Benchmark(Baseline = true, Description = "bare session.Run (convnet, 1 thread)")]
    public int Bare()
    {
        using var results = _bare.Run(_feed);
        return results.Count;
    }

    [Benchmark(Description = "iq baseline runner: one timed run")]
    public int Runner() => _runner.RunOnce(_feed);
}
