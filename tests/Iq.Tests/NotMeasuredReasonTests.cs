using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>Fresh eyes 4, #5: a description moved away from the training log and manifest it names gave exit 0, no word on
/// stderr, and rows reading the training run said only "missing evidence: measured.training_run.nan_free" (cause no_value,
/// detail null), though the document knew why (IQ7119). Now iq model warns, and every fact drawn from the log carries the
/// reason, which the rows reading them carry, by code, in the report's language.</summary>
public class NotMeasuredReasonTests
{
    const string Checklist = """
        checklist "not-measured" {
          title "not measured"
          version "1"
          scoring weighted pass_at 80 veto shall
        }
        section "S" "training" {
          item "curve" "the loss converges" {
            expect measured.training_run.nan_free
            expect measured.training_run.relative_decrease > 0
          }
          item "unseen" "no test case was trained on" {
            expect measured.generalization.heldout.overlap_count <= 0
          }
        }
        """;

    static (TempDir Dir, CliRunner.Run Model) Measure(string lang)
    {
        var dir = new TempDir();
        // The description alone, away from the training log and manifest it names.
        var description = Path.Combine(dir.Path, "description.yaml");
        File.Copy(Path.Combine(ModelCases.Sample, "description.yaml"), description);
        var model = CliRunner.InProcess("model", ModelCases.SampleModel, "--description", description, "--cases", Path.Combine(ModelCases.Sample, "cases"),
            "--labels", Path.Combine(ModelCases.Sample, "labels.csv"), "--suite", "performance,generalization", "--resamples", "10", "--iterations", "5",
            "--out", Path.Combine(dir.Path, "out"), "--lang", lang);
        File.WriteAllText(Path.Combine(dir.Path, "t.iq"), Checklist);
        return (dir, model);
    }

    [Fact]
    public void A_training_log_not_found_is_warned_and_every_row_reading_it_says_why()
    {
        var (dir, model) = Measure("en");
        using var _ = dir;
        // Exit 0 (DESIGN.md's table: the documents were written), but said.
        Assert.True(model.ExitCode == 0, model.Stderr);
        Assert.Contains("iq: warning: model_measurements.json: measured.training_run.losses, measured.training_run.first_loss, measured.training_run.final_loss, "
            + "measured.training_run.relative_decrease, measured.training_run.nan_free not measured: training log training-log.csv not found beside the description", model.Stderr);
        Assert.Contains("iq: warning: model_measurements.json: measured.generalization.heldout.overlap_count not measured: training manifest training-manifest.txt not found beside the description",
            model.Stderr);
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "model_measurements.json")))!["facts"]!;
        foreach (var name in new[] { "losses", "first_loss", "final_loss", "relative_decrease", "nan_free" })
            Assert.Equal("IQ7119", (string)facts["training_run"]![name]!["$code"]!);

        var json = Path.Combine(dir.Path, "r.json");
        var audit = CliRunner.InProcess("audit", Path.Combine(dir.Path, "t.iq"), "--facts", Path.Combine(dir.Path, "out"), "--lang", "en", "--json", json);
        var rows = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray();
        var curve = rows.Single(r => (string)r!["id"]! == "curve")!;
        Assert.Equal("error", (string)curve["outcome"]!);
        foreach (var fact in curve["reason"]!["facts"]!.AsArray())
        {
            Assert.Equal("probe_error", (string)fact!["cause"]!);
            Assert.Equal("IQ7119", (string)fact["code"]!);
            Assert.Equal("training-log.csv", (string)fact["args"]!["log"]!);
        }
        Assert.Contains("measured.training_run.nan_free (probe error: training log training-log.csv not found beside the description)", (string)curve["message"]!);
        // The console says why without -v: the parts say only "missing".
        Assert.Contains("measured.training_run.nan_free (probe error: training log training-log.csv not found beside the description)", audit.Stdout);
        Assert.Contains("measured.generalization.heldout.overlap_count (probe error: training manifest training-manifest.txt not found beside the description)", audit.Stdout);
        // Worded in Chinese from the code, by a report rendered again from the results and by a Chinese audit.
        var zh = CliRunner.InProcess("audit", Path.Combine(dir.Path, "t.iq"), "--facts", Path.Combine(dir.Path, "out"), "--lang", "zh");
        Assert.Contains("描述文件旁找不到训练日志 training-log.csv", zh.Stdout);
        var html = Path.Combine(dir.Path, "zh.html");
        CliRunner.InProcess("report", json, "--html", html, "--lang", "zh", "-q");
        Assert.Contains("描述文件旁找不到训练日志 training-log.csv", File.ReadAllText(html));
    }

    [Fact]
    public void The_warning_is_in_the_message_language()
    {
        var (dir, model) = Measure("zh");
        using var _ = dir;
        Assert.True(model.ExitCode == 0, model.Stderr);
        Assert.Contains("未测得：描述文件旁找不到训练日志 training-log.csv", model.Stderr);
        Assert.Contains("未测得：描述文件旁找不到训练清单 training-manifest.txt", model.Stderr);
    }
}
