using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Model;
using Iq.Rules.Messages;

namespace Iq.Tests;

/// <summary>A training log's epoch (or step) column must increase strictly down the file, and a cross-entropy loss is never
/// negative (fresh eyes 7, F-A2): a log whose epochs ran 30, 2, 1 with the loss rising passed 6.3.1.curve and
/// 6.3.1.final, read in file order. Such a log is refused at its line as a log with no loss column is: every fact drawn
/// from it an error, so the 6.3.1 rows error.</summary>
public class TrainingLogOrderTests
{
    static (List<double>? Losses, string? Problem) Read(string text, bool crossEntropy = true)
    {
        var (losses, problem) = ModelMeasurer.ReadLog("log.csv", text.Split('\n'), crossEntropy);
        return (losses, problem?.Render(Lang.En));
    }

    [Theory]
    [InlineData("epoch,loss\n30,2.5\n2,1.0\n1,0.0006", "log.csv:3: epoch 2 is not above the 30 of line 2")]
    [InlineData("epoch,loss\n1,2.5\n1,1.0\n2,0.5", "log.csv:3: epoch 1 is not above the 1 of line 2")]
    [InlineData("step,loss\n100,2.5\n\n50,1.0", "log.csv:4: step 50 is not above the 100 of line 2")]
    [InlineData("loss,Epoch\n2.5,1\n1.0,one", "log.csv:3: Epoch 'one' is not a number")]
    [InlineData("epoch,loss\n1,2.5\n,1.0", "log.csv:3: epoch '' is not a number")]
    [InlineData("epoch,loss\n1,2.5\n2", "")] // a row missing its loss is a NaN loss (nan_free false), as before
    [InlineData("epoch,loss\n1,2.5\n2,-5", "log.csv:3: loss -5 is negative, where the description's hyperparameters.loss is a cross-entropy")]
    public void A_log_out_of_order_repeating_an_epoch_or_with_a_negative_cross_entropy_is_refused_at_its_line(string text, string expected)
    {
        var (losses, problem) = Read(text);
        if (expected.Length == 0) { Assert.Null(problem); Assert.True(double.IsNaN(losses![^1])); return; }
        Assert.Null(losses);
        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void A_negative_loss_of_a_loss_that_may_be_negative_is_read()
    {
        // A log-likelihood to maximise or a regression loss with an offset may go below 0: only cross-entropy is bounded.
        var (losses, problem) = Read("epoch,loss\n1,2.5\n2,-5", crossEntropy: false);
        Assert.Null(problem);
        Assert.Equal([2.5, -5], losses!);
    }

    [Theory]
    [InlineData("cross-entropy", true)]
    [InlineData("CrossEntropyLoss", true)]
    [InlineData("binary_cross_entropy", true)]
    [InlineData("NLLLoss", true)]
    [InlineData("mse", false)]
    [InlineData("hinge", false)]
    public void The_descriptions_loss_names_a_cross_entropy_or_not(string loss, bool expected)
    {
        var description = new JsonObject { ["training"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["loss"] = loss } } };
        Assert.Equal(expected, ModelMeasurer.CrossEntropy(description));
        Assert.False(ModelMeasurer.CrossEntropy(new JsonObject { ["training"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["loss"] = new JsonObject { ["$absent"] = "x" } } } }));
    }

    [Fact]
    public void Any_shuffled_log_of_distinct_epochs_is_read_in_order_only_when_already_in_order_else_refused_at_the_first_step_back()
    {
        // The oracle: the first row (in file order) whose epoch is not above the one before it; none → read as it stands.
        // Half the logs are sorted first (else nearly every shuffle steps back); repeated epochs are in the draw too.
        Gen.Select(Gen.Int[0, 50].Array[2, 30].Where(a => a.Distinct().Count() >= 2), Gen.Bool, Gen.Int[0, 20]).Sample((drawn, sorted, turn) =>
        {
            var epochs = sorted ? drawn.Distinct().Order().ToArray() : Shuffled(drawn, turn);
            var losses = epochs.Select((_, i) => 1.0 / (i + 1)).ToArray();
            var text = "epoch,loss\n" + string.Join("\n", epochs.Select((e, i) => $"{e},{losses[i].ToString("R", CultureInfo.InvariantCulture)}"));
            var (read, problem) = Read(text);
            var back = Enumerable.Range(1, epochs.Length - 1).FirstOrDefault(i => epochs[i] <= epochs[i - 1], -1);
            if (back < 0)
            {
                Assert.Null(problem);
                Assert.Equal(losses, read!);
            }
            else
            {
                Assert.Null(read);
                Assert.StartsWith($"log.csv:{back + 2}: epoch {epochs[back]} is not above the {epochs[back - 1]} of line {back + 1}", problem);
            }
        }, iter: 500);
    }

    /// <summary><paramref name="epochs"/> rotated by <paramref name="turn"/> and every pair at stride 3 swapped: a reordering.</summary>
    static int[] Shuffled(int[] epochs, int turn)
    {
        var a = epochs.Skip(turn % epochs.Length).Concat(epochs.Take(turn % epochs.Length)).ToArray();
        for (var i = 0; i + 1 < a.Length; i += 3) (a[i], a[i + 1]) = (a[i + 1], a[i]);
        return a;
    }

    [Fact]
    public void The_fresh_eyes_log_30_2_1_makes_6_3_1_curve_and_final_error_naming_the_line()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(Path.Combine(ModelCases.Sample, "description.yaml"));
        Assert.Contains("loss_curve_ref: training-log.csv", text);
        var description = Path.Combine(dir.Path, "description.yaml");
        File.WriteAllText(description, text.Replace("loss_curve_ref: training-log.csv", "loss_curve_ref: lie.csv"));
        // Tied to the model inspected (its SHA-256), so what is refused is the order alone, named at the file's own line 4.
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ModelCases.SampleModel)));
        File.WriteAllText(Path.Combine(dir.Path, "lie.csv"), $"# model sha256: {digest}\nepoch,loss\n30,2.5\n2,1.0\n1,0.0006\n");
        File.Copy(Path.Combine(ModelCases.Sample, "training-log.csv"), Path.Combine(dir.Path, "training-log.csv"));
        File.Copy(Path.Combine(ModelCases.Sample, "training-manifest.txt"), Path.Combine(dir.Path, "training-manifest.txt"));
        var bundle = Path.Combine(dir.Path, "b");
        var run = CliRunner.InProcess("model", ModelCases.SampleModel, "--description", description, "--cases", Path.Combine(ModelCases.Sample, "cases"),
            "--labels", Path.Combine(ModelCases.Sample, "labels.csv"), "--suite", "generalization", "--resamples", "10", "--out", bundle);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var training = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["training_run"]!;
        foreach (var fact in new[] { "first_loss", "final_loss", "relative_decrease", "nan_free" })
            Assert.Contains("lie.csv:4: epoch 2 is not above the 30 of line 3", training[fact]!["$error"]!.ToString());

        ModelCases.CopyAttestations(bundle);
        var json = Path.Combine(dir.Path, "results.json");
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle, "--json", json);
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray();
        foreach (var id in new[] { "6.3.1.curve", "6.3.1.final" })
        {
            var row = items.Single(i => (string)i!["id"]! == id)!;
            Assert.Equal("error", (string)row["outcome"]!);
            Assert.Contains("lie.csv:4", row["reason"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
    }
}
