using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>Fresh eyes 4, #9: one accuracy of one model on one set of cases printed 0.986666666667 from iq model and
/// 0.9866666666666667 from iq baseline. One rule writes a metric for both (12 digits after the point), in the documents
/// and on the console.</summary>
public class OneFigureTests
{
    [Fact]
    public void The_same_accuracy_reads_the_same_from_iq_model_and_iq_baseline()
    {
        using var dir = new TempDir();
        var cases = Path.Combine(ModelCases.Sample, "cases");
        var labels = Path.Combine(ModelCases.Sample, "labels.csv");
        var model = CliRunner.InProcess("model", ModelCases.SampleModel, "--cases", cases, "--labels", labels, "--suite", "performance",
            "--resamples", "10", "--iterations", "5", "--out", Path.Combine(dir.Path, "m"), "--lang", "en");
        Assert.True(model.ExitCode == 0, model.Stderr);
        var baseline = CliRunner.InProcess("baseline", "--model", ModelCases.SampleModel, "--cases", cases, "--labels", labels,
            "--iterations", "5", "--warmup", "1", "--concurrency", "1", "--out", Path.Combine(dir.Path, "b"), "--lang", "en");
        Assert.True(baseline.ExitCode == 0, baseline.Stderr);
        var measured = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "m", "model_measurements.json")))!["facts"]!["performance"]!["metrics"]!["accuracy"]!["value"]!;
        var based = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "b", "baseline.json")))!["facts"]!["accuracy"]!;
        // The sample's accuracy has float noise past 12 digits (it is the case that read differently): both write it rounded.
        var value = (double)based;
        Assert.Equal(value, (double)measured);
        Assert.Equal(measured.ToJsonString(), based.ToJsonString());
        Assert.Equal(Math.Round(value, 12).ToString("R", CultureInfo.InvariantCulture), based.ToJsonString());
        // The console lines of both commands print that text.
        Assert.Contains("accuracy " + based.ToJsonString(), model.Stdout + model.Stderr);
        Assert.Contains("accuracy " + based.ToJsonString(), baseline.Stdout + baseline.Stderr);
        Assert.DoesNotMatch(new Regex(@"accuracy 0\.\d{13,}"), model.Stdout + model.Stderr + baseline.Stdout + baseline.Stderr);
    }
}
