using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary><c>iq model --run</c> with a real shell whose training command leaves a process in the background that holds
/// its output open: iq takes the command's own exit as its end (the routine <c>iq snapshot --run</c> uses), returns while
/// that process still runs, records it in <c>training_run.left_running</c> and names it on stderr. It hung for as long as
/// the process lived (it waited for the output to close, then for the exit with no limit).</summary>
public class ModelRunLeftRunningTests
{
    static bool Running(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');

    static void Stop(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); p.Kill(); }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }

    [Fact]
    public void A_training_command_that_leaves_a_background_process_ends_at_its_exit_and_names_the_process()
    {
        using var dir = new TempDir();
        var pidFile = Path.Combine(dir.Path, "pid");
        var bundle = Path.Combine(dir.Path, "bundle");
        // The finding's command: the shell prints its losses and exits; its `sleep` keeps stdout and stderr open.
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--cases", Path.Combine(ModelCases.Sample, "cases"),
            "--labels", Path.Combine(ModelCases.Sample, "labels.csv"), "--suite", "performance", "--resamples", "10", "--out", bundle,
            "--trained", Path.Combine(dir.Path, "retrained.onnx"),
            "--run", "--", "/bin/sh", "-c", $"sleep 300 & echo $! > '{pidFile}'; cp '{ModelCases.SampleModel}' '{Path.Combine(dir.Path, "retrained.onnx")}'; echo 'epoch 1 loss 0.9'; echo 'epoch 2 loss 0.4'; exit 0");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            // iq came back while the process it left is still running: it did not wait for it.
            Assert.True(Running(pid), $"iq returned only after process {pid} ended");
            Assert.True(run.ExitCode == 0, run.Stderr);
            var training = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["training_run"]!;
            Assert.Equal(0, (int)training["exit_code"]!);
            Assert.Equal([0.9, 0.4], training["losses"]!.AsArray().Select(l => (double)l!));
            var sleep = Assert.Single(training["left_running"]!.AsArray(), p => (int)p!["pid"]! == pid)!;
            Assert.Equal("sleep 300", (string)sleep["command"]!);
            Assert.Contains($"the training command exited and left 1 processes running: {pid} sleep 300", run.Stderr);
        }
        finally { Stop(pid); }
    }

    [Fact]
    public void A_training_command_that_leaves_nothing_records_an_empty_list()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--cases", Path.Combine(ModelCases.Sample, "cases"),
            "--labels", Path.Combine(ModelCases.Sample, "labels.csv"), "--suite", "performance", "--resamples", "10", "--out", bundle,
            "--trained", Path.Combine(dir.Path, "retrained.onnx"),
            "--run", "--", "/bin/sh", "-c", $"cp '{ModelCases.SampleModel}' '{Path.Combine(dir.Path, "retrained.onnx")}'; echo 'loss 1.5'; echo 'loss 0.5'; exit 3");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var training = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["training_run"]!;
        Assert.Equal(3, (int)training["exit_code"]!);
        Assert.Equal([1.5, 0.5], training["losses"]!.AsArray().Select(l => (double)l!));
        Assert.Empty(training["left_running"]!.AsArray());
        Assert.DoesNotContain("left", run.Stderr);
    }
}
