namespace Iq.Tests;

/// <summary>A command that measures for minutes (a training run and inference for <c>iq model</c>, inference for
/// <c>iq baseline</c>, hashing a tree for <c>iq manifest --root</c> and <c>iq imports --root</c>) checks where it will write
/// before it starts: a bad <c>--out</c> (here a file, not a folder) is refused with exit 2 and nothing of the work is done.
/// Each case shows the order by what the work would have left or said first: before the check, the training command ran
/// (its marker file was there), the model that is no model was read and refused, the manifest that is no manifest was read
/// and refused; only then would the output have been refused.</summary>
public class RefuseBeforeMeasureTests
{
    static void RefusedForOut(CliRunner.Run run, string file)
    {
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"Cannot write: {file} is a regular file, not a folder", run.Stderr);
    }

    static string AFile(TempDir dir)
    {
        var file = Path.Combine(dir.Path, "not-a-folder");
        File.WriteAllText(file, "x");
        return file;
    }

    [Fact]
    public void Model_refuses_a_bad_out_before_the_training_command_runs()
    {
        using var dir = new TempDir();
        var marker = Path.Combine(dir.Path, "trained");
        var file = AFile(dir);
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--cases", Path.Combine(ModelCases.Sample, "cases"),
            "--labels", Path.Combine(ModelCases.Sample, "labels.csv"), "--suite", "performance", "--resamples", "10", "--out", file,
            "--run", "--", "/bin/sh", "-c", $"touch '{marker}'");
        RefusedForOut(run, file);
        Assert.False(File.Exists(marker), "the training command ran before the output was checked");
    }

    [Fact]
    public void Baseline_refuses_a_bad_out_before_reading_the_model()
    {
        using var dir = new TempDir();
        var notModel = Path.Combine(dir.Path, "m.onnx");
        File.WriteAllText(notModel, "not a model");
        var file = AFile(dir);
        RefusedForOut(CliRunner.InProcess("baseline", notModel, "--synthetic", "--out", file), file);
    }

    [Fact]
    public void Manifest_and_imports_refuse_a_bad_out_before_reading_the_list()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        var list = Path.Combine(dir.Path, "list.json");
        File.WriteAllText(list, "{ not json");
        var file = AFile(dir);
        RefusedForOut(CliRunner.InProcess("manifest", list, "--root", root, "--out", file), file);
        RefusedForOut(CliRunner.InProcess("imports", "set", list, "--root", root, "--out", file), file);
    }
}
