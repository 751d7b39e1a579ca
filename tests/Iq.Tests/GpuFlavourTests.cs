using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>The GPU flavour (built on Microsoft.ML.OnnxRuntime.Gpu, the same ONNX Runtime version as the CPU build): .ci/run
/// builds it in a step of its own and runs these tests with IQ_GPU_BUILD pointing at it. On a machine with the CUDA runtime
/// the provider is cuda; without it, --device auto falls back to the CPU and says which library is missing, and --device
/// cuda is an error naming it. Either way the provider that ran is recorded in the results.</summary>
[Trait("Category", "GpuFlavour")]
public class GpuFlavourTests
{
    static string? Build => Environment.GetEnvironmentVariable("IQ_GPU_BUILD") is { Length: > 0 } dir ? Path.Combine(dir, "iq.dll") : null;
    static readonly string Model = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline", "cls", "classifier.onnx");

    static CliRunner.Run Gpu(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Build!);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000));
        return new CliRunner.Run(p.ExitCode, stdout.Result, stderr.Result);
    }

    [SkippableFact]
    public void Auto_runs_on_cuda_or_falls_back_naming_the_missing_library_and_records_the_provider()
    {
        Skip.If(Build is null, "set IQ_GPU_BUILD to the GPU flavour's build folder (.ci/run does)");
        using var dir = new TempDir();
        Assert.Contains("microsoft.ml.onnxruntime.gpu", File.ReadAllText(Path.Combine(Path.GetDirectoryName(Build)!, "iq.deps.json")), StringComparison.OrdinalIgnoreCase);
        // The GPU package's Windows dependency copies onnxruntime.dll and the CUDA provider DLLs (215 MB) beside the program;
        // a Linux build leaves them out (Directory.Build.targets).
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Build)!, "onnxruntime*.dll"));
        var run = Gpu("baseline", Model, "--synthetic", "--device", "auto", "--iterations", "5", "--warmup", "1", "--concurrency", "1", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var provider = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "baseline.json")))!["facts"]!["provider"]!;
        if (provider == "cuda") return;
        Assert.Equal("cpu", provider);
        Assert.Matches(@"CUDA not used: the CUDA execution provider did not start: lib[\w.+-]+\.so(\.\d+)* is missing", run.Stderr);
    }

    [SkippableFact]
    public void Cuda_without_the_cuda_runtime_is_an_error_naming_the_library()
    {
        Skip.If(Build is null, "set IQ_GPU_BUILD to the GPU flavour's build folder (.ci/run does)");
        using var dir = new TempDir();
        var run = Gpu("baseline", Model, "--synthetic", "--device", "cuda", "--iterations", "5", "--warmup", "1", "--concurrency", "1", "--out", dir.Path);
        if (run.ExitCode == 0)
        {
            Assert.Equal("cuda", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "baseline.json")))!["facts"]!["provider"]!);
            return;
        }
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"--device cuda: the CUDA execution provider did not start: lib[\w.+-]+\.so(\.\d+)* is missing", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "baseline.json")));
    }
}
