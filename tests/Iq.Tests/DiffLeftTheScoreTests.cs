using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary><c>iq diff</c>: a row that failed or errored and is no longer counted (→ not applicable, to judge, or gone) is
/// not better: it left the score, nothing showing the requirement met. It is listed on its own and counts against the newer
/// audit (exit 1), as a worse row does (fresh-eyes F-B3: a plan edit declaring failing rows not applicable read as 11
/// improvements).</summary>
public class DiffLeftTheScoreTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    static string Results(TempDir dir, string name, Action<System.Text.Json.Nodes.JsonNode>? edit = null)
    {
        var bundle = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Sample("failing"), "*.json*")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        if (edit is not null)
        {
            var path = Path.Combine(bundle, "plan.json");
            var plan = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
            edit(plan["facts"]!);
            File.WriteAllText(path, plan.ToJsonString());
        }
        var json = Path.Combine(dir.Path, name + ".json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--lang", "en", "--as-of", TestClock.SamplesDay, "-q");
        Assert.True(run.ExitCode is 0 or 1, run.Stdout + run.Stderr);
        return json;
    }

    static System.Text.Json.Nodes.JsonObject Na(string why) => new() { ["not_applicable"] = why };

    /// <summary>The F-B3 repro's two results files: the failing sample, then the same with the plan declaring hardware, stages,
    /// software, error rate and data imports not applicable. Before, each failed GPU-memory row, stage f and errors[16]
    /// (fail → notapplicable) was "better".</summary>
    [Fact]
    public void A_failed_row_that_left_the_score_is_not_better()
    {
        using var dir = new TempDir();
        var before = Results(dir, "before");
        var after = Results(dir, "after", f =>
        {
            f["hardware"] = Na("云端部署，由云服务商提供主机");
            f["stages"] = Na("采用厂商标准流程");
            f["software"] = Na("容器化部署方式");
            f["acceptance"]!["max_error_rate"] = Na("按合同另行约定");
            f["data_imports"] = Na("数据由医院自行导入");
        });
        var run = CliRunner.InProcess("diff", before, after, "--lang", "en");
        Assert.Equal(1, run.ExitCode);
        var lines = run.Stdout.Replace("\r\n", "\n").Split('\n');
        foreach (var id in new[] { @"6\.1\.1a\.gpu-memory\[0\]", @"6\.1\.1b\.stage\[f\]", @"6\.4\.2d\.errors\[16\]" })
            Assert.Contains(lines, l => Regex.IsMatch(l, $@"^  LEFT    {id}\s+fail → (notchecked|notapplicable)  "));
        // No failed or errored row that is no longer counted is called better.
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^  better  .*\b(fail|error) → (notchecked|notapplicable|informational|\(none\))"));
        Assert.Matches(@"^\d+ item\(s\) changed: \d+ better, \d+ worse, \d+ left the score \(failed or errored, now not applicable or to judge: counted as worse\), \d+ other$", lines[1]);
        Assert.Matches(@"   WORSE: \d+ row\(s\) worse, \d+ failed or errored row\(s\) left the score$", lines[0]);
        var zh = CliRunner.InProcess("diff", before, after, "--lang", "zh");
        Assert.Contains(zh.Stdout.Split('\n'), l => l.StartsWith("  退出  6.1.1a.gpu-memory[0]", StringComparison.Ordinal));
    }

    /// <summary>Only failing rows leave (the plan declares its software not applicable: the Docker row, failing, goes; the
    /// others passed). Before: "0 better, 0 worse, 11 other", exit 0 — a re-audit that hid a failure read as nothing worse.</summary>
    [Fact]
    public void A_diff_whose_only_change_is_failures_leaving_the_score_exits_as_worse()
    {
        using var dir = new TempDir();
        var before = Results(dir, "before");
        var after = Results(dir, "after", f => f["software"] = Na("容器化部署方式"));
        var run = CliRunner.InProcess("diff", before, after, "--lang", "en");
        Assert.True(run.ExitCode == 1, run.Stdout);
        Assert.Contains(run.Stdout.Split('\n'), l => Regex.IsMatch(l, @"^  LEFT    6\.1\.1a\.sw\[Docker\]\s+fail → \(none\)"));
        Assert.Contains("WORSE", run.Stdout.Split('\n')[0]);
        // -q: the verdict line alone says it too, and the exit code is the same.
        var quiet = CliRunner.InProcess("-q", "diff", before, after, "--lang", "en");
        Assert.Equal(1, quiet.ExitCode);
        Assert.Contains("left the score", quiet.Stdout);
    }
}
